import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';

const ran = globalThis as { setUp?: boolean };

/** Jest's globalSetup runs outside its module mapper, so the path aliases are registered here. */
export default async function globalSetup(): Promise<void> {
  // The e2e and browser projects both run it; once per run is enough.
  if (ran.setUp) return;
  ran.setUp = true;
  const root = resolve(__dirname, '..', '..');
  const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8'));
  register({ baseUrl: root, paths: compilerOptions.paths });
  process.env.PENDAMPING_TEST_RUN = randomBytes(5).toString('hex');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prepareTemplateDatabase } = require('./template-database') as typeof import('./template-database');
  await prepareTemplateDatabase();
}
