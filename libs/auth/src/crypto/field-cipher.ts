import { AEAD_PADDED_FORMAT_VERSION, aeadOpen, aeadSeal, requireNonEmptyParts } from './aead';
import { assertDataKey } from './data-keys';
import { CryptoInputError, FieldDecryptionError } from './errors';

/**
 * Encrypts one identifying or sensitive column value with its owner's data key. The stored
 * bytes are the AEAD layout of ./aead.ts in its padded format 2: 1 version byte (2), 12-byte
 * random IV, 16-byte GCM tag, then the UTF-8 plaintext padded to its length bucket (32, 64, 128 …
 * bytes), so the length of a sealed name does not tell the name's length. Values sealed in
 * format 1 (unpadded) still open; they are padded when next written.
 */
const FIELD_PURPOSE = 'pendamping/field';
const LONE_SURROGATE = /\p{Surrogate}/u;

export interface FieldContext {
  table: string;
  column: string;
  rowId: string;
}

/** Binding table, column and row means a ciphertext copied anywhere else does not decrypt. */
function fieldAssociatedData(context: FieldContext): string[] {
  requireNonEmptyParts('context', { table: context.table, column: context.column, rowId: context.rowId });
  return [FIELD_PURPOSE, context.table, context.column, context.rowId];
}

export function encryptField(dataKey: Buffer, plaintext: string, context: FieldContext): Buffer {
  assertDataKey(dataKey);
  if (typeof plaintext !== 'string') throw new CryptoInputError('a field plaintext must be a string');
  // UTF-8 encoding would silently turn a lone surrogate into U+FFFD: the stored value would differ from the one given.
  if (LONE_SURROGATE.test(plaintext)) throw new CryptoInputError('a field plaintext must be well-formed Unicode');
  return aeadSeal(dataKey, Buffer.from(plaintext, 'utf8'), fieldAssociatedData(context), AEAD_PADDED_FORMAT_VERSION);
}

/** Throws FieldDecryptionError for a wrong key, another row or column, tampering, or bytes of another format. */
export function decryptField(dataKey: Buffer, ciphertext: Buffer, context: FieldContext): string {
  assertDataKey(dataKey);
  if (!Buffer.isBuffer(ciphertext)) throw new CryptoInputError('a field ciphertext must be a Buffer');
  const opened = aeadOpen(dataKey, ciphertext, fieldAssociatedData(context));
  if (!opened.ok) throw new FieldDecryptionError(context, opened.reason);
  return opened.plaintext.toString('utf8');
}
