import { type Argon2Answer, type Argon2Params, type Argon2Request } from './argon2-params';
import { normalisePin } from './pin-rule';

/**
 * Runs Argon2id in a module worker made for this one derivation and ended after it, so its 19 MiB
 * are given back at once. The worker's URL is resolved by Vite at build time into a chunk of its
 * own, fetched only when a PIN is set or tried.
 */
function argon2InWorker(request: Argon2Request): Promise<Uint8Array<ArrayBuffer>> {
  const worker = new Worker(new URL('./argon2.worker.ts', import.meta.url), { type: 'module', name: 'pin-key' });
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<Argon2Answer>) =>
      'key' in data ? resolve(data.key) : reject(new Error(`the PIN key could not be derived: ${data.failed}`));
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error('the PIN key worker failed to start'));
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * The PIN key: Argon2id of the PIN and the stored salt, held as a non-extractable AES-GCM key that
 * can only wrap and unwrap DK. The raw bytes are overwritten as soon as WebCrypto holds them.
 */
export async function derivePinKey(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  params: Argon2Params,
): Promise<CryptoKey> {
  const bytes = await argon2InWorker({ pin: normalisePin(pin), salt, params });
  try {
    return await crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
  } finally {
    bytes.fill(0);
  }
}
