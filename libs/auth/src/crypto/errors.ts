import type { AeadFailure } from './aead';

/**
 * Base of every error thrown by the field-encryption primitives. Messages name keys by id and
 * records by table, column and id, never a value or key material, so they are safe to log.
 */
export abstract class CryptoError extends Error {
  readonly logSafe = true;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A caller passed something these primitives refuse to work with: a programming error, not bad data. */
export class CryptoInputError extends CryptoError {}

export class MasterKeyringConfigError extends CryptoError {
  constructor(readonly problems: readonly string[]) {
    super(`FIELD_ENCRYPTION_KEYS is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Data was sealed with a master key that is no longer (or not yet) configured. */
export class UnknownMasterKeyError extends CryptoError {
  constructor(readonly keyId: string) {
    super(`No master key with id "${keyId}" is configured in FIELD_ENCRYPTION_KEYS`);
  }
}

export class DataKeyUnwrapError extends CryptoError {
  constructor(
    readonly owner: { readonly table: string; readonly id: string },
    readonly masterKeyId: string,
    readonly reason: AeadFailure,
  ) {
    super(`Could not unwrap the data key of ${owner.table} ${owner.id} with master key "${masterKeyId}": ${reason}`);
  }
}

export class FieldDecryptionError extends CryptoError {
  constructor(
    readonly context: { readonly table: string; readonly column: string; readonly rowId: string },
    readonly reason: AeadFailure,
  ) {
    super(`Could not decrypt ${context.table}.${context.column} of row ${context.rowId}: ${reason}`);
  }
}
