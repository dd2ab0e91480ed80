import { gcmAt, openValue, sealValue, wrapKeyAt, type Sealed } from './sealed-value';

/**
 * The sealing pair (SPEC §12 "Capture only"): while DK cannot be had, a record is sealed to the
 * public half with an ephemeral ECDH P-256 key, HKDF-SHA-256 and AES-256-GCM, so the phone keeps
 * it without being able to read it back. The private half is stored wrapped by DK and opens such
 * records once DK is recovered.
 */
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const HKDF_INFO = new TextEncoder().encode('pendamping sealed record v1');

export interface SealedToPhone extends Sealed {
  /** The ephemeral public key, raw (65 bytes). */
  ephemeral: Uint8Array<ArrayBuffer>;
}

/** Extractable so that its private half can be wrapped by DK at set-up; never exported otherwise. */
export const generateSealingPair = (): Promise<CryptoKeyPair> => crypto.subtle.generateKey(CURVE, true, ['deriveBits']);

export const exportPublicKey = async (publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await crypto.subtle.exportKey('raw', publicKey));

export const importPublicKey = (raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', raw, CURVE, true, []);

/** The AES key of one sealed record: HKDF over the ECDH secret, salted with the ephemeral public key. */
async function recordKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  ephemeral: Uint8Array<ArrayBuffer>,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: ephemeral, info: HKDF_INFO },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Seals a value for `place` to the phone's public key; only the private half opens it. */
export async function sealToPhone(publicKey: CryptoKey, place: string, value: unknown): Promise<SealedToPhone> {
  const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
  const ephemeral = await exportPublicKey(pair.publicKey);
  const key = await recordKey(pair.privateKey, publicKey, ephemeral, 'encrypt');
  return { ephemeral, ...(await sealValue(key, place, value)) };
}

export async function openSealedToPhone<Value>(
  privateKey: CryptoKey,
  place: string,
  sealed: SealedToPhone,
): Promise<Value> {
  const key = await recordKey(privateKey, await importPublicKey(sealed.ephemeral), sealed.ephemeral, 'decrypt');
  return openValue<Value>(key, place, sealed);
}

/** The private half wrapped by DK (PKCS#8 under AES-GCM), and back as a non-extractable key. */
export const wrapPrivateKey = (privateKey: CryptoKey, dataKey: CryptoKey, place: string): Promise<Sealed> =>
  wrapKeyAt('pkcs8', privateKey, dataKey, place);

export const unwrapPrivateKey = (wrapped: Sealed, dataKey: CryptoKey, place: string): Promise<CryptoKey> =>
  crypto.subtle.unwrapKey('pkcs8', wrapped.data, dataKey, gcmAt(place, wrapped.iv), CURVE, false, ['deriveBits']);
