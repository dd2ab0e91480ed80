import { DomainError } from '../errors/domain-error';
import { expectedVersion } from './expected-version';

describe('expectedVersion', () => {
  it('reads a quoted, weak or bare If-Match', () => {
    expect(expectedVersion('"3"', undefined)).toBe(3);
    expect(expectedVersion('W/"4"', undefined)).toBe(4);
    expect(expectedVersion('5', undefined)).toBe(5);
  });

  it('falls back to the body version', () => {
    expect(expectedVersion(undefined, 2)).toBe(2);
  });

  it('answers 428 when neither is sent', () => {
    expect(() => expectedVersion(undefined, undefined)).toThrow(
      expect.objectContaining({ kind: 'precondition-required' }) as DomainError,
    );
  });

  it('refuses a header and body that disagree', () => {
    expect(() => expectedVersion('"3"', 4)).toThrow(/disagree/);
  });
});
