import { randomBytes } from 'node:crypto';
import {
  AEAD_FORMAT_VERSION,
  AEAD_OVERHEAD_BYTES,
  aeadOpen,
  aeadSeal,
  encodeAssociatedData,
  requireNonEmptyParts,
} from './aead';
import { CryptoInputError } from './errors';

describe('encodeAssociatedData', () => {
  it('writes the format version, then each part as a 4-byte big-endian length and its UTF-8 bytes', () => {
    expect(encodeAssociatedData(['ab', 'é']).toString('hex')).toBe('01' + '00000002' + '6162' + '00000002' + 'c3a9');
  });

  it('keeps lists apart that a separator would join into the same bytes', () => {
    const joined = encodeAssociatedData(['cases', 'notes|x', 'y']);
    expect(joined.equals(encodeAssociatedData(['cases', 'notes', 'x|y']))).toBe(false);
    expect(joined.equals(encodeAssociatedData(['cases', 'notes|x|y']))).toBe(false);
    expect(encodeAssociatedData(['a', '']).equals(encodeAssociatedData(['a']))).toBe(false);
  });
});

describe('requireNonEmptyParts', () => {
  it('names the empty part', () => {
    expect(() => requireNonEmptyParts('context', { table: 'cases', rowId: '' })).toThrow(
      new CryptoInputError('context.rowId must be a non-empty string'),
    );
  });
});

describe('aeadSeal / aeadOpen', () => {
  const key = randomBytes(32);

  it('lays out version, IV, tag and ciphertext', () => {
    const sealed = aeadSeal(key, Buffer.from('hello'), ['x']);
    expect(sealed[0]).toBe(AEAD_FORMAT_VERSION);
    expect(sealed).toHaveLength(AEAD_OVERHEAD_BYTES + 5);
    expect(AEAD_OVERHEAD_BYTES).toBe(29);
  });

  it('opens what it sealed with the same associated data', () => {
    const sealed = aeadSeal(key, Buffer.from('hello'), ['x']);
    expect(aeadOpen(key, sealed, ['x'])).toEqual({ ok: true, plaintext: Buffer.from('hello') });
  });

  it('tells apart malformed bytes, another format version and a failed authentication', () => {
    const sealed = aeadSeal(key, Buffer.from('hello'), ['x']);
    expect(aeadOpen(key, sealed.subarray(0, AEAD_OVERHEAD_BYTES - 1), ['x'])).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(aeadOpen(key, Buffer.concat([Buffer.of(3), sealed.subarray(1)]), ['x'])).toEqual({
      ok: false,
      reason: 'unsupported-version',
    });
    expect(aeadOpen(key, Buffer.concat([Buffer.of(2), sealed.subarray(1)]), ['x'])).toEqual({
      ok: false,
      reason: 'authentication-failed',
    });
    expect(aeadOpen(key, sealed, ['y'])).toEqual({ ok: false, reason: 'authentication-failed' });
  });
});
