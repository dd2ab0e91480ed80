import { createHmac, hkdfSync } from 'node:crypto';
import { CryptoInputError } from './errors';

export const BLIND_INDEX_KEY_BYTES = 32;
/** The index of the duplicate check; pass it to deriveBlindIndexKey. */
export const SURVIVOR_DUPLICATE_INDEX = 'survivor-duplicate';
const KEY_DERIVATION_INFO_PREFIX = 'pendamping/blind-index/';

/**
 * Bits kept of each HMAC, chosen by CipherSweet's blind index planning: truncation makes
 * unrelated people share index values on purpose, so that even someone holding the database and
 * the index key cannot tell from a match that a given person is a known survivor. With N cases in
 * an organisation, about N / 2^16 unrelated cases share each value, and a survivor not yet known
 * is answered "possible duplicate" with a chance of about 1 - e^(-N / 2^16):
 *
 *   N = 100,000   1.5 unrelated cases per value   78 % false positives
 *   N =  10,000   0.15                             14 %
 *   N =   1,000   0.015                           1.5 %
 *
 * 16 is the planner's ceiling for 100,000 rows (its range there is 9 to 16 bits): one bit more
 * and, at that size, fewer than one unrelated case would share a value, so a match would start
 * to single a person out. Below that size a match says more, which the key kept outside the
 * database, the audit and the rate limit have to cover. False positives cost a coordinator's
 * look, which the answer ("possible duplicate, ask your coordinator") asks for anyway. Changing
 * the value means recomputing every stored index.
 */
export const DEFAULT_BLIND_INDEX_BITS = 16;
const HMAC_BITS = 256;
const MIN_BIRTH_YEAR = 1000;
const MAX_BIRTH_YEAR = 9999;

/**
 * Each index gets its own key, so one index's values say nothing about another's and the root
 * key is never used directly. The root key is already uniformly random, so HKDF needs no salt.
 */
export function deriveBlindIndexKey(rootKey: Buffer, indexName: string): Buffer {
  if (!Buffer.isBuffer(rootKey) || rootKey.length !== BLIND_INDEX_KEY_BYTES) {
    throw new CryptoInputError(`a blind index root key must be a Buffer of ${BLIND_INDEX_KEY_BYTES} bytes`);
  }
  if (typeof indexName !== 'string' || indexName.length === 0) {
    throw new CryptoInputError('a blind index name must be a non-empty string');
  }
  const info = Buffer.from(`${KEY_DERIVATION_INFO_PREFIX}${indexName}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', rootKey, Buffer.alloc(0), info, BLIND_INDEX_KEY_BYTES));
}

/**
 * Folds the ways one name gets written into one form: accents and letter case dropped, anything
 * that is not a letter or digit treated as a word break. Apostrophes are removed instead, because
 * Arabic-derived Indonesian names are written both with and without them (Ma'ruf, Maruf). They go
 * before NFKD, which splits the acute accent (´) into a space and a combining mark. Titles (Ibu,
 * Hj.) are kept: telling a title from a name is guesswork, and the check only ever asks a person.
 */
export function normaliseName(name: string): string {
  return name
    .replace(/['`\u00B4\u02BB\u02BC\u2018\u2019]|\p{Cf}/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * HMAC-SHA256 of the value, truncated to its first `bits` bits and written as hex, a whole number
 * of bytes with the bits past `bits` set to zero.
 */
export function blindIndex(key: Buffer, value: string, bits: number): string {
  if (!Buffer.isBuffer(key) || key.length !== BLIND_INDEX_KEY_BYTES) {
    throw new CryptoInputError(`a blind index key must be a Buffer of ${BLIND_INDEX_KEY_BYTES} bytes`);
  }
  if (!Number.isInteger(bits) || bits < 1 || bits > HMAC_BITS) {
    throw new CryptoInputError(`blind index bits must be an integer from 1 to ${HMAC_BITS}`);
  }
  const digest = createHmac('sha256', key).update(value, 'utf8').digest();
  const truncated = digest.subarray(0, Math.ceil(bits / 8));
  const unusedBits = truncated.length * 8 - bits;
  truncated[truncated.length - 1] &= (0xff << unusedBits) & 0xff;
  return truncated.toString('hex');
}

/**
 * The duplicate check's index: normalised name and birth year. A JSON array keeps the two apart
 * without relying on which characters normalisation leaves in a name.
 */
export function survivorDuplicateIndex(key: Buffer, name: string, birthYear: number): string {
  const normalisedName = normaliseName(name);
  if (normalisedName === '') {
    // Every blank name would match every other blank name.
    throw new CryptoInputError('a name without letters or digits cannot be indexed');
  }
  if (!Number.isInteger(birthYear) || birthYear < MIN_BIRTH_YEAR || birthYear > MAX_BIRTH_YEAR) {
    throw new CryptoInputError('a birth year must be a four-digit integer');
  }
  return blindIndex(key, JSON.stringify([normalisedName, birthYear]), DEFAULT_BLIND_INDEX_BITS);
}
