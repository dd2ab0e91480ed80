import {
  DATA_KEY_BYTES,
  generateDataKey,
  rewrapDataKey,
  unwrapDataKey,
  WRAPPED_DATA_KEY_BYTES,
  wrapDataKey,
} from './data-keys';
import { CryptoInputError, DataKeyUnwrapError, UnknownMasterKeyError } from './errors';
import { MasterKeyring } from './master-keyring';

const oldKey = Buffer.alloc(32, 0x11).toString('base64');
const newKey = Buffer.alloc(32, 0x22).toString('base64');
const before = MasterKeyring.fromConfig(`old:${oldKey}`);
const afterRotation = MasterKeyring.fromConfig(`new:${newKey},old:${oldKey}`);
const oldKeyRetired = MasterKeyring.fromConfig(`new:${newKey}`);
const owner = { table: 'cases', id: '0b7e4c1e-5f0a-4b39-9d7e-2f4c6a1d9e11' };

function unwrapFailure(attempt: () => unknown): DataKeyUnwrapError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(DataKeyUnwrapError);
    return error as DataKeyUnwrapError;
  }
  throw new Error('expected the data key not to unwrap');
}

describe('generateDataKey', () => {
  it('returns a fresh 32-byte key each time', () => {
    const first = generateDataKey();
    expect(first).toHaveLength(DATA_KEY_BYTES);
    expect(first.equals(generateDataKey())).toBe(false);
  });
});

describe('wrapDataKey / unwrapDataKey', () => {
  it('round-trips under the current master key', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(before, dataKey, owner);
    expect(wrapped.masterKeyId).toBe('old');
    expect(wrapped.wrapped).toHaveLength(WRAPPED_DATA_KEY_BYTES);
    expect(unwrapDataKey(before, wrapped, owner).equals(dataKey)).toBe(true);
  });

  it('wraps the same key differently each time', () => {
    const dataKey = generateDataKey();
    expect(wrapDataKey(before, dataKey, owner).wrapped.equals(wrapDataKey(before, dataKey, owner).wrapped)).toBe(false);
  });

  it('does not unwrap for another owner id or owner table', () => {
    const wrapped = wrapDataKey(before, generateDataKey(), owner);
    expect(unwrapFailure(() => unwrapDataKey(before, wrapped, { ...owner, id: 'another-case' })).reason).toBe(
      'authentication-failed',
    );
    expect(unwrapFailure(() => unwrapDataKey(before, wrapped, { ...owner, table: 'referrals' })).reason).toBe(
      'authentication-failed',
    );
  });

  it('does not unwrap after any byte is changed', () => {
    const wrapped = wrapDataKey(before, generateDataKey(), owner);
    for (let index = 0; index < wrapped.wrapped.length; index++) {
      const tampered = Buffer.from(wrapped.wrapped);
      tampered[index] ^= 0x01;
      unwrapFailure(() => unwrapDataKey(before, { ...wrapped, wrapped: tampered }, owner));
    }
  });

  it('refuses wrapped bytes of the wrong length', () => {
    const wrapped = wrapDataKey(before, generateDataKey(), owner);
    const truncated = { ...wrapped, wrapped: wrapped.wrapped.subarray(0, -1) };
    expect(unwrapFailure(() => unwrapDataKey(before, truncated, owner)).reason).toBe('malformed');
  });

  it('does not open under a different master key that claims the same id', () => {
    const wrapped = wrapDataKey(before, generateDataKey(), owner);
    const impostor = MasterKeyring.fromConfig(`old:${newKey}`);
    unwrapFailure(() => unwrapDataKey(impostor, wrapped, owner));
  });

  it('throws UnknownMasterKeyError for a key id that is not configured', () => {
    const wrapped = wrapDataKey(before, generateDataKey(), owner);
    expect(() => unwrapDataKey(oldKeyRetired, wrapped, owner)).toThrow(UnknownMasterKeyError);
  });

  it('refuses a data key that is not 32 bytes and an empty owner', () => {
    expect(() => wrapDataKey(before, Buffer.alloc(16), owner)).toThrow(CryptoInputError);
    expect(() => wrapDataKey(before, generateDataKey(), { table: 'cases', id: '' })).toThrow(
      'owner.id must be a non-empty string',
    );
  });

  it('names the owner and key id but never the key material in its error', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(before, dataKey, owner);
    const error = unwrapFailure(() => unwrapDataKey(before, wrapped, { ...owner, id: 'another-case' }));
    expect(error.message).toBe(
      'Could not unwrap the data key of cases another-case with master key "old": authentication-failed',
    );
    for (const secret of [dataKey, Buffer.from(oldKey, 'base64')]) {
      expect(error.message).not.toContain(secret.toString('hex'));
      expect(error.message).not.toContain(secret.toString('base64'));
    }
  });
});

describe('master key rotation', () => {
  it('still unwraps a key wrapped under the old master key once a new one is put first', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(before, dataKey, owner);
    expect(unwrapDataKey(afterRotation, wrapped, owner).equals(dataKey)).toBe(true);
    expect(wrapDataKey(afterRotation, dataKey, owner).masterKeyId).toBe('new');
  });

  it('rewraps onto the current master key, so the old one can be retired', () => {
    const dataKey = generateDataKey();
    const rewrapped = rewrapDataKey(afterRotation, wrapDataKey(before, dataKey, owner), owner);
    expect(rewrapped.masterKeyId).toBe('new');
    expect(unwrapDataKey(oldKeyRetired, rewrapped, owner).equals(dataKey)).toBe(true);
  });

  it('refuses to rewrap for another owner', () => {
    const wrapped = wrapDataKey(before, generateDataKey(), owner);
    unwrapFailure(() => rewrapDataKey(afterRotation, wrapped, { ...owner, id: 'another-case' }));
  });
});
