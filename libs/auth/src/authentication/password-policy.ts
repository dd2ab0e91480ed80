import { dictionary } from '@zxcvbn-ts/language-common';
import { normalisePassword } from './password-hasher';

/**
 * Lengths are counted in Unicode code points of the normalised password, as NIST SP 800-63B
 * asks: a user typing Javanese script, Arabic or emoji gets the same budget as one typing ASCII.
 * UTF-16 code units (`string.length`) would count an emoji as two characters, and UTF-8 bytes
 * would count each Javanese letter as three, letting a 4-character password pass as 12.
 * Twelve is above ASVS 5.0's floor of 8 (6.2.1, which recommends 15) and is ASVS 4's minimum;
 * 128 is well past the 64 that ASVS 5.0 asks us to allow (6.2.9), room for a long passphrase
 * while keeping input to the hash bounded.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Fragments shorter than this would refuse ordinary passwords by coincidence (a user named
 * "Ana" could use no password containing "ana").
 */
const MIN_CONTEXT_WORD_LENGTH = 4;

const APPLICATION_WORDS = ['pendamping'];

/**
 * Control characters cannot be typed reliably and usually mean a paste went wrong; a lone
 * surrogate is not text at all; an unassigned code point may normalise differently once a later
 * Unicode version assigns it, which would lock the user out after a Node.js upgrade. Format
 * characters stay allowed: emoji sequences need the zero-width joiner.
 */
const UNTYPEABLE = /[\p{Cc}\p{Cs}\p{Cn}]/u;

export interface PasswordContext {
  email?: string;
  name?: string;
}

let commonPasswords: ReadonlySet<string> | undefined;

function isCommonPassword(lowerCased: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(lowerCased);
}

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= MIN_CONTEXT_WORD_LENGTH);
}

/** Before the last "@": a quoted local part may itself contain one. */
function localPartOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at === -1 ? email : email.slice(0, at);
}

/** The email's local part whole ("maria.kolo") and in its pieces ("maria", "kolo"), and each part of the name. */
function contextWords({ email, name }: PasswordContext): string[] {
  const found: string[] = [];
  const localPart = localPartOf(email ?? '')
    .normalize('NFKC')
    .toLowerCase();
  if ([...localPart].length >= MIN_CONTEXT_WORD_LENGTH) found.push(localPart);
  found.push(...words(localPart), ...words(name ?? ''));
  return found;
}

/**
 * ASVS 5.0 §6.2: length over composition, no rules about character classes, any printable
 * Unicode (spaces included), no password from a list of common ones, none built from the user's
 * own name or address or the application's name. Returns the problems for a human to read,
 * empty when the password is acceptable. No message repeats the password or the context.
 */
export function checkPassword(password: string, context: PasswordContext): string[] {
  const normalised = normalisePassword(password);
  const lowerCased = normalised.toLowerCase();
  const length = [...normalised].length;
  const problems: string[] = [];

  if (length < PASSWORD_MIN_LENGTH) problems.push(`Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  if (UNTYPEABLE.test(normalised))
    problems.push('Password must not contain control characters or characters that are not valid text.');
  if (isCommonPassword(lowerCased))
    problems.push('Password is one of the most commonly used passwords; choose another.');
  if (contextWords(context).some((word) => lowerCased.includes(word))) {
    problems.push('Password must not contain your name or your email address.');
  }
  if (APPLICATION_WORDS.some((word) => lowerCased.includes(word))) {
    problems.push('Password must not contain the name of this application.');
  }
  return problems;
}
