import { createCipheriv, createDecipheriv, KeyObject, randomBytes } from 'node:crypto';
import { CryptoInputError } from './errors';

/**
 * AES-256-GCM in the one byte layout shared by wrapped data keys and encrypted fields:
 *
 *   offset  0   1 byte    format version (AEAD_FORMAT_VERSION)
 *   offset  1  12 bytes   IV, random for every message
 *   offset 13  16 bytes   GCM authentication tag
 *   offset 29   n bytes   ciphertext, as long as the plaintext
 *
 * Random 96-bit IVs are safe because every key seals few messages: a data key seals one case's
 * fields and the master key one data key per case, far below GCM's limit of 2^32 messages a key.
 */
export const AEAD_FORMAT_VERSION = 1;
export const AEAD_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const AEAD_OVERHEAD_BYTES = 1 + IV_BYTES + TAG_BYTES;

export type AeadFailure = 'malformed' | 'unsupported-version' | 'authentication-failed';

export type AeadOpenResult = { ok: true; plaintext: Buffer } | { ok: false; reason: AeadFailure };

/**
 * Each part is written as its UTF-8 length (4 bytes, big-endian) and its bytes. Joining with a
 * separator would let ("notes|x", "y") and ("notes", "x|y") authenticate the same bytes; with a
 * length prefix every byte string decodes to exactly one list of parts. The format version is
 * bound too, so a later format can never be passed off as this one.
 */
export function encodeAssociatedData(parts: readonly string[]): Buffer {
  const encoded = parts.flatMap((part) => {
    const bytes = Buffer.from(part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return [length, bytes];
  });
  return Buffer.concat([Buffer.of(AEAD_FORMAT_VERSION), ...encoded]);
}

/** An empty part would bind nothing: a ciphertext sealed for row "" would open for every row "". */
export function requireNonEmptyParts(label: string, parts: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new CryptoInputError(`${label}.${name} must be a non-empty string`);
    }
  }
}

export function aeadSeal(key: KeyObject | Buffer, plaintext: Buffer, associatedData: readonly string[]): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(encodeAssociatedData(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(AEAD_FORMAT_VERSION), iv, cipher.getAuthTag(), ciphertext]);
}

/** Returns the reason instead of throwing so each caller raises its own typed error with its own context. */
export function aeadOpen(key: KeyObject | Buffer, sealed: Buffer, associatedData: readonly string[]): AeadOpenResult {
  if (sealed.length < AEAD_OVERHEAD_BYTES) return { ok: false, reason: 'malformed' };
  if (sealed[0] !== AEAD_FORMAT_VERSION) return { ok: false, reason: 'unsupported-version' };
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, AEAD_OVERHEAD_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(encodeAssociatedData(associatedData));
  decipher.setAuthTag(tag);
  try {
    const plaintext = Buffer.concat([decipher.update(sealed.subarray(AEAD_OVERHEAD_BYTES)), decipher.final()]);
    return { ok: true, plaintext };
  } catch {
    return { ok: false, reason: 'authentication-failed' };
  }
}
