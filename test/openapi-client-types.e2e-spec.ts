import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CLIENT_TYPES_PATH, servedDocument } from '../scripts/openapi/document';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';

/**
 * SPEC §11: the web client is typed from the served OpenAPI document. When the API changes and
 * the committed types are not regenerated, this fails: run `npm run openapi:types`.
 */
describe('The web client types', () => {
  let database: SuiteDatabase;
  let api: TestApi;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url, { API_DOCS: 'true' }));
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('the committed apps/web/src/api/schema.d.ts is what the served document generates', async () => {
    const generated = execFileSync(
      process.execPath,
      [resolve(__dirname, 'support', 'ts-launcher.js'), 'scripts/openapi/types-of-document.ts'],
      { cwd: resolve(__dirname, '..'), input: JSON.stringify(await servedDocument(api.app)), encoding: 'utf8' },
    );
    const committed = readFileSync(CLIENT_TYPES_PATH, 'utf8');
    // One message, not a 3000-line diff: what to run is all the reader needs.
    if (generated !== committed)
      throw new Error('apps/web/src/api/schema.d.ts differs from the served document: run `npm run openapi:types`');
  });
});
