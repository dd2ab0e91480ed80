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

export const associatedData = (place: string): Uint8Array<ArrayBuffer> => encoder.encode(place);

export const freshIv = (): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(IV_BYTES));

/** JSON padded with trailing spaces, which JSON.parse ignores: no length prefix or marker to get wrong. */
export function padded(value: unknown): Uint8Array<ArrayBuffer> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error('only JSON values can be sealed');
  const bytes = encoder.encode(json);
  const length = Math.ceil((bytes.length + 1) / PAD_TO) * PAD_TO;
  const out = new Uint8Array(length).fill(0x20);
  out.set(bytes);
  bytes.fill(0);
  return out;
}

export async function sealValue(key: CryptoKey, place: string, value: unknown): Promise<Sealed> {
  const iv = freshIv();
  const plain = padded(value);
  try {
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(place) },
      key,
      plain,
    );
    return { iv, data };
  } finally {
    plain.fill(0);
  }
}

/** Throws (an OperationError) when the key is wrong, the value was altered, or it was sealed for another place. */
export async function openValue<Value>(key: CryptoKey, place: string, sealed: Sealed): Promise<Value> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: associatedData(place) },
    key,
    sealed.data,
  );
  return parsed<Value>(plain);
}

export const parsed = <Value>(plain: ArrayBuffer): Value => JSON.parse(decoder.decode(plain)) as Value;
