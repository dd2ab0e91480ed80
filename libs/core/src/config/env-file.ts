import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = resolve(process.cwd(), '.env')): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
