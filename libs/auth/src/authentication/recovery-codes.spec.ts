import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';

const FORMAT = /^[0-9a-hjkmnp-tv-z]{5}(-[0-9a-hjkmnp-tv-z]{5}){4}$/;
const CODE = '7k3mq-9dx2h-vptb5-a8wcn-e4fgr';
const CANONICAL = '7k3mq9dx2hvptb5a8wcne4fgr';

describe('generateRecoveryCodes', () => {
  it('makes ten distinct codes of five groups of five unambiguous symbols', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(FORMAT);
  });

  it('makes as many as asked', () => {
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('draws on all 32 symbols, five bits each, so 25 symbols carry 125 bits', () => {
    const symbols = new Set(generateRecoveryCodes(200).join('').replace(/-/g, ''));
    expect(symbols.size).toBe(32);
  });
});

describe('normaliseRecoveryCode', () => {
  it('ignores case, spaces and dashes', () => {
    expect(normaliseRecoveryCode(' 7K3MQ 9dx2h–vptb5 - A8WCN e4fgr ')).toBe(CANONICAL);
  });

  it('reads o, i and l as the digits they resemble, and folds full-width characters', () => {
    expect(normaliseRecoveryCode('Oi1Lq-9dx2h-vptb5-a8wcn-e4fgr')).toBe('0111q9dx2hvptb5a8wcne4fgr');
    expect(normaliseRecoveryCode('７ｋ３ｍｑ-9dx2h-vptb5-a8wcn-e4fgr')).toBe(CANONICAL);
  });

  it('answers null for anything that cannot be a code', () => {
    for (const input of ['', CODE.slice(0, -1), `${CODE}x`, `${CODE.slice(0, -1)}u`, CODE.replace(/-/g, '_')]) {
      expect(normaliseRecoveryCode(input)).toBeNull();
    }
  });
});

describe('hashRecoveryCode', () => {
  it('hashes every way of typing a code to the same SHA-256 hex digest', () => {
    const hash = hashRecoveryCode(CODE);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(CODE.toUpperCase().replace(/-/g, ' '))).toBe(hash);
    expect(hashRecoveryCode(CANONICAL)).toBe(hash);
    expect(hashRecoveryCode(`${CODE.slice(0, -1)}s`)).not.toBe(hash);
  });

  it('refuses input that is not a code', () => {
    expect(() => hashRecoveryCode('not a code')).toThrow(RangeError);
  });
});
