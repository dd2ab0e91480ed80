import { generateTotpCode, generateTotpSecret, totpUri, verifyTotp } from './totp';

/** RFC 6238 Appendix B: the ASCII seed "12345678901234567890" (20 bytes, SHA-1), base32-encoded. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_SHA1_VECTORS: Array<[unixSeconds: number, eightDigits: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);
const NOW = 1_700_000_015; // in the middle of step 56 666 667
const STEP = Math.floor(NOW / 30);
const codeAt = (unixSeconds: number) => generateTotpCode({ secret: RFC_SECRET, now: at(unixSeconds) });
const verify = (code: string, lastAcceptedStep: number | null = null, now = NOW) =>
  verifyTotp({ secret: RFC_SECRET, code, now: at(now), lastAcceptedStep });

describe('TOTP against RFC 6238 Appendix B (SHA-1)', () => {
  // HOTP truncation reduces modulo 10^digits, so the 6-digit code is the 8-digit one's last six.
  it.each(RFC_SHA1_VECTORS)('at %i s generates the last six digits of %s', (unixSeconds, eightDigits) => {
    expect(codeAt(unixSeconds)).toBe(eightDigits.slice(-6));
  });

  it.each(RFC_SHA1_VECTORS)(
    'at %i s accepts the last six digits of %s at step floor(T / 30)',
    (unixSeconds, eightDigits) => {
      expect(verify(eightDigits.slice(-6), null, unixSeconds)).toEqual({
        ok: true,
        step: Math.floor(unixSeconds / 30),
      });
    },
  );
});

describe('verifyTotp', () => {
  it('accepts the current code and returns its step', () => {
    expect(verify(codeAt(NOW))).toEqual({ ok: true, step: STEP });
  });

  it('accepts one step of drift either way and returns the step that matched', () => {
    expect(verify(codeAt(NOW - 30))).toEqual({ ok: true, step: STEP - 1 });
    expect(verify(codeAt(NOW + 30))).toEqual({ ok: true, step: STEP + 1 });
  });

  it('refuses two steps of drift either way', () => {
    expect(verify(codeAt(NOW - 60))).toEqual({ ok: false });
    expect(verify(codeAt(NOW + 60))).toEqual({ ok: false });
  });

  it('refuses a wrong code', () => {
    const window = [codeAt(NOW - 30), codeAt(NOW), codeAt(NOW + 30)];
    const wrong = ['000000', '123456', '999999'].find((code) => !window.includes(code))!;
    expect(verify(wrong)).toEqual({ ok: false });
  });

  it('never accepts a step twice, even while the code is still in the window', () => {
    const code = codeAt(NOW);
    const first = verify(code);
    expect(first).toEqual({ ok: true, step: STEP });
    expect(verify(code, STEP)).toEqual({ ok: false });
    expect(verify(code, STEP, NOW + 20)).toEqual({ ok: false });
  });

  it('refuses an older code once a newer one was accepted', () => {
    expect(verify(codeAt(NOW + 30))).toEqual({ ok: true, step: STEP + 1 });
    expect(verify(codeAt(NOW), STEP + 1)).toEqual({ ok: false });
    expect(verify(codeAt(NOW - 30), STEP + 1)).toEqual({ ok: false });
  });

  it('accepts any step after the last accepted one', () => {
    expect(verify(codeAt(NOW), STEP - 1)).toEqual({ ok: true, step: STEP });
    expect(verify(codeAt(NOW + 30), STEP)).toEqual({ ok: true, step: STEP + 1 });
  });

  it('refuses without throwing when the last accepted step lies beyond the window (clock set back)', () => {
    expect(verify(codeAt(NOW), STEP + 5)).toEqual({ ok: false });
  });

  it('ignores whitespace around and inside the code', () => {
    const code = codeAt(NOW);
    expect(verify(` ${code}\n`)).toEqual({ ok: true, step: STEP });
    expect(verify(`${code.slice(0, 3)} ${code.slice(3)}`)).toEqual({ ok: true, step: STEP });
  });

  it('refuses input that is not six ASCII digits without throwing', () => {
    const code = codeAt(NOW);
    const malformed = [
      '',
      '      ',
      code.slice(1),
      `${code}0`,
      `0${code}`,
      'abcdef',
      `${code.slice(1)}a`,
      `+${code.slice(1)}`,
    ];
    malformed.push(code.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))); // full-width digits
    for (const input of malformed) expect(verify(input)).toEqual({ ok: false });
  });

  it('throws for a stored secret that does not decode: a data fault, not a wrong code', () => {
    expect(() => verifyTotp({ secret: 'not base32!', code: '123456', now: at(NOW), lastAcceptedStep: null })).toThrow();
  });
});

describe('generateTotpSecret', () => {
  it('makes a 160-bit secret in base32 that codes can be made and checked with', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const code = generateTotpCode({ secret, now: at(NOW) });
    expect(verifyTotp({ secret, code, now: at(NOW), lastAcceptedStep: null })).toEqual({ ok: true, step: STEP });
  });
});

describe('totpUri', () => {
  it('builds the otpauth:// URL authenticator apps read', () => {
    const url = new URL(
      totpUri({ secret: RFC_SECRET, accountName: 'maria+kupang@example.org', issuer: 'Pendamping SoE' }),
    );
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Pendamping SoE:maria+kupang@example.org');
    expect(url.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(url.searchParams.get('issuer')).toBe('Pendamping SoE');
    expect(url.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
    expect(url.searchParams.get('digits') ?? '6').toBe('6');
    expect(url.searchParams.get('period') ?? '30').toBe('30');
  });

  it('refuses a colon or an empty value, which would split the label wrongly', () => {
    expect(() => totpUri({ secret: RFC_SECRET, accountName: 'a:b@example.org', issuer: 'Pendamping' })).toThrow(
      RangeError,
    );
    expect(() => totpUri({ secret: RFC_SECRET, accountName: 'maria@example.org', issuer: 'A: B' })).toThrow(RangeError);
    expect(() => totpUri({ secret: RFC_SECRET, accountName: ' ', issuer: 'Pendamping' })).toThrow(RangeError);
  });
});
