import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { readFileSync } from 'node:fs';

const ROOT = resolve(__dirname, '..', '..');

/** The developer's `.env` when present, else `.env.example`; real environment variables win. */
export function baseTestEnv(): NodeJS.ProcessEnv {
  const file = [resolve(ROOT, '.env'), resolve(ROOT, '.env.example')].find((path) => existsSync(path));
  const fromFile = file ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' };
}

/**
 * Databases are named per test run (set by the global setup, inherited by the workers), so two
 * runs on one server never drop or clone each other's databases.
 */
export function testRunId(): string {
  const id = process.env.PENDAMPING_TEST_RUN;
  if (!id || !/^[a-z0-9]{6,16}$/.test(id))
    throw new Error('PENDAMPING_TEST_RUN is set by test/support/global-setup.ts');
  return id;
}

export const templateDatabase = () => `pendamping_test_t_${testRunId()}`;
export const suiteDatabasePrefix = () => `pendamping_test_s_${testRunId()}_`;
/** Every suite's Redis keys start with this, so the run's teardown can remove them all. */
export const redisPrefixOfRun = () => `test-${testRunId()}-`;

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
