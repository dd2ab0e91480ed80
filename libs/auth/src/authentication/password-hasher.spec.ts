import { hash, parseOptions, verify } from '@node-rs/argon2';
import { hashPassword, verifyPassword, verifyPasswordAgainstDummy } from './password-hasher';

jest.mock('@node-rs/argon2', () => {
  const actual = jest.requireActual<typeof import('@node-rs/argon2')>('@node-rs/argon2');
  return { ...actual, hash: jest.fn(actual.hash), verify: jest.fn(actual.verify) };
});

describe('password hashing', () => {
  it('stores argon2id with the OWASP parameters and a fresh salt, and verifies only the right password', async () => {
    const stored = await hashPassword('kopi susu di pagi hari');
    expect(parseOptions(stored)).toMatchObject({ algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await hashPassword('kopi susu di pagi hari')).not.toBe(stored);
    expect(await verifyPassword('kopi susu di pagi hari', stored)).toBe(true);
    expect(await verifyPassword('kopi susu di pagi hari ', stored)).toBe(false);
  });

  it('matches a password typed with a decomposed accent against one stored composed', async () => {
    const stored = await hashPassword('kafé di kota kupang');
    expect(await verifyPassword('kafe\u0301 di kota kupang', stored)).toBe(true);
  });

  it('answers false for a malformed stored hash, spending a verification all the same', async () => {
    jest.mocked(verify).mockClear();
    for (const malformed of ['', 'not a hash', '$argon2id$v=19$m=19456,t=2,p=1$abc']) {
      await expect(verifyPassword('kopi susu di pagi hari', malformed)).resolves.toBe(false);
    }
    // Each malformed hash is tried, then the dummy is verified.
    expect(jest.mocked(verify)).toHaveBeenCalledTimes(6);
  });

  it('verifies an unknown account against one dummy hash, computed once', async () => {
    jest.mocked(hash).mockClear();
    jest.mocked(verify).mockClear();
    await expect(verifyPasswordAgainstDummy('kopi susu di pagi hari')).resolves.toBe(false);
    await expect(verifyPasswordAgainstDummy('another guess entirely')).resolves.toBe(false);
    expect(jest.mocked(hash).mock.calls.length).toBeLessThanOrEqual(1);
    expect(jest.mocked(verify)).toHaveBeenCalledTimes(2);
  });
});
