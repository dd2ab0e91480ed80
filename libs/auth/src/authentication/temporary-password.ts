import { randomInt } from 'node:crypto';

/** No 0/o, 1/l/i: the halves are read aloud or copied by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const HALF_LENGTH = 10;

export interface TemporaryPassword {
  /** The requester's half, typed first. */
  firstHalf: string;
  /** The approver's half, typed after the first. */
  secondHalf: string;
  /** What the subject signs in with: the first half, then the second. */
  whole: string;
}

const half = () => Array.from({ length: HALF_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/**
 * A temporary password in two halves of about 50 bits each (SPEC §8): neither holder alone can
 * guess the other half, so only the subject, given both, signs in.
 */
export function generateTemporaryPassword(): TemporaryPassword {
  const firstHalf = half();
  const secondHalf = half();
  return { firstHalf, secondHalf, whole: `${firstHalf}${secondHalf}` };
}
