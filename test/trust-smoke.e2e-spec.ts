import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, Organisation, SignedInUser } from './support/world';

describe('trust core smoke', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let org: Organisation;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
    org = await createOrganisation(api);
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('lets each role see its own scope of regions', async () => {
    const names = async (user: SignedInUser) => (await api.http().get('/api/v1/regions').set(user.auth()).expect(200)).body.items.map((r: { code: string }) => r.code).sort();
    expect(await names(org.admin)).toEqual(['KPG', 'SOE']);
    expect(await names(org.coordinatorA)).toEqual(['KPG']);
    expect(await names(org.companionB)).toEqual(['SOE']);
    expect(await names(org.reviewer)).toEqual(['KPG', 'SOE']);
  });

  it('verifies the audit chain', async () => {
    const report = await api.http().get('/api/v1/audit/verify').set(org.admin.auth()).expect(200);
    expect(report.body).toMatchObject({ valid: true });
    expect(report.body.eventsChecked).toBeGreaterThan(10);
  });
});
