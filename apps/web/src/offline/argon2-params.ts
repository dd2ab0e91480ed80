/**
 * The PIN key's Argon2id parameters (SPEC §12: at least 19 MiB and 2 passes, the OWASP minimum).
 * They are stored beside the PIN-wrapped DK, so raising them later leaves older copies readable.
 */
export interface Argon2Params {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

export const PIN_KEY_PARAMS: Argon2Params = { memoryKiB: 19 * 1024, passes: 2, parallelism: 1 };
export const PIN_SALT_BYTES = 16;
export const PIN_KEY_BYTES = 32;

/** What the worker is asked, and answers. */
export interface Argon2Request {
  pin: string;
  salt: Uint8Array<ArrayBuffer>;
  params: Argon2Params;
}

export type Argon2Answer = { key: Uint8Array<ArrayBuffer> } | { failed: string };
