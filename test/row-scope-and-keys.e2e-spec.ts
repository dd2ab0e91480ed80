import { randomBytes } from 'node:crypto';
import { createMongoAbility, RawRuleOf } from '@casl/ability';
import { AppAbility, applyRowScope, FieldEncryption } from '@pendamping/auth';
import { generateTotpCode } from '@pendamping/auth/authentication';
import { DataKeyEntity, RegionEntity } from '@pendamping/auth/entities';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, Organisation } from './support/world';

describe('row scope in SQL with cannot rules, and master key rotation', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let org: Organisation;
  let other: Organisation;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
    org = await createOrganisation(api, 'A');
    other = await createOrganisation(api, 'B');
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const codesVisibleWith = async (rules: RawRuleOf<AppAbility>[]) => {
    const ability = createMongoAbility<AppAbility>(rules);
    const query = applyRowScope(
      api.app.get(DataSource).getRepository(RegionEntity).createQueryBuilder('region'),
      ability,
      'read',
      'Region',
      'region',
    );
    return (await query.getMany())
      .map((region) => `${region.organizationId === org.id ? 'A' : 'B'}:${region.code}`)
      .sort();
  };

  it('bounds every allowed row by the cannot rules above it, in SQL', async () => {
    expect(
      await codesVisibleWith([{ action: 'read', subject: 'Region', conditions: { organizationId: org.id } }]),
    ).toEqual(['A:KPG', 'A:SOE']);
    expect(
      await codesVisibleWith([
        { action: 'read', subject: 'Region', conditions: { organizationId: org.id } },
        { action: 'read', subject: 'Region', conditions: { code: 'KPG' }, inverted: true },
      ]),
    ).toEqual(['A:SOE']);
    expect(
      await codesVisibleWith([
        { action: 'read', subject: 'Region', conditions: { organizationId: { $in: [org.id, other.id] } } },
        {
          action: 'read',
          subject: 'Region',
          conditions: { organizationId: other.id, code: { $ne: 'SOE' } },
          inverted: true,
        },
      ]),
    ).toEqual(['A:KPG', 'A:SOE', 'B:SOE']);
  });

  it('shows nothing when the only rule is a cannot, or there is no rule', async () => {
    expect(
      await codesVisibleWith([
        { action: 'read', subject: 'Region', conditions: { organizationId: org.id }, inverted: true },
      ]),
    ).toEqual([]);
    expect(await codesVisibleWith([])).toEqual([]);
    expect(
      await codesVisibleWith([{ action: 'read', subject: 'Village', conditions: { organizationId: org.id } }]),
    ).toEqual([]);
  });

  it('a later cannot without conditions removes everything', async () => {
    expect(
      await codesVisibleWith([
        { action: 'read', subject: 'Region', conditions: { organizationId: org.id } },
        { action: 'read', subject: 'Region', inverted: true },
      ]),
    ).toEqual([]);
  });

  it('rewraps every data key under a new master key, after which the old key can go', async () => {
    const oldKeys = api.config.FIELD_ENCRYPTION_KEYS;
    const newKey = `k2:${randomBytes(32).toString('base64')}`;
    const rotating = await startTestApi(suiteConfig(database.url, { FIELD_ENCRYPTION_KEYS: `${newKey},${oldKeys}` }));
    try {
      const dataSource = rotating.app.get(DataSource);
      const before = await dataSource.getRepository(DataKeyEntity).count();
      expect(before).toBeGreaterThan(0);
      const rewrapped = await dataSource.transaction((manager) => rotating.app.get(FieldEncryption).rewrapAll(manager));
      expect(rewrapped).toBe(before);
      expect(await dataSource.getRepository(DataKeyEntity).countBy({ masterKeyId: 'k2' })).toBe(before);
    } finally {
      await rotating.close();
    }
    const rotated = await startTestApi(suiteConfig(database.url, { FIELD_ENCRYPTION_KEYS: newKey }));
    try {
      const code = generateTotpCode({ secret: org.admin.totpSecret!, now: new Date(Date.now() + 30_000) });
      const login = await rotated
        .http()
        .post('/api/v1/auth/login')
        .send({ email: org.admin.email, password: org.admin.password, totp: code })
        .expect(200);
      expect(login.body.mfa).toBeUndefined();
    } finally {
      await rotated.close();
    }
  });
});
