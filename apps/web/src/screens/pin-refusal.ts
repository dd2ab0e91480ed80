import type { MessageKey } from '../i18n/messages';
import { pinProblem } from '../offline/pin-rule';
import { VaultError } from '../offline/vault-error';

/** What a PIN form says before anything is made or sent (the label, the PIN rule, the two PINs alike). */
export class FormRefusal extends Error {
  constructor(readonly refusal: MessageKey) {
    super(refusal);
  }
}

const PIN_RULE_MESSAGES: Record<string, MessageKey> = {
  'pin-too-short': 'pinTooShort',
  'passphrase-too-short': 'passphraseTooShort',
};

/** Throws the refusal of a new PIN and its confirmation, if any. */
export function checkNewPin(pin: string, again: string): void {
  const problem = pinProblem(pin);
  if (problem) throw new FormRefusal(PIN_RULE_MESSAGES[problem]!);
  if (pin !== again) throw new FormRefusal('setupPinMismatch');
}

/** The message of a refused PIN, whether the form or the store refused it; undefined for any other failure. */
export function pinRefusalMessage(error: unknown): MessageKey | undefined {
  if (error instanceof FormRefusal) return error.refusal;
  return error instanceof VaultError ? PIN_RULE_MESSAGES[error.code] : undefined;
}
