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

export const TEMPLATE_DATABASE = 'pendamping_test_template';
export const SUITE_DATABASE_PREFIX = 'pendamping_test_s_';

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
