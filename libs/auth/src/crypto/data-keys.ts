import { randomBytes } from 'node:crypto';
import { AEAD_KEY_BYTES, AEAD_OVERHEAD_BYTES, aeadOpen, aeadSeal, requireNonEmptyParts } from './aead';
import { CryptoInputError, DataKeyUnwrapError } from './errors';
import { MasterKeyring } from './master-keyring';

/**
 * Envelope encryption: every record owner (a case) has its own random data key, stored only
 * wrapped by a master key. Deleting the wrapped key row makes every ciphertext of that owner,
 * in the database and in every backup, permanently unreadable (crypto-shredding).
 */
export const DATA_KEY_BYTES = AEAD_KEY_BYTES;
export const WRAPPED_DATA_KEY_BYTES = AEAD_OVERHEAD_BYTES + DATA_KEY_BYTES;
/** Separates wrapped data keys from field ciphertexts even if a key were ever used for both. */
const DATA_KEY_PURPOSE = 'pendamping/data-key';

export interface DataKeyOwner {
  table: string;
  id: string;
}

export interface WrappedDataKey {
  masterKeyId: string;
  wrapped: Buffer;
}

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

export function assertDataKey(dataKey: Buffer): void {
  if (!Buffer.isBuffer(dataKey) || dataKey.length !== DATA_KEY_BYTES) {
    throw new CryptoInputError(`a data key must be a Buffer of ${DATA_KEY_BYTES} bytes`);
  }
}

/** Binding the owner means a wrapped key copied onto another case's row does not unwrap there. */
function ownerAssociatedData(owner: DataKeyOwner): string[] {
  requireNonEmptyParts('owner', { table: owner.table, id: owner.id });
  return [DATA_KEY_PURPOSE, owner.table, owner.id];
}

/** Always wraps with the current master key. */
export function wrapDataKey(keyring: MasterKeyring, dataKey: Buffer, owner: DataKeyOwner): WrappedDataKey {
  assertDataKey(dataKey);
  const masterKeyId = keyring.currentKeyId;
  return { masterKeyId, wrapped: aeadSeal(keyring.key(masterKeyId), dataKey, ownerAssociatedData(owner)) };
}

/** Throws UnknownMasterKeyError when the key id is not configured, DataKeyUnwrapError when the bytes do not open. */
export function unwrapDataKey(keyring: MasterKeyring, wrapped: WrappedDataKey, owner: DataKeyOwner): Buffer {
  const associatedData = ownerAssociatedData(owner);
  const masterKey = keyring.key(wrapped.masterKeyId);
  if (wrapped.wrapped.length !== WRAPPED_DATA_KEY_BYTES) {
    throw new DataKeyUnwrapError(owner, wrapped.masterKeyId, 'malformed');
  }
  const opened = aeadOpen(masterKey, wrapped.wrapped, associatedData);
  if (!opened.ok) throw new DataKeyUnwrapError(owner, wrapped.masterKeyId, opened.reason);
  return opened.plaintext;
}

/**
 * For master key rotation: opens with whichever key wrapped it and wraps with the current one.
 * Once no row names an old key id, that key can be removed from FIELD_ENCRYPTION_KEYS.
 */
export function rewrapDataKey(keyring: MasterKeyring, wrapped: WrappedDataKey, owner: DataKeyOwner): WrappedDataKey {
  const dataKey = unwrapDataKey(keyring, wrapped, owner);
  try {
    return wrapDataKey(keyring, dataKey, owner);
  } finally {
    dataKey.fill(0);
  }
}
