import { SignedInUser } from './support/world';
import { organisationSuite } from './support/organisation-suite';

describe('trust core smoke', () => {
  const suite = organisationSuite();

  it('lets each role see its own scope of regions', async () => {
    const names = async (user: SignedInUser) =>
      (await suite.api.http().get('/api/v1/regions').set(user.auth()).expect(200)).body.items
        .map((r: { code: string }) => r.code)
        .sort();
    expect(await names(suite.org.admin)).toEqual(['KPG', 'SOE']);
    expect(await names(suite.org.coordinatorA)).toEqual(['KPG']);
    expect(await names(suite.org.companionB)).toEqual(['SOE']);
    expect(await names(suite.org.reviewer)).toEqual(['KPG', 'SOE']);
  });

  it('verifies the audit chain', async () => {
    const report = await suite.api.http().get('/api/v1/audit/verify').set(suite.org.admin.auth()).expect(200);
    expect(report.body).toMatchObject({ valid: true });
    expect(report.body.eventsChecked).toBeGreaterThan(10);
  });
});
