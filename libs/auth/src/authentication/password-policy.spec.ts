import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

const noContext = {};
const TOO_SHORT = `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
const TOO_LONG = `Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
const UNTYPEABLE = 'Password must not contain control characters or characters that are not valid text.';
const personal = { email: 'maria.kolo@example.org', name: 'Maria Yohana Kolo' };

describe('checkPassword', () => {
  it('accepts a passphrase without any composition rule', () => {
    expect(checkPassword('kopi susu di pagi hari', noContext)).toEqual([]);
    expect(checkPassword('jalanjalankeluarkota', noContext)).toEqual([]);
  });

  it('counts code points: twelve emoji or Javanese letters are enough, eleven are not', () => {
    // Each emoji is two UTF-16 code units and each Javanese letter three UTF-8 bytes.
    expect(checkPassword('🌺'.repeat(11), noContext)).toEqual([TOO_SHORT]);
    expect(checkPassword('🌺'.repeat(12), noContext)).toEqual([]);
    expect(checkPassword('ꦱꦼꦏꦂꦩꦭꦠꦶꦱꦼꦏꦂ'.slice(0, 11), noContext)).toEqual([TOO_SHORT]);
    expect(checkPassword('ꦱꦼꦏꦂꦩꦭꦠꦶꦱꦼꦏꦂ', noContext)).toEqual([]);
  });

  it('counts a decomposed accent as the one character it is once normalised', () => {
    expect(checkPassword('kafe\u0301'.repeat(2) + 'abc', noContext)).toEqual([TOO_SHORT]);
  });

  it('allows at least 64 characters and at most 128', () => {
    const words = 'tenun ikat dari sumba timur ';
    expect(checkPassword(words.repeat(3).slice(0, 64), noContext)).toEqual([]);
    expect(checkPassword(words.repeat(5).slice(0, PASSWORD_MAX_LENGTH), noContext)).toEqual([]);
    expect(checkPassword(words.repeat(5).slice(0, PASSWORD_MAX_LENGTH + 1), noContext)).toEqual([TOO_LONG]);
  });

  it('refuses control characters, lone surrogates and unassigned code points', () => {
    for (const password of [
      'kopi susu\tdi pagi',
      'kopi susu di pagi\n',
      'kopi susu di \ud83cpagi',
      'kopi susu di \u0378pagi',
    ]) {
      expect(checkPassword(password, noContext)).toEqual([UNTYPEABLE]);
    }
  });

  it('keeps emoji sequences joined with a zero-width joiner', () => {
    expect(checkPassword('👩‍👧 ibu dan anak perempuan', noContext)).toEqual([]);
  });

  it('refuses a common password in any letter case', () => {
    expect(checkPassword('qwerty123456', noContext)).toHaveLength(1);
    expect(checkPassword('QWERTY123456', noContext)).toEqual(checkPassword('qwerty123456', noContext));
    expect(checkPassword('Password1234', noContext)).toHaveLength(1);
  });

  it('refuses the email local part, whole or in pieces, and name parts of four or more letters', () => {
    expect(checkPassword('Maria.Kolo-sejak-1990', personal)).toEqual([
      'Password must not contain your name or your email address.',
    ]);
    expect(checkPassword('sayang YOHANA selalu', personal)).toHaveLength(1);
    expect(checkPassword('sayang kolo selalu!!', personal)).toHaveLength(1);
  });

  it('ignores name parts shorter than four letters', () => {
    expect(checkPassword('ana suka kopi susu', { email: 'ana@example.org', name: 'Ana Ite' })).toEqual([]);
  });

  it('refuses the application name in any case', () => {
    expect(checkPassword('PendampingKupang2026', noContext)).toEqual([
      'Password must not contain the name of this application.',
    ]);
  });

  it('reports every problem at once and never repeats the password', () => {
    const password = 'Maria\u0000';
    const problems = checkPassword(password, personal);
    expect(problems).toHaveLength(3);
    for (const problem of problems) expect(problem).not.toContain('Maria');
  });
});
