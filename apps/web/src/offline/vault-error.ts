import { type PinProblem } from './pin-rule';

/** Why the store refused: a code the screens turn into a message of the catalogue. */
export type VaultErrorCode = PinProblem | 'already-set-up' | 'not-set-up' | 'locked' | 'wrong-wrapping-key';

export class VaultError extends Error {
  constructor(readonly code: VaultErrorCode) {
    super(code);
    this.name = 'VaultError';
  }
}
