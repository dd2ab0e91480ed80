import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './suite-database';
import { startTestApi, suiteConfig, TestApi } from './test-app';
import { createOrganisation, Organisation } from './world';

export interface OrganisationSuite {
  api: TestApi;
  org: Organisation;
  dataSource: DataSource;
}

/**
 * The common frame of an e2e suite: its own database, the API, one organisation with a user of
 * every role, all torn down after the suite. Read the fields inside tests and hooks only.
 */
export function organisationSuite(): OrganisationSuite {
  const suite = {} as OrganisationSuite;
  let database: SuiteDatabase | undefined;
  beforeAll(async () => {
    database = await createSuiteDatabase();
    suite.api = await startTestApi(suiteConfig(database.url));
    suite.org = await createOrganisation(suite.api);
    suite.dataSource = suite.api.app.get(DataSource);
  });
  afterAll(async () => {
    await suite.api?.close();
    await database?.drop();
  });
  return suite;
}
