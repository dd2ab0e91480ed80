import { normalisePin, pinProblem } from './pin-rule';

describe('the PIN rule (SPEC §12: at least 8 digits, or a passphrase)', () => {
  it('takes 8 digits or more and refuses fewer', () => {
    expect(pinProblem('12345678')).toBeUndefined();
    expect(pinProblem('0000000000')).toBeUndefined();
    expect(pinProblem('1234567')).toBe('pin-too-short');
    expect(pinProblem('')).toBe('pin-too-short');
  });

  it('takes a passphrase of 8 characters or more, counted as characters rather than bytes', () => {
    expect(pinProblem('kopi pagi')).toBeUndefined();
    expect(pinProblem('kopi')).toBe('passphrase-too-short');
    expect(pinProblem('1234567a')).toBeUndefined();
    expect(pinProblem('ééééééé')).toBe('passphrase-too-short');
  });

  it('reads the two Unicode forms of one passphrase as the same secret', () => {
    expect(normalisePin('cafe\u0301 susu')).toBe(normalisePin('caf\u00e9 susu'));
  });
});
