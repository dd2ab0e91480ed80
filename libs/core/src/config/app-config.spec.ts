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
});
