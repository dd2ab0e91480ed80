import { createSecretKey, KeyObject } from 'node:crypto';
import { MasterKeyringConfigError, UnknownMasterKeyError } from './errors';

export const MASTER_KEY_BYTES = 32;
/** The same rule as the configuration schema, so a key id is always safe to print. */
const KEY_ID_PATTERN = /^[a-z0-9_-]{1,32}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The master keys of field encryption, read from FIELD_ENCRYPTION_KEYS (`keyId:base64Key,...`).
 * The first key wraps every new data key; the others stay only so data wrapped before a rotation
 * still opens until it is rewrapped. Keys are held as KeyObjects in a private field, so logging,
 * inspecting or serialising the keyring cannot print them.
 */
export class MasterKeyring {
  readonly #keys: ReadonlyMap<string, KeyObject>;

  private constructor(
    readonly currentKeyId: string,
    keys: ReadonlyMap<string, KeyObject>,
  ) {
    this.#keys = keys;
  }

  /** Reports every problem at once; messages name entries by position and valid id, never quote a key. */
  static fromConfig(value: string): MasterKeyring {
    const problems: string[] = [];
    const keys = new Map<string, KeyObject>();
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every((entry) => entry === '')) {
      throw new MasterKeyringConfigError(['is empty; expected keyId:base64Key, the current key first']);
    }
    entries.forEach((entry, index) => {
      const position = `entry ${index + 1}`;
      const separator = entry.indexOf(':');
      if (separator < 0) {
        problems.push(`${position} is not of the form keyId:base64Key`);
        return;
      }
      const keyId = entry.slice(0, separator);
      if (!KEY_ID_PATTERN.test(keyId)) {
        problems.push(`${position} has a key id that is not 1-32 characters of a-z, 0-9, _ or -`);
        return;
      }
      const key = decodeKey(entry.slice(separator + 1));
      if (!key) {
        problems.push(
          `${position} (key id "${keyId}") must be ${MASTER_KEY_BYTES} bytes, base64-encoded (openssl rand -base64 ${MASTER_KEY_BYTES})`,
        );
        return;
      }
      if (keys.has(keyId)) {
        problems.push(`key id "${keyId}" appears more than once`);
        return;
      }
      const sameKeyId = [...keys].find(([, other]) => other.equals(key))?.[0];
      if (sameKeyId !== undefined) {
        // A rotation that only renames the key protects nothing while looking done.
        problems.push(`key ids "${sameKeyId}" and "${keyId}" hold the same key`);
        return;
      }
      keys.set(keyId, key);
    });
    if (problems.length > 0) throw new MasterKeyringConfigError(problems);
    return new MasterKeyring([...keys.keys()][0], keys);
  }

  key(keyId: string): KeyObject {
    const key = this.#keys.get(keyId);
    if (!key) throw new UnknownMasterKeyError(keyId);
    return key;
  }
}

/** Buffer.from(…, 'base64') skips characters it does not know; a key must round-trip exactly instead. */
function decodeKey(encoded: string): KeyObject | undefined {
  if (!BASE64_PATTERN.test(encoded)) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  return bytes.length === MASTER_KEY_BYTES && bytes.toString('base64') === encoded ? createSecretKey(bytes) : undefined;
}
