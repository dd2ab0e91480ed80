/**
 * A value sealed under DK (SPEC §12): AES-256-GCM with a fresh random 96-bit IV on every write, and
 * the value's place in the store as associated data, so a sealed value moved under another key
 * (or into another store) fails to open instead of being read as something else.
 */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const IV_BYTES = 12;
/** Plaintexts are padded to a multiple of this, so a sealed name or note shows its length only roughly. */
const PAD_TO = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const associatedData = (place: string): Uint8Array<ArrayBuffer> => encoder.encode(place);

const freshIv = (): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(IV_BYTES));

/** JSON padded with trailing spaces, which JSON.parse ignores: no length prefix or marker to get wrong. */
function padded(value: unknown): Uint8Array<ArrayBuffer> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error('only JSON values can be sealed');
  const bytes = encoder.encode(json);
  const length = Math.ceil((bytes.length + 1) / PAD_TO) * PAD_TO;
  const out = new Uint8Array(length).fill(0x20);
  out.set(bytes);
  bytes.fill(0);
  return out;
}

/** AES-GCM for the value or key kept at `place`: its IV (fresh unless given) and the place as associated data. */
export const gcmAt = (place: string, iv: Uint8Array<ArrayBuffer> = freshIv()) =>
  ({ name: 'AES-GCM', iv, additionalData: associatedData(place) }) satisfies AesGcmParams;

/** Seals under any AES-GCM key that may encrypt: DK, or the one-record key of a value sealed to the phone. */
export async function sealValue(key: CryptoKey, place: string, value: unknown): Promise<Sealed> {
  const params = gcmAt(place);
  const plain = padded(value);
  try {
    return { iv: params.iv, data: await crypto.subtle.encrypt(params, key, plain) };
  } finally {
    plain.fill(0);
  }
}

/** A key wrapped by another (DK by the PIN key or W, the sealing pair's private half by DK). */
export async function wrapKeyAt(
  format: 'raw' | 'pkcs8',
  key: CryptoKey,
  by: CryptoKey,
  place: string,
): Promise<Sealed> {
  const params = gcmAt(place);
  return { iv: params.iv, data: await crypto.subtle.wrapKey(format, key, by, params) };
}

/** Throws (an OperationError) when the key is wrong, the value was altered, or it was sealed for another place. */
export async function openValue<Value>(key: CryptoKey, place: string, sealed: Sealed): Promise<Value> {
  return parsed<Value>(await crypto.subtle.decrypt(gcmAt(place, sealed.iv), key, sealed.data));
}

const parsed = <Value>(plain: ArrayBuffer): Value => JSON.parse(decoder.decode(plain)) as Value;
