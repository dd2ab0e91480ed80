import { generateTotpCode } from '@pendamping/auth/authentication';
import { UserEntity, UserRegionEntity } from '@pendamping/auth/entities';
import { newCaseBody } from './support/cases';
import { approveRequest, createUserWithOwnPassword, TEST_PASSWORD } from './support/world';
import { organisationSuite } from './support/organisation-suite';

/** Regression tests for the findings of the security review of the trust core. */
describe('hardening', () => {
  const suite = organisationSuite();

  const newCoordinator = () =>
    createUserWithOwnPassword(suite.api, suite.org.admin, 'coordinator', { regionIds: [suite.org.regions.a] });

  it('never upgrades a password-only session when the user enrols in another one', async () => {
    const { email } = await newCoordinator();
    const login = () =>
      suite.api.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const intruder = (await login()).body;
    const owner = (await login()).body;
    const ownerAuth = { authorization: `Bearer ${owner.accessToken}` };
    const { secret } = (await suite.api.http().post('/api/v1/auth/totp/enroll').set(ownerAuth).expect(200)).body;
    await suite.api
      .http()
      .post('/api/v1/auth/totp/verify')
      .set(ownerAuth)
      .send({ code: generateTotpCode({ secret, now: new Date() }) })
      .expect(200);

    await suite.api.http().post('/api/v1/auth/refresh').send({ refreshToken: intruder.refreshToken }).expect(401);
    await suite.api
      .http()
      .get('/api/v1/regions')
      .set({ authorization: `Bearer ${intruder.accessToken}` })
      .expect(401);
  });

  it('keeps a password-only session limited across refreshes', async () => {
    const { email } = await newCoordinator();
    const login = (
      await suite.api.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200)
    ).body;
    const refreshed = await suite.api
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.refreshToken })
      .expect(200);
    expect(refreshed.body.mfa).toBe('enrollment_required');
    await suite.api
      .http()
      .get('/api/v1/regions')
      .set({ authorization: `Bearer ${refreshed.body.accessToken}` })
      .expect(403);
  });

  it('refuses a password change while the account is locked, even with the right password', async () => {
    const user = suite.org.companionB;
    await suite.dataSource
      .getRepository(UserEntity)
      .update({ id: user.id }, { lockedUntil: new Date(Date.now() + 600_000) });
    await suite.api
      .http()
      .post('/api/v1/auth/password')
      .set(user.auth())
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'jembatan-liliba-kupang-baru' })
      .expect(400);
    await suite.dataSource.getRepository(UserEntity).update({ id: user.id }, { lockedUntil: null, failedLogins: 0 });
    await suite.api.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('does not let an administrator change their own role or switch themselves off', async () => {
    const self = await suite.api
      .http()
      .get(`/api/v1/users/${suite.org.admin.id}`)
      .set(suite.org.admin.auth())
      .expect(200);
    const refused = await suite.api
      .http()
      .patch(`/api/v1/users/${suite.org.admin.id}`)
      .set(suite.org.admin.auth())
      .send({ role: 'coordinator', regionIds: [suite.org.regions.a], version: self.body.version })
      .expect(403);
    expect(refused.body).toMatchObject({ type: 'urn:pendamping:problem:forbidden-fields', fields: ['role'] });
    await suite.api
      .http()
      .patch(`/api/v1/users/${suite.org.admin.id}`)
      .set(suite.org.admin.auth())
      .send({ active: false, version: self.body.version })
      .expect(403);
    await suite.api
      .http()
      .patch(`/api/v1/users/${suite.org.admin.id}`)
      .set(suite.org.admin.auth())
      .send({ name: 'Admin Baru', version: self.body.version })
      .expect(200);
  });

  it('keeps a user scope when the same role is sent again without ids', async () => {
    const user = await suite.api
      .http()
      .get(`/api/v1/users/${suite.org.coordinatorA.id}`)
      .set(suite.org.admin.auth())
      .expect(200);
    const requested = await suite.api
      .http()
      .patch(`/api/v1/users/${suite.org.coordinatorA.id}`)
      .set(suite.org.admin.auth())
      .send({ role: 'coordinator', version: user.body.version })
      .expect(202);
    await approveRequest(suite.api, suite.org.admin, requested.body.id);
    expect(await suite.dataSource.getRepository(UserRegionEntity).countBy({ userId: suite.org.coordinatorA.id })).toBe(
      1,
    );
  });

  it('answers bad input with 400, never 500', async () => {
    const admin = suite.org.admin.auth();
    await suite.api
      .http()
      .post('/api/v1/regions')
      .set(admin)
      .send({ name: 'Nul\u0000Region', code: 'NUL' })
      .expect(400);
    await suite.api.http().get('/api/v1/audit').query({ subject: 'Region\u0000' }).set(admin).expect(400);
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await suite.api
      .http()
      .get('/api/v1/regions')
      .query({ cursor: forged(['2026-01-01T00:00:00.000000Z', 'not-a-uuid']) })
      .set(admin)
      .expect(400);
    await suite.api
      .http()
      .get('/api/v1/regions')
      .query({ cursor: forged(['2024-02-30T00:00:00.000000Z', suite.org.regions.a]) })
      .set(admin)
      .expect(400);
    await suite.api.http().get('/api/v1/audit').query({ cursor: '9999999999999999999' }).set(admin).expect(400);
    await suite.api.http().get('/api/v1/audit').query({ from: '2024-02-30' }).set(admin).expect(400);
    await suite.api.http().get('/api/v1/audit').query({ from: '2024-W01' }).set(admin).expect(400);
    await suite.api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({ email: '"x:y"@example.test', name: 'Colon', role: 'reviewer' })
      .expect(400);
  });

  it('audits a refusal of an enrolment-only session', async () => {
    const { email, id } = await newCoordinator();
    const login = (
      await suite.api.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200)
    ).body;
    await suite.api
      .http()
      .get('/api/v1/regions')
      .set({ authorization: `Bearer ${login.accessToken}` })
      .expect(403);
    const denials = await suite.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND outcome = 'denied'`,
      [id],
    );
    expect(denials[0].n).toBe(1);
  });

  it('audits a read of a record out of scope as a denial, and answers it like a missing one', async () => {
    const { api, org, dataSource } = suite;
    const denials = () =>
      dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND subject_id = $2 AND outcome = 'denied'`,
        [org.coordinatorA.id, org.regions.b],
      );
    const outOfScope = await api
      .http()
      .get(`/api/v1/regions/${org.regions.b}`)
      .set(org.coordinatorA.auth())
      .expect(404);
    const missing = await api
      .http()
      .get('/api/v1/regions/00000000-0000-4000-8000-000000000000')
      .set(org.coordinatorA.auth())
      .expect(404);
    expect(outOfScope.body.detail).toBe(missing.body.detail);
    expect((await denials())[0].n).toBe(1);
  });

  describe('inputs that once answered 500 answer 400 naming the field', () => {
    const fieldsOf = (response: { body: { errors?: { field: string }[] } }) =>
      (response.body.errors ?? []).map((error) => error.field);
    const postCase = (extra: Record<string, unknown>) =>
      suite.api
        .http()
        .post('/api/v1/cases')
        .set(suite.org.companionA.auth())
        .send(newCaseBody(suite.org.villages.a, extra));

    it('a cursor dated year 0000 answers 400 naming the cursor', async () => {
      const cursor = Buffer.from(JSON.stringify(['0000-01-01T00:00:00.000000Z', suite.org.regions.a])).toString(
        'base64url',
      );
      const response = await suite.api
        .http()
        .get('/api/v1/cases')
        .query({ cursor })
        .set(suite.org.companionA.auth())
        .expect(400);
      expect(fieldsOf(response)).toEqual(['cursor']);
    });

    it('a lone surrogate in a sealed text field answers 400 naming the field', async () => {
      const response = await postCase({ survivor: { sex: 'female', name: 'Ma\ud800ria' } }).expect(400);
      expect(fieldsOf(response)).toEqual(['survivor.name']);
      const narrative = await postCase({ narrative: '\udfff' }).expect(400);
      expect(fieldsOf(narrative)).toEqual(['narrative']);
    });

    it('survivor sent as an array answers 400 naming the field', async () => {
      const response = await postCase({ survivor: [{ sex: 'female', name: 'Ani' }] }).expect(400);
      expect(fieldsOf(response)).toContain('survivor');
      const perpetrators = await postCase({ perpetrators: [['suami']] }).expect(400);
      expect(fieldsOf(perpetrators)).toContain('perpetrators');
    });
  });

  it("refuses intake and incident dates after the region's today or before 1900", async () => {
    const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const post = (extra: Record<string, unknown>) =>
      suite.api
        .http()
        .post('/api/v1/cases')
        .set(suite.org.companionA.auth())
        .send(newCaseBody(suite.org.villages.a, extra));
    const fields = async (extra: Record<string, unknown>) =>
      ((await post(extra).expect(400)).body.errors as { field: string }[]).map((error) => error.field);
    expect(await fields({ intakeDate: '9999-12-31' })).toEqual(['intakeDate']);
    expect(await fields({ intakeDate: daysAhead(2) })).toEqual(['intakeDate']);
    expect(await fields({ incidentDate: daysAhead(2) })).toEqual(['incidentDate']);
    expect(await fields({ intakeDate: '1899-12-31' })).toEqual(['intakeDate']);
    expect(await fields({ incidentDate: '1899-12-31' })).toEqual(['incidentDate']);
    const created = (await post({ incidentDate: '1900-01-01' }).expect(201)).body;
    await suite.api
      .http()
      .patch(`/api/v1/cases/${created.id}`)
      .set(suite.org.companionA.auth())
      .send({ incidentDate: daysAhead(2), version: created.version })
      .expect(400);
    await suite.api
      .http()
      .patch(`/api/v1/cases/${created.id}`)
      .set(suite.org.companionA.auth())
      .send({ intakeDate: daysAhead(-1), version: created.version })
      .expect(200);
  });

  it('refuses repeated values in code lists, which would be counted twice', async () => {
    const response = await suite.api
      .http()
      .post('/api/v1/cases')
      .set(suite.org.companionA.auth())
      .send(
        newCaseBody(suite.org.villages.a, {
          violenceTypes: ['fisik', 'psikis', 'fisik'],
          tpksForms: ['pelecehan_seksual_fisik', 'pelecehan_seksual_fisik'],
        }),
      )
      .expect(400);
    expect((response.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'tpksForms',
      'violenceTypes',
    ]);
  });

  it('holds the duplicate-check limit of 30 an hour under 40 concurrent checks', async () => {
    const user = suite.org.companionB;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        suite.api
          .http()
          .post('/api/v1/cases/duplicate-check')
          .set(user.auth())
          .send({ name: `Nama Uji ${index}`, birthYear: 1990 }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200).length).toBe(30);
    expect(statuses.filter((status) => status === 429).length).toBe(10);
  });
});
