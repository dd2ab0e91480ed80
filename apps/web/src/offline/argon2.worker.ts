import { argon2id } from 'hash-wasm';
import { type Argon2Answer, type Argon2Request, PIN_KEY_BYTES } from './argon2-params';

/**
 * Argon2id off the main thread (SPEC §12), so the lock screen stays responsive while a PIN is
 * tried. Loaded on demand by pin-key.ts only: hash-wasm never enters the sign-in or worklist code.
 */
/** The worker's global scope, as much of it as is used (the app's types are the page's, not a worker's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<Argon2Request>) => void) | null;
  postMessage(message: Argon2Answer, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async ({ data }: MessageEvent<Argon2Request>) => {
  let answer: Argon2Answer;
  try {
    const key = await argon2id({
      password: data.pin,
      salt: data.salt,
      iterations: data.params.passes,
      memorySize: data.params.memoryKiB,
      parallelism: data.params.parallelism,
      hashLength: PIN_KEY_BYTES,
      outputType: 'binary',
    });
    answer = { key: new Uint8Array(key) };
  } catch (error) {
    answer = { failed: error instanceof Error ? error.name : 'argon2-failed' };
  }
  scope.postMessage(answer, 'key' in answer ? [answer.key.buffer] : []);
};
