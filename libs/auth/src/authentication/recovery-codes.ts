import { createHash, randomInt } from 'node:crypto';

/**
 * Crockford's base32 alphabet, lower-cased so a phone keyboard needs no shift: no i, l, o or u,
 * and a mistyped o, i or l is read as the digit it resembles (see normaliseRecoveryCode).
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * 25 symbols of 5 bits: 125 bits per code, in five groups of five as Microsoft's recovery codes
 * are. The length is set by the hash: ASVS 5.0 (6.5.2) allows a plain hash without salt only for
 * lookup secrets of at least 112 bits, because an attacker holding a database dump tests each
 * guess against every stored code at once. Below that, a code would need a salted password hash
 * and could no longer be found by equality.
 */
const GROUPS = 5;
const GROUP_LENGTH = 5;
const CANONICAL = new RegExp(`^[${ALPHABET}]{${GROUPS * GROUP_LENGTH}}$`);

function randomGroup(): string {
  return Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** Shown once at enrolment, e.g. `7k3mq-9dx2h-vptb5-a8wcn-e4fgr`; only their hashes are stored. */
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => Array.from({ length: GROUPS }, randomGroup).join('-'));
}

/**
 * The canonical 25-symbol form of what a user typed, or null when it cannot be a recovery code.
 * Case, spaces and dashes (as typed or as pasted from a document) do not matter, full-width
 * characters from some keyboards are folded to ASCII, and o, i and l are read as 0, 1 and 1.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Pd}]/gu, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return CANONICAL.test(code) ? code : null;
}

/**
 * SHA-256 of the canonical form, hex. A slow, salted password hash is not needed: the codes are
 * random with 125 bits of entropy, so no dictionary shortens a search of 2^125, and the unsalted hash lets
 * the caller find an unused code of the user by equality in the database. Throws for input that
 * is not a code: the caller refuses such input with normaliseRecoveryCode first.
 */
export function hashRecoveryCode(code: string): string {
  const canonical = normaliseRecoveryCode(code);
  if (canonical === null) throw new RangeError('Not a recovery code');
  return createHash('sha256').update(canonical).digest('hex');
}
