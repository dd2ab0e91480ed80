import { createHmac } from 'node:crypto';
import {
  blindIndex,
  DEFAULT_BLIND_INDEX_BITS,
  deriveBlindIndexKey,
  normaliseName,
  SURVIVOR_DUPLICATE_INDEX,
  survivorDuplicateIndex,
} from './blind-index';
import { CryptoInputError } from './errors';

const rootKey = Buffer.alloc(32, 7);
const otherRootKey = Buffer.alloc(32, 8);
const duplicateKey = deriveBlindIndexKey(rootKey, SURVIVOR_DUPLICATE_INDEX);

describe('deriveBlindIndexKey', () => {
  it('is HKDF-SHA256 without salt, info "pendamping/blind-index/<name>", 32 bytes (stored indexes depend on it)', () => {
    const pseudoRandomKey = createHmac('sha256', Buffer.alloc(32)).update(rootKey).digest();
    const expected = createHmac('sha256', pseudoRandomKey)
      .update(Buffer.concat([Buffer.from('pendamping/blind-index/survivor-duplicate'), Buffer.of(1)]))
      .digest();
    expect(duplicateKey.equals(expected)).toBe(true);
  });

  it('gives each index and each root key its own key, never the root key itself', () => {
    const keys = [
      duplicateKey,
      deriveBlindIndexKey(rootKey, 'phone'),
      deriveBlindIndexKey(otherRootKey, SURVIVOR_DUPLICATE_INDEX),
      rootKey,
    ];
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(keys.length);
    expect(deriveBlindIndexKey(rootKey, SURVIVOR_DUPLICATE_INDEX).equals(duplicateKey)).toBe(true);
  });

  it('refuses a root key that is not 32 bytes and an empty index name', () => {
    expect(() => deriveBlindIndexKey(Buffer.alloc(16), 'x')).toThrow(CryptoInputError);
    expect(() => deriveBlindIndexKey(rootKey, '')).toThrow(CryptoInputError);
  });
});

describe('normaliseName', () => {
  it.each([
    ['  Maria  Kolo ', 'maria kolo'],
    ['MARIA\tKOLO\n', 'maria kolo'],
    ['José', 'jose'],
    ['Jose\u0301', 'jose'],
    ['Ñoño Müller-Çelik', 'nono muller celik'],
    ["Ma'ruf Amin", 'maruf amin'],
    ['Ma’ruf Amin', 'maruf amin'],
    ['Ma´ruf Amin', 'maruf amin'],
    ['M.Yusuf', 'm yusuf'],
    ['M. Yusuf', 'm yusuf'],
    ['Siti,  Aminah (Ina)', 'siti aminah ina'],
    ['Maria\u00a0Kolo', 'maria kolo'],
    ['Ma\u200bria Kolo', 'maria kolo'],
    ['Ｍａｒｉａ', 'maria'],
    ['İbu Ayşe', 'ibu ayse'],
    ['Hj. Nur Hayati, S.Pd.', 'hj nur hayati s pd'],
    ['Agus 2', 'agus 2'],
    [" .-' ", ''],
  ])('%j becomes %j', (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });
});

describe('blindIndex', () => {
  it('is deterministic', () => {
    expect(blindIndex(duplicateKey, 'maria kolo', 16)).toBe(blindIndex(duplicateKey, 'maria kolo', 16));
  });

  it('differs between keys and between values', () => {
    const otherKey = deriveBlindIndexKey(otherRootKey, SURVIVOR_DUPLICATE_INDEX);
    expect(blindIndex(duplicateKey, 'maria kolo', 256)).not.toBe(blindIndex(otherKey, 'maria kolo', 256));
    expect(blindIndex(duplicateKey, 'maria kolo', 16)).not.toBe(blindIndex(otherKey, 'maria kolo', 16));
    expect(blindIndex(duplicateKey, 'maria kolo', 256)).not.toBe(blindIndex(duplicateKey, 'maria kola', 256));
  });

  it('keeps the leading bits of HMAC-SHA256, as hex', () => {
    const full = createHmac('sha256', duplicateKey).update('maria kolo').digest('hex');
    expect(blindIndex(duplicateKey, 'maria kolo', 256)).toBe(full);
    expect(blindIndex(duplicateKey, 'maria kolo', 16)).toBe(full.slice(0, 4));
    expect(blindIndex(duplicateKey, 'maria kolo', 8)).toHaveLength(2);
  });

  it('zeroes the bits past a length that is not a whole number of bytes', () => {
    const full = Buffer.from(blindIndex(duplicateKey, 'maria kolo', 256), 'hex');
    const twelve = Buffer.from(blindIndex(duplicateKey, 'maria kolo', 12), 'hex');
    expect(twelve).toHaveLength(2);
    expect(twelve[0]).toBe(full[0]);
    expect(twelve[1]).toBe(full[1] & 0xf0);
    expect(blindIndex(duplicateKey, 'maria kolo', 1)).toMatch(/^(00|80)$/);
  });

  it.each([0, 257, 15.5, Number.NaN])('refuses %p bits', (bits) => {
    expect(() => blindIndex(duplicateKey, 'maria kolo', bits)).toThrow(CryptoInputError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => blindIndex(Buffer.alloc(31), 'maria kolo', 16)).toThrow(CryptoInputError);
  });
});

describe('survivorDuplicateIndex', () => {
  it('is the default-length blind index of the JSON array [normalised name, birth year]', () => {
    const index = survivorDuplicateIndex(duplicateKey, '  Maria  Kolo ', 1990);
    expect(index).toBe(blindIndex(duplicateKey, '["maria kolo",1990]', DEFAULT_BLIND_INDEX_BITS));
    expect(index).toBe('3292');
    expect(DEFAULT_BLIND_INDEX_BITS).toBe(16);
  });

  it('matches the same person written differently', () => {
    expect(survivorDuplicateIndex(duplicateKey, 'José Ma’ruf', 2001)).toBe(
      survivorDuplicateIndex(duplicateKey, 'jose  maruf', 2001),
    );
  });

  it('differs by birth year and by index key', () => {
    const otherKey = deriveBlindIndexKey(otherRootKey, SURVIVOR_DUPLICATE_INDEX);
    expect(survivorDuplicateIndex(duplicateKey, 'Maria Kolo', 1990)).not.toBe(
      survivorDuplicateIndex(duplicateKey, 'Maria Kolo', 1991),
    );
    expect(survivorDuplicateIndex(duplicateKey, 'Maria Kolo', 1990)).not.toBe(
      survivorDuplicateIndex(otherKey, 'Maria Kolo', 1990),
    );
  });

  it('refuses a name with nothing left to index and a year that is not four digits, without quoting the name', () => {
    const canary = 'CANARY';
    for (const attempt of [
      () => survivorDuplicateIndex(duplicateKey, ' -- ', 1990),
      () => survivorDuplicateIndex(duplicateKey, canary, 90),
      () => survivorDuplicateIndex(duplicateKey, canary, 1990.5),
    ]) {
      expect(attempt).toThrow(CryptoInputError);
      expect(attempt).not.toThrow(/canary/i);
    }
  });
});
