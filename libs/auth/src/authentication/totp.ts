import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/**
 * SPEC §8 fixes the parameters, which are also the only ones every authenticator app honours:
 * RFC 6238 with SHA-1, 6 digits, 30-second steps, a 160-bit base32 secret (RFC 4226's
 * recommended length), one step of clock drift either way.
 *
 * otplib 13 does the RFC 4226/6238 computation: it takes the time to verify at, a tolerance and
 * a lower bound on the step (`afterTimeStep`), and reports the step that matched, which is all
 * replay protection needs. Its defaults are the same as ours; they are passed explicitly so that
 * a change of library default cannot change what we accept.
 */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const ALGORITHM = 'sha1';
const SECRET_BYTES = 20;
const DRIFT_STEPS = 1;

export type TotpVerification = { ok: true; step: number } | { ok: false };

export function generateTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/**
 * The otpauth:// URL that authenticator apps read from a QR code. The Key URI Format separates
 * issuer and account with a colon and forbids one inside either (apps would split the label
 * wrongly), and otplib does not escape it, so such a value is refused here.
 */
export function totpUri({
  secret,
  accountName,
  issuer,
}: {
  secret: string;
  accountName: string;
  issuer: string;
}): string {
  if (!isLabelPart(accountName) || !isLabelPart(issuer)) {
    throw new RangeError('A TOTP account name and issuer must be non-empty and contain no colon');
  }
  return generateURI({
    secret,
    label: accountName,
    issuer,
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}

/** The code an authenticator shows at `now`: for tests and for tooling that signs in as a user. */
export function generateTotpCode({ secret, now }: { secret: string; now: Date }): string {
  return generateSync({
    secret,
    epoch: unixSeconds(now),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}

/**
 * Accepts a code for the current step or one step either side, and only for a step later than
 * `lastAcceptedStep`: a code cannot be replayed, and once a newer code was accepted an older one
 * cannot follow it. On success the caller stores the returned step as the new
 * `lastAcceptedStep`, in the same transaction that accepts the login or the enrolment.
 *
 * Whitespace is ignored anywhere, since apps display the code as "123 456"; any other input that
 * is not six ASCII digits is a refusal, not an exception. A secret that does not decode throws:
 * it is a fault in stored data, not a wrong code, and must surface.
 */
export function verifyTotp({
  secret,
  code,
  now,
  lastAcceptedStep,
}: {
  secret: string;
  code: string;
  now: Date;
  lastAcceptedStep: number | null;
}): TotpVerification {
  const token = code.replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(token)) return { ok: false };

  const epoch = unixSeconds(now);
  const currentStep = Math.floor(epoch / PERIOD_SECONDS);
  // otplib throws when the bound lies beyond the window (a server clock set back after a login);
  // no step in the window could be accepted then anyway.
  if (lastAcceptedStep !== null && lastAcceptedStep >= currentStep + DRIFT_STEPS) return { ok: false };

  const result = verifySync({
    secret,
    token,
    epoch,
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
    epochTolerance: DRIFT_STEPS * PERIOD_SECONDS,
    afterTimeStep: lastAcceptedStep ?? undefined,
  });
  // The functional API's result type also covers HOTP, which has no `timeStep`; `delta` is the
  // matched step's offset from the current one in both.
  return result.valid ? { ok: true, step: currentStep + result.delta } : { ok: false };
}

function isLabelPart(value: string): boolean {
  return value.trim() !== '' && !value.includes(':');
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
