import { clientRequestIdOf } from './request-ids';

describe('clientRequestIdOf', () => {
  it('keeps a plain id as it is', () => {
    expect(clientRequestIdOf({ 'x-request-id': 'app-7f3a.42:retry' })).toBe('app-7f3a.42:retry');
  });

  it('strips what could inject into a log line or a spreadsheet and caps the length', () => {
    expect(clientRequestIdOf({ 'x-request-id': '=cmd|"/c calc"!A1\r\nforged: yes' })).toBe('cmdccalcA1forged:yes');
    expect(clientRequestIdOf({ 'x-request-id': 'a'.repeat(500) })).toHaveLength(64);
  });

  it('is none when absent, repeated or empty once cleaned', () => {
    expect(clientRequestIdOf({})).toBeNull();
    expect(clientRequestIdOf({ 'x-request-id': '<<>>' })).toBeNull();
  });
});
