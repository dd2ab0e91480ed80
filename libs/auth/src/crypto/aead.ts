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
 * Format 2 is the same layout over a padded plaintext: the bytes, 0x80, then zeros up to the
 * next length bucket (a power of two, at least 32 bytes), so the stored length tells a name's
 * bucket, not its length. Format 1 (unpadded) stays readable and wraps data keys, whose length is
 * fixed anyway.
 *
 * Random 96-bit IVs are safe because every key seals few messages: a data key seals one case's
 * fields and the master key one data key per case, far below GCM's limit of 2^32 messages a key.
 */
export const AEAD_FORMAT_VERSION = 1;
export const AEAD_PADDED_FORMAT_VERSION = 2;
export type AeadFormatVersion = typeof AEAD_FORMAT_VERSION | typeof AEAD_PADDED_FORMAT_VERSION;
/** The smallest bucket: every name, phone number and NIK fits it, so all of them seal to one length. */
export const AEAD_MIN_PADDED_BYTES = 32;
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
export function encodeAssociatedData(
  parts: readonly string[],
  version: AeadFormatVersion = AEAD_FORMAT_VERSION,
): Buffer {
  const encoded = parts.flatMap((part) => {
    const bytes = Buffer.from(part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return [length, bytes];
  });
  return Buffer.concat([Buffer.of(version), ...encoded]);
}

/** The bucket a plaintext of this many bytes is padded to: room for the 0x80 marker included. */
export function paddedLength(bytes: number): number {
  let bucket = AEAD_MIN_PADDED_BYTES;
  while (bucket <= bytes) bucket *= 2;
  return bucket;
}

function pad(plaintext: Buffer): Buffer {
  const padded = Buffer.alloc(paddedLength(plaintext.length));
  plaintext.copy(padded);
  padded[plaintext.length] = 0x80;
  return padded;
}

function unpad(padded: Buffer): Buffer | undefined {
  const marker = padded.lastIndexOf(0x80);
  if (marker === -1 || padded.subarray(marker + 1).some((byte) => byte !== 0)) return undefined;
  return padded.subarray(0, marker);
}

/** An empty part would bind nothing: a ciphertext sealed for row "" would open for every row "". */
export function requireNonEmptyParts(label: string, parts: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new CryptoInputError(`${label}.${name} must be a non-empty string`);
    }
  }
}

export function aeadSeal(
  key: KeyObject | Buffer,
  plaintext: Buffer,
  associatedData: readonly string[],
  version: AeadFormatVersion = AEAD_FORMAT_VERSION,
): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(encodeAssociatedData(associatedData, version));
  const ciphertext = Buffer.concat([
    cipher.update(version === AEAD_PADDED_FORMAT_VERSION ? pad(plaintext) : plaintext),
    cipher.final(),
  ]);
  return Buffer.concat([Buffer.of(version), iv, cipher.getAuthTag(), ciphertext]);
}

/** Returns the reason instead of throwing so each caller raises its own typed error with its own context. */
export function aeadOpen(key: KeyObject | Buffer, sealed: Buffer, associatedData: readonly string[]): AeadOpenResult {
  if (sealed.length < AEAD_OVERHEAD_BYTES) return { ok: false, reason: 'malformed' };
  const version = sealed[0];
  if (version !== AEAD_FORMAT_VERSION && version !== AEAD_PADDED_FORMAT_VERSION)
    return { ok: false, reason: 'unsupported-version' };
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, AEAD_OVERHEAD_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(encodeAssociatedData(associatedData, version));
  decipher.setAuthTag(tag);
  let opened: Buffer;
  try {
    opened = Buffer.concat([decipher.update(sealed.subarray(AEAD_OVERHEAD_BYTES)), decipher.final()]);
  } catch {
    return { ok: false, reason: 'authentication-failed' };
  }
  const plaintext = version === AEAD_PADDED_FORMAT_VERSION ? unpad(opened) : opened;
  return plaintext ? { ok: true, plaintext } : { ok: false, reason: 'malformed' };
}
