import { inspect } from 'node:util';
import { MasterKeyringConfigError, UnknownMasterKeyError } from './errors';
import { MasterKeyring } from './master-keyring';

const keyA = Buffer.alloc(32, 0xa1).toString('base64');
const keyB = Buffer.alloc(32, 0xb2).toString('base64');

function configProblems(value: string): string[] {
  try {
    MasterKeyring.fromConfig(value);
  } catch (error) {
    expect(error).toBeInstanceOf(MasterKeyringConfigError);
    return [...(error as MasterKeyringConfigError).problems];
  }
  throw new Error('expected the configuration to be refused');
}

describe('MasterKeyring', () => {
  it('makes the first key current and keeps the others for older data', () => {
    const keyring = MasterKeyring.fromConfig(`k2:${keyB},k1:${keyA}`);
    expect(keyring.currentKeyId).toBe('k2');
    expect(keyring.key('k2').export().toString('base64')).toBe(keyB);
    expect(keyring.key('k1').export().toString('base64')).toBe(keyA);
  });

  it('accepts spaces around entries', () => {
    expect(MasterKeyring.fromConfig(` k1:${keyA} , k2:${keyB} `).currentKeyId).toBe('k1');
  });

  it('throws a typed error naming an unknown key id', () => {
    const keyring = MasterKeyring.fromConfig(`k1:${keyA}`);
    expect(() => keyring.key('k0')).toThrow(UnknownMasterKeyError);
    expect(() => keyring.key('k0')).toThrow('No master key with id "k0"');
  });

  it('never shows key material when inspected or serialised', () => {
    const keyring = MasterKeyring.fromConfig(`k1:${keyA}`);
    const hex = Buffer.from(keyA, 'base64').toString('hex');
    for (const shown of [inspect(keyring, { depth: 10, showHidden: true }), JSON.stringify(keyring)]) {
      expect(shown).not.toContain(keyA);
      expect(shown).not.toContain(hex);
    }
  });

  describe('fromConfig refuses', () => {
    it('an empty value', () => {
      expect(configProblems(' ')).toEqual([expect.stringContaining('is empty')]);
    });

    it('an entry without a key id', () => {
      expect(configProblems(keyA)).toEqual(['entry 1 is not of the form keyId:base64Key']);
    });

    it('an empty entry from a stray comma', () => {
      expect(configProblems(`k1:${keyA},`)).toEqual(['entry 2 is not of the form keyId:base64Key']);
    });

    it('a key id outside the configuration rule', () => {
      expect(configProblems(`K 1:${keyA}`)).toEqual([expect.stringContaining('entry 1 has a key id that is not')]);
    });

    it('keys that are not 32 bytes', () => {
      const short = Buffer.alloc(31, 1).toString('base64');
      const long = Buffer.alloc(33, 1).toString('base64');
      expect(configProblems(`k1:${short},k2:${long}`)).toEqual([
        'entry 1 (key id "k1") must be 32 bytes, base64-encoded (openssl rand -base64 32)',
        'entry 2 (key id "k2") must be 32 bytes, base64-encoded (openssl rand -base64 32)',
      ]);
    });

    it('text that only decodes to 32 bytes by skipping characters', () => {
      expect(configProblems(`k1:${keyA.slice(0, 20)}!${keyA.slice(20)}`)).toEqual([
        expect.stringContaining('must be 32 bytes'),
      ]);
      expect(configProblems(`k1:${keyA.replace(/=$/, '')}`)).toEqual([expect.stringContaining('must be 32 bytes')]);
    });

    it('a key id used twice', () => {
      expect(configProblems(`k1:${keyA},k1:${keyB}`)).toEqual(['key id "k1" appears more than once']);
    });

    it('one key under two ids', () => {
      expect(configProblems(`k2:${keyA},k1:${keyA}`)).toEqual(['key ids "k2" and "k1" hold the same key']);
    });

    it('reporting every problem at once without quoting any key', () => {
      const canaryKey = Buffer.from('canary-key-material-31-bytes!!!').toString('base64');
      const error = (() => {
        try {
          MasterKeyring.fromConfig(`k1:${canaryKey},${keyB},k3:${keyA},k3:${keyA}`);
        } catch (caught) {
          return caught as MasterKeyringConfigError;
        }
        throw new Error('expected the configuration to be refused');
      })();
      expect(error.problems).toHaveLength(3);
      expect(error.message).toMatch(/^FIELD_ENCRYPTION_KEYS is invalid:/);
      expect(error.logSafe).toBe(true);
      for (const key of [canaryKey, keyA, keyB]) {
        expect(error.message).not.toContain(key);
        expect(error.message).not.toContain(Buffer.from(key, 'base64').toString('hex'));
      }
      expect(error.message).not.toContain('canary');
    });
  });
});
