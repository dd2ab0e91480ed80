import { aeadSeal } from './aead';
import { generateDataKey } from './data-keys';
import { CryptoInputError, FieldDecryptionError } from './errors';
import { decryptField, encryptField, FieldContext } from './field-cipher';

const dataKey = generateDataKey();
const context: FieldContext = {
  table: 'cases',
  column: 'survivor_name',
  rowId: '3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b',
};
const canary = 'CANARY Maria Kolo 081234567890';

function decryptionFailure(attempt: () => unknown): FieldDecryptionError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldDecryptionError);
    return error as FieldDecryptionError;
  }
  throw new Error('expected decryption to fail');
}

describe('encryptField / decryptField', () => {
  it.each(['Maria Kolo', '', 'Desa Oesao, RT 03/RW 01 — é ñ 漢字 👩🏽‍👧', 'x'.repeat(100_000)])(
    'round-trips %#',
    (plaintext) => {
      expect(decryptField(dataKey, encryptField(dataKey, plaintext, context), context)).toBe(plaintext);
    },
  );

  it('writes version 2, the plaintext padded to its length bucket', () => {
    const ciphertext = encryptField(dataKey, 'José', context);
    expect(ciphertext[0]).toBe(2);
    expect(ciphertext).toHaveLength(29 + 32);
    expect(ciphertext.includes(Buffer.from('José'))).toBe(false);
    expect(encryptField(dataKey, 'x'.repeat(32), context)).toHaveLength(29 + 64);
  });

  it('gives two names of different lengths in one bucket ciphertexts of equal length', () => {
    const short = encryptField(dataKey, 'Ani', context);
    const long = encryptField(dataKey, 'Maria Goreti Yohana Bria Kolo', context);
    expect(short.length).toBe(long.length);
    expect(encryptField(dataKey, '', context).length).toBe(short.length);
  });

  it('still opens values sealed unpadded in format 1, and refuses a format swapped on the stored bytes', () => {
    const legacy = aeadSeal(dataKey, Buffer.from('Maria Kolo'), [
      'pendamping/field',
      context.table,
      context.column,
      context.rowId,
    ]);
    expect(legacy[0]).toBe(1);
    expect(decryptField(dataKey, legacy, context)).toBe('Maria Kolo');
    const relabelled = Buffer.from(legacy);
    relabelled[0] = 2;
    expect(decryptionFailure(() => decryptField(dataKey, relabelled, context)).reason).toBe('authentication-failed');
  });

  it('encrypts the same plaintext differently each time', () => {
    const first = encryptField(dataKey, canary, context);
    const second = encryptField(dataKey, canary, context);
    expect(first.equals(second)).toBe(false);
    expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
  });

  it('fails after any byte is changed', () => {
    const ciphertext = encryptField(dataKey, canary, context);
    for (let index = 0; index < ciphertext.length; index++) {
      const tampered = Buffer.from(ciphertext);
      tampered[index] ^= 0x80;
      decryptionFailure(() => decryptField(dataKey, tampered, context));
    }
  });

  it('fails for truncated or extended bytes and for another format version', () => {
    const ciphertext = encryptField(dataKey, canary, context);
    expect(decryptionFailure(() => decryptField(dataKey, ciphertext.subarray(0, 28), context)).reason).toBe(
      'malformed',
    );
    decryptionFailure(() => decryptField(dataKey, ciphertext.subarray(0, -1), context));
    decryptionFailure(() => decryptField(dataKey, Buffer.concat([ciphertext, Buffer.of(0)]), context));
    const otherVersion = Buffer.from(ciphertext);
    otherVersion[0] = 3;
    expect(decryptionFailure(() => decryptField(dataKey, otherVersion, context)).reason).toBe('unsupported-version');
  });

  it.each<[string, Partial<FieldContext>]>([
    ['another row', { rowId: '00000000-0000-4000-8000-000000000000' }],
    ['another column', { column: 'survivor_alias' }],
    ['another table', { table: 'perpetrators' }],
  ])('does not decrypt when copied to %s', (_, moved) => {
    const ciphertext = encryptField(dataKey, canary, context);
    expect(decryptionFailure(() => decryptField(dataKey, ciphertext, { ...context, ...moved })).reason).toBe(
      'authentication-failed',
    );
  });

  it('keeps contexts apart that a separator would join into the same associated data', () => {
    const ciphertext = encryptField(dataKey, canary, { table: 'cases', column: 'notes|x', rowId: 'y' });
    decryptionFailure(() => decryptField(dataKey, ciphertext, { table: 'cases', column: 'notes', rowId: 'x|y' }));
    decryptionFailure(() => decryptField(dataKey, ciphertext, { table: 'cases|notes', column: 'x', rowId: 'y' }));
  });

  it("does not decrypt with another case's data key", () => {
    const ciphertext = encryptField(dataKey, canary, context);
    decryptionFailure(() => decryptField(generateDataKey(), ciphertext, context));
  });

  it('refuses an empty context part, a key that is not 32 bytes and text that is not well-formed Unicode', () => {
    expect(() => encryptField(dataKey, canary, { ...context, rowId: '' })).toThrow(
      new CryptoInputError('context.rowId must be a non-empty string'),
    );
    expect(() => decryptField(dataKey, Buffer.alloc(40), { ...context, column: '' })).toThrow(CryptoInputError);
    expect(() => encryptField(dataKey.subarray(0, 31), canary, context)).toThrow(CryptoInputError);
    expect(() => encryptField(dataKey, 'Maria \ud800 Kolo', context)).toThrow(CryptoInputError);
  });

  it('never puts the plaintext or key material in an error message', () => {
    const ciphertext = encryptField(dataKey, canary, context);
    const tampered = Buffer.from(ciphertext);
    tampered[tampered.length - 1] ^= 0x01;
    const failures = [
      decryptionFailure(() => decryptField(dataKey, tampered, context)),
      decryptionFailure(() => decryptField(dataKey, ciphertext, { ...context, rowId: 'elsewhere' })),
      decryptionFailure(() => decryptField(generateDataKey(), ciphertext, context)),
      decryptionFailure(() => decryptField(dataKey, ciphertext.subarray(0, 10), context)),
    ];
    for (const error of failures) {
      expect(error.logSafe).toBe(true);
      expect(error.message).toMatch(/^Could not decrypt cases\.survivor_name of row /);
      for (const forbidden of ['CANARY', 'Maria', '0812', dataKey.toString('hex'), dataKey.toString('base64')]) {
        expect(error.message).not.toContain(forbidden);
        expect(String(error.stack)).not.toContain(forbidden);
      }
    }
  });
});
