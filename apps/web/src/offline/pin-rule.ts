/**
 * SPEC §12: a PIN of at least 8 digits, or a passphrase. Each guess at a copied store costs one
 * Argon2id evaluation, so the length is what bounds an offline attack: 8 digits are 10^8 guesses.
 * A passphrase (anything that is not all digits) must be at least as long, 8 characters from a
 * larger alphabet, so no accepted secret is weaker than the shortest accepted PIN.
 */
export const MIN_PIN_DIGITS = 8;
export const MIN_PASSPHRASE_CHARACTERS = 8;

export type PinProblem = 'pin-too-short' | 'passphrase-too-short';

/**
 * The same passphrase typed on two keyboards can arrive in two Unicode forms (a precomposed "é"
 * or "e" and a combining accent): NFC makes them one, so both unlock.
 */
export const normalisePin = (pin: string): string => pin.normalize('NFC');

/** Why a PIN is refused, or undefined when it is acceptable. */
export function pinProblem(pin: string): PinProblem | undefined {
  const normal = normalisePin(pin);
  const characters = [...normal].length;
  if (/^[0-9]*$/.test(normal)) return characters >= MIN_PIN_DIGITS ? undefined : 'pin-too-short';
  return characters >= MIN_PASSPHRASE_CHARACTERS ? undefined : 'passphrase-too-short';
}
