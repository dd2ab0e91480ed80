import { argon2id } from 'hash-wasm';
import { PIN_KEY_BYTES, PIN_KEY_PARAMS, PIN_SALT_BYTES } from './argon2-params';
import { derivePinKey } from './pin-key';

/**
 * The browser tests' door to this library: built by vite.test-entry.config.mts into a folder of
 * the test run only, never by the app's build, and served to the real app's page by the test.
 */
export { MAX_WRONG_PINS, PendingPhone, PhoneVault } from './phone-vault';
export { PHONE_DB } from './phone-db';

const salt = () => crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));

/** Milliseconds of one PIN key derivation as unlocking does it: in the worker, the worker's start included. */
export async function workerDerivationMs(pin: string): Promise<number> {
  const started = performance.now();
  await derivePinKey(pin, salt(), PIN_KEY_PARAMS);
  return performance.now() - started;
}

/** Milliseconds of the same Argon2id on the page's own thread, which CPU throttling reaches. */
export async function mainThreadDerivationMs(pin: string): Promise<number> {
  const started = performance.now();
  await argon2id({
    password: pin,
    salt: salt(),
    iterations: PIN_KEY_PARAMS.passes,
    memorySize: PIN_KEY_PARAMS.memoryKiB,
    parallelism: PIN_KEY_PARAMS.parallelism,
    hashLength: PIN_KEY_BYTES,
    outputType: 'binary',
  });
  return performance.now() - started;
}
