import { apiDocsServed, ConfigError, loadConfig } from './app-config';

const key = Buffer.alloc(32, 1).toString('base64');
const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pendamping',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: key,
  AUDIT_CHAIN_KEY: key,
  FIELD_ENCRYPTION_KEYS: `k1:${key}`,
  BLIND_INDEX_KEY: key,
  SIGN_IN_DEVICE_KEY: key,
};

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_KEY_PREFIX).toBe('pendamping');
    expect(config.SESSION_LIFETIME_HOURS_MFA_ROLES).toBe(12);
    expect(config.SESSION_LIFETIME_HOURS).toBe(168);
  });

  it('refuses session lifetimes that are not whole hours between 1 and 90 days', () => {
    expect(() => loadConfig({ ...valid, SESSION_LIFETIME_HOURS: '0' })).toThrow(/SESSION_LIFETIME_HOURS /);
    expect(() => loadConfig({ ...valid, SESSION_LIFETIME_HOURS_MFA_ROLES: '1.5' })).toThrow(
      /SESSION_LIFETIME_HOURS_MFA_ROLES /,
    );
    expect(() => loadConfig({ ...valid, SESSION_LIFETIME_HOURS: String(24 * 90 + 1) })).toThrow(
      /SESSION_LIFETIME_HOURS /,
    );
  });

  it('names every missing or malformed variable', () => {
    const attempt = () => loadConfig({ ...valid, DATABASE_URL: undefined, PORT: 'eighty', JWT_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('DATABASE_URL is required');
      expect(problems).toMatch(/PORT /);
      expect(problems).toMatch(/JWT_SECRET must be 32 bytes/);
    }
  });

  it('treats an empty variable as missing', () => {
    expect(() => loadConfig({ ...valid, REDIS_URL: '' })).toThrow(/REDIS_URL is required/);
  });

  it('refuses the public development keys and a key reused across purposes in production', () => {
    const devKey = Buffer.from('dev-only-jwt-secret-do-not-use!!').toString('base64');
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production', JWT_SECRET: devKey })).toThrow(
      /JWT_SECRET holds a public development key/,
    );
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/repeats the key/);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'development', JWT_SECRET: devKey })).not.toThrow();
  });

  it('requires its own sign-in device key, and refuses the development one or a reused one in production', () => {
    expect(() => loadConfig({ ...valid, SIGN_IN_DEVICE_KEY: undefined })).toThrow(/SIGN_IN_DEVICE_KEY is required/);
    const distinct = (fill: number) => Buffer.alloc(32, fill).toString('base64');
    const production = {
      ...valid,
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://pendamping.example.org',
      JWT_SECRET: distinct(2),
      AUDIT_CHAIN_KEY: distinct(3),
      FIELD_ENCRYPTION_KEYS: `k1:${distinct(4)}`,
      BLIND_INDEX_KEY: distinct(5),
    };
    expect(() => loadConfig({ ...production, SIGN_IN_DEVICE_KEY: distinct(6) })).not.toThrow();
    const devKey = Buffer.from('dev-only-sign-in-device-key-do!!').toString('base64');
    expect(() => loadConfig({ ...production, SIGN_IN_DEVICE_KEY: devKey })).toThrow(
      /SIGN_IN_DEVICE_KEY holds a public development key/,
    );
    expect(() => loadConfig({ ...production, SIGN_IN_DEVICE_KEY: distinct(2) })).toThrow(
      /SIGN_IN_DEVICE_KEY repeats the key of JWT_SECRET/,
    );
  });

  it('serves /docs outside production, and in production only when API_DOCS is true', () => {
    expect(apiDocsServed(loadConfig(valid))).toBe(true);
    const production = {
      ...valid,
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://pendamping.example.org',
      JWT_SECRET: Buffer.alloc(32, 2).toString('base64'),
      AUDIT_CHAIN_KEY: Buffer.alloc(32, 3).toString('base64'),
      BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString('base64'),
      SIGN_IN_DEVICE_KEY: Buffer.alloc(32, 5).toString('base64'),
    };
    expect(apiDocsServed(loadConfig(production))).toBe(false);
    expect(apiDocsServed(loadConfig({ ...production, API_DOCS: 'true' }))).toBe(true);
    expect(apiDocsServed(loadConfig({ ...valid, API_DOCS: 'false' }))).toBe(false);
    expect(() => loadConfig({ ...valid, API_DOCS: 'yes' })).toThrow(/API_DOCS /);
  });

  it('accepts as PUBLIC_ORIGIN an https origin, or plain http on localhost or 127.0.0.1 outside production', () => {
    expect(loadConfig(valid).PUBLIC_ORIGIN).toBe('http://127.0.0.1:3000');
    for (const origin of [
      'https://pendamping.example.org',
      'https://app.example.org:8443',
      'http://localhost',
      'http://127.0.0.1:5173',
    ])
      expect(loadConfig({ ...valid, PUBLIC_ORIGIN: origin }).PUBLIC_ORIGIN).toBe(origin);
  });

  it('stops on a PUBLIC_ORIGIN that is not a secure context, or not written as an origin, naming the variable', () => {
    for (const origin of [
      'http://pendamping.example.org',
      'http://192.168.1.10:3000',
      'ftp://localhost',
      'pendamping.example.org',
    ])
      expect(() => loadConfig({ ...valid, PUBLIC_ORIGIN: origin })).toThrow(/PUBLIC_ORIGIN must be/);
    expect(() => loadConfig({ ...valid, PUBLIC_ORIGIN: 'https://pendamping.example.org/' })).toThrow(
      /PUBLIC_ORIGIN must be written as the browser sends it: https:\/\/pendamping\.example\.org/,
    );
    expect(() => loadConfig({ ...valid, PUBLIC_ORIGIN: 'https://Pendamping.example.org:443' })).toThrow(
      /PUBLIC_ORIGIN must be written as the browser sends it/,
    );
  });

  it('requires an https PUBLIC_ORIGIN in production', () => {
    const production = {
      ...valid,
      NODE_ENV: 'production',
      JWT_SECRET: Buffer.alloc(32, 2).toString('base64'),
      AUDIT_CHAIN_KEY: Buffer.alloc(32, 3).toString('base64'),
      BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString('base64'),
      SIGN_IN_DEVICE_KEY: Buffer.alloc(32, 5).toString('base64'),
    };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_ORIGIN must be set in production/);
    expect(() => loadConfig({ ...production, PUBLIC_ORIGIN: 'http://localhost:3000' })).toThrow(
      /PUBLIC_ORIGIN must be set in production/,
    );
    expect(loadConfig({ ...production, PUBLIC_ORIGIN: 'https://pendamping.example.org' }).PUBLIC_ORIGIN).toBe(
      'https://pendamping.example.org',
    );
  });

  it('locks the web client after WEB_IDLE_LOCK_MINUTES, 15 by default, whole minutes from 1 to a day', () => {
    expect(loadConfig(valid).WEB_IDLE_LOCK_MINUTES).toBe(15);
    expect(loadConfig({ ...valid, WEB_IDLE_LOCK_MINUTES: '5' }).WEB_IDLE_LOCK_MINUTES).toBe(5);
    for (const minutes of ['0', '2.5', 'soon', String(24 * 60 + 1)])
      expect(() => loadConfig({ ...valid, WEB_IDLE_LOCK_MINUTES: minutes })).toThrow(/WEB_IDLE_LOCK_MINUTES /);
  });
});
