/**
 * An Idempotency-Key for one thing the user means to do (SPEC §8): kept while she retries after a
 * lost answer, so that a flaky connection never makes the server act twice.
 */
export const newIdempotencyKey = (): string => crypto.randomUUID();
