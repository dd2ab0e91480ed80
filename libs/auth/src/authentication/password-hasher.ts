import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify, type Options } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: 19 MiB of memory, 2 passes, 1 lane. Each hash
 * carries its own parameters in its PHC string, so raising these later keeps older hashes
 * verifiable.
 */
const ARGON2ID_OPTIONS: Options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The same password typed on a phone and on a laptop can reach us as different code point
 * sequences (composed or decomposed accents, full-width forms from some keyboards). NIST SP
 * 800-63B asks verifiers to apply NFKC or NFKD before hashing so that both still match; this is
 * not the truncation or case folding that ASVS 5.0 (6.2.8) forbids. Changing this form later
 * would lock out every user whose password it affects.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

export async function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password), ARGON2ID_OPTIONS);
}

/** False, never an exception, for a stored hash that does not parse: the login answers as for a wrong password. */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalisePassword(password));
  } catch {
    // A malformed hash fails in microseconds; spending the usual time keeps that account
    // indistinguishable from the others by response time.
    await verifyPasswordAgainstDummy(password);
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * For an unknown or locked account: spends the time of one real verification, so that response
 * time does not reveal whether an email address has an account. The dummy hash uses the current
 * parameters and is computed once, on first use; its password is random and never matches.
 */
export async function verifyPasswordAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(32), ARGON2ID_OPTIONS).catch((error: unknown) => {
    // A failed computation must not be cached, or every later call would fail too.
    dummyHash = undefined;
    throw error;
  });
  await verify(await dummyHash, normalisePassword(password));
  return false;
}
