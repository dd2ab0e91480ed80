import { gcmAt, wrapKeyAt, type Sealed } from './sealed-value';

/**
 * DK wrapped by another key (the PIN key or W, SPEC §12), with AES-GCM and the copy's name as
 * associated data: the PIN copy cannot be passed off as the W copy or the other way round.
 */
const DK_USAGES: KeyUsage[] = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];

/** A fresh DK. Extractable only so that it can be wrapped at set-up; the copy kept in use is not. */
export const generateDataKey = (): Promise<CryptoKey> =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, DK_USAGES);

/** W as the server gives it (32 raw bytes): a key that only wraps and unwraps DK. */
export const importWrappingKey = (raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);

export const wrapDataKey = (dataKey: CryptoKey, by: CryptoKey, place: string): Promise<Sealed> =>
  wrapKeyAt('raw', dataKey, by, place);

/**
 * `extractable` only where DK must be wrapped again (a new PIN after recovery); the DK an unlocked
 * phone holds is never extractable, so no script running in the page can read it out.
 */
export const unwrapDataKey = (
  wrapped: Sealed,
  by: CryptoKey,
  place: string,
  extractable: boolean,
): Promise<CryptoKey> =>
  crypto.subtle.unwrapKey('raw', wrapped.data, by, gcmAt(place, wrapped.iv), 'AES-GCM', extractable, DK_USAGES);
