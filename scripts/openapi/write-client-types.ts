import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { createApiApp } from '@pendamping/api/api-app';
import { createLogger, loadConfig, loadDotEnv } from '@pendamping/core';
import { clientTypesFrom } from './client-types';
import { CLIENT_TYPES_PATH, servedDocument } from './document';

/**
 * `npm run openapi:types`: boots the API in this process (PostgreSQL and Redis must answer, as for
 * `npm test`), asks it for its document and writes the client's types. The e2e test
 * test/openapi-client-types.e2e-spec.ts fails when the committed file differs.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig({ ...process.env, API_DOCS: 'true' });
  const app = await createApiApp(config, createLogger('warn'));
  try {
    const types = await clientTypesFrom(await servedDocument(app));
    mkdirSync(dirname(CLIENT_TYPES_PATH), { recursive: true });
    writeFileSync(CLIENT_TYPES_PATH, types);
    process.stdout.write(`wrote ${relative(process.cwd(), CLIENT_TYPES_PATH)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
