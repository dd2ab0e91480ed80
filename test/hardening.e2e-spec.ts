import { generateTotpCode } from '@pendamping/auth/authentication';
import { UserEntity, UserRegionEntity } from '@pendamping/auth/entities';
import { approveRequest, createUserWithOwnPassword, TEST_PASSWORD } from './support/world';
import { organisationSuite } from './support/organisation-suite';

/** Regression tests for the findings of the security review of the trust core. */
describe('hardening', () => {
  const suite = organisationSuite();

  const newCoordinator = () => createUserWithOwnPassword(suite.api, suite.org.admin, 'coordinator', { regionIds: [suite.org.regions.a] });

  it('never upgrades a password-only session when the user enrols in another one', async () => {
    const { email } = await newCoordinator();
    const login = () => suite.api.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const intruder = (await login()).body;
    const owner = (await login()).body;
    const ownerAuth = { authorization: `Bearer ${owner.accessToken}` };
    const { secret } = (await suite.api.http().post('/api/v1/auth/totp/enroll').set(ownerAuth).expect(200)).body;
    await suite.api.http().post('/api/v1/auth/totp/verify').set(ownerAuth).send({ code: generateTotpCode({ secret, now: new Date() }) }).expect(200);

    await suite.api.http().post('/api/v1/auth/refresh').send({ refreshToken: intruder.refreshToken }).expect(401);
    await suite.api.http().get('/api/v1/regions').set({ authorization: `Bearer ${intruder.accessToken}` }).expect(401);
  });

  it('keeps a password-only session limited across refreshes', async () => {
    const { email } = await newCoordinator();
    const login = (await suite.api.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200)).body;
    const refreshed = await suite.api.http().post('/api/v1/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200);
    expect(refreshed.body.mfa).toBe('enrollment_required');
    await suite.api.http().get('/api/v1/regions').set({ authorization: `Bearer ${refreshed.body.accessToken}` }).expect(403);
  });

  it('refuses a password change while the account is locked, even with the right password', async () => {
    const user = suite.org.companionB;
    await suite.dataSource.getRepository(UserEntity).update({ id: user.id }, { lockedUntil: new Date(Date.now() + 600_000) });
    await suite.api.http().post('/api/v1/auth/password').set(user.auth()).send({ currentPassword: TEST_PASSWORD, newPassword: 'jembatan-liliba-kupang-baru' }).expect(400);
    await suite.dataSource.getRepository(UserEntity).update({ id: user.id }, { lockedUntil: null, failedLogins: 0 });
    await suite.api.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('does not let an administrator change their own role or switch themselves off', async () => {
    const self = await suite.api.http().get(`/api/v1/users/${suite.org.admin.id}`).set(suite.org.admin.auth()).expect(200);
    const refused = await suite.api.http().patch(`/api/v1/users/${suite.org.admin.id}`).set(suite.org.admin.auth()).send({ role: 'coordinator', regionIds: [suite.org.regions.a], version: self.body.version }).expect(403);
    expect(refused.body).toMatchObject({ type: 'urn:pendamping:problem:forbidden-fields', fields: ['role'] });
    await suite.api.http().patch(`/api/v1/users/${suite.org.admin.id}`).set(suite.org.admin.auth()).send({ active: false, version: self.body.version }).expect(403);
    await suite.api.http().patch(`/api/v1/users/${suite.org.admin.id}`).set(suite.org.admin.auth()).send({ name: 'Admin Baru', version: self.body.version }).expect(200);
  });

  it('keeps a user scope when the same role is sent again without ids', async () => {
    const user = await suite.api.http().get(`/api/v1/users/${suite.org.coordinatorA.id}`).set(suite.org.admin.auth()).expect(200);
    const requested = await suite.api.http().patch(`/api/v1/users/${suite.org.coordinatorA.id}`).set(suite.org.admin.auth()).send({ role: 'coordinator', version: user.body.version }).expect(202);
    await approveRequest(suite.api, suite.org.admin, requested.body.id);
    expect(await suite.dataSource.getRepository(UserRegionEntity).countBy({ userId: suite.org.coordinatorA.id })).toBe(1);
  });

  it('answers bad input with 400, never 500', async () => {
    const admin = suite.org.admin.auth();
    await suite.api.http().post('/api/v1/regions').set(admin).send({ name: 'Nul\u0000Region', code: 'NUL' }).expect(400);
    await suite.api.http().get('/api/v1/audit').query({ subject: 'Region\u0000' }).set(admin).expect(400);
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await suite.api.http().get('/api/v1/regions').query({ cursor: forged(['2026-01-01T00:00:00.000000Z', 'not-a-uuid']) }).set(admin).expect(400);
    await suite.api.http().get('/api/v1/regions').query({ cursor: forged(['2024-02-30T00:00:00.000000Z', suite.org.regions.a]) }).set(admin).expect(400);
    await suite.api.http().get('/api/v1/audit').query({ cursor: '9999999999999999999' }).set(admin).expect(400);
    await suite.api.http().get('/api/v1/audit').query({ from: '2024-02-30' }).set(admin).expect(400);
    await suite.api.http().get('/api/v1/audit').query({ from: '2024-W01' }).set(admin).expect(400);
    await suite.api.http().post('/api/v1/users').set(admin).send({ email: '"x:y"@example.test', name: 'Colon', role: 'reviewer' }).expect(400);
  });

  it('audits a refusal of an enrolment-only session', async () => {
    const { email, id } = await newCoordinator();
    const login = (await suite.api.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200)).body;
    await suite.api.http().get('/api/v1/regions').set({ authorization: `Bearer ${login.accessToken}` }).expect(403);
    const denials = await suite.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND outcome = 'denied'`, [id]);
    expect(denials[0].n).toBe(1);
  });

  it('audits a read of a record out of scope as a denial, and answers it like a missing one', async () => {
    const { api, org, dataSource } = suite;
    const denials = () =>
      dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND subject_id = $2 AND outcome = 'denied'`, [org.coordinatorA.id, org.regions.b]);
    const outOfScope = await api.http().get(`/api/v1/regions/${org.regions.b}`).set(org.coordinatorA.auth()).expect(404);
    const missing = await api.http().get('/api/v1/regions/00000000-0000-4000-8000-000000000000').set(org.coordinatorA.auth()).expect(404);
    expect(outOfScope.body.detail).toBe(missing.body.detail);
    expect((await denials())[0].n).toBe(1);
  });
});
