import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { AdminRequestsService, OrganizationsService } from '@pendamping/auth';
import { generateTotpCode } from '@pendamping/auth/authentication';
import { ProblemKind, problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { organisationSuite } from './support/organisation-suite';
import { appEnv } from './support/app-process';
import { createFirstAdmin, createUser, SignedInUser, TEMPORARY_ADMIN_PASSWORD, TEST_PASSWORD } from './support/world';

/**
 * SPEC §8 "no administrator alone gets into case content" and §9 "administration requests":
 * every creation of a user, change of role, scope or activity and reset of a credential waits for
 * a second org_admin; requester, approver and subject differ; temporary passwords come in halves.
 */

const API = '/api/v1';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const unique = () => randomBytes(4).toString('hex');

function expectProblem(response: Response, status: number, kind: ProblemKind): void {
  expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: problemType(kind) });
}

describe('administration requests', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  const admin = () => suite.org.admin;
  const approver = () => suite.org.approver;

  const requestCoordinator = async (requester: SignedInUser, email = `coord-${unique()}@example.test`) => {
    const requested = await http()
      .post(`${API}/users`)
      .set(requester.auth())
      .send({ email, name: 'Ina Koordinator', role: 'coordinator', regionIds: [suite.org.regions.a] })
      .expect(202);
    return { email, request: requested.body as { id: string; state: string; kind: string } };
  };
  const login = (email: string, password: string) => http().post(`${API}/auth/login`).send({ email, password });

  it('an org_admin alone cannot create a coordinator she can sign in as', async () => {
    // No password is accepted any more, so she cannot choose one.
    const withPassword = await http()
      .post(`${API}/users`)
      .set(admin().auth())
      .send({
        email: `x-${unique()}@example.test`,
        name: 'Ina',
        role: 'coordinator',
        password: TEST_PASSWORD,
        regionIds: [suite.org.regions.a],
      });
    expectProblem(withPassword, 400, 'validation-failed');

    const { email, request } = await requestCoordinator(admin());
    expect(request).toMatchObject({
      kind: 'create_user',
      state: 'pending',
      email,
      role: 'coordinator',
      requestedBy: admin().id,
      subjectId: null,
    });
    // Until approved, nobody exists to sign in as.
    const users = await http().get(`${API}/users?limit=200`).set(admin().auth()).expect(200);
    expect(users.body.items.map((user: { email: string }) => user.email)).not.toContain(email);
    // She cannot approve it herself, and once approved she holds only half of the password.
    expectProblem(
      await http().post(`${API}/admin-requests/${request.id}/approve`).set(admin().auth()),
      403,
      'approver-is-requester',
    );
    const approved = await http()
      .post(`${API}/admin-requests/${request.id}/approve`)
      .set(approver().auth())
      .expect(200);
    const firstHalf = (
      await http().post(`${API}/admin-requests/${request.id}/password-half`).set(admin().auth()).expect(200)
    ).body.firstHalf as string;
    expectProblem(await login(email, firstHalf), 401, 'invalid-credentials');
    // The old direct routes are gone: no administrator sets or clears a credential by herself.
    await http().post(`${API}/users/${approved.body.subjectId}/mfa-reset`).set(admin().auth()).expect(404);
    const subject = await http().get(`${API}/users/${approved.body.subjectId}`).set(admin().auth()).expect(200);
    const setPassword = await http()
      .patch(`${API}/users/${approved.body.subjectId}`)
      .set(admin().auth())
      .send({ password: `${TEST_PASSWORD}-baru`, version: subject.body.version });
    expectProblem(setPassword, 400, 'validation-failed');
  });

  it('requester, approver and subject differ', async () => {
    // Nobody asks for a change of her own account.
    expectProblem(
      await http()
        .post(`${API}/admin-requests`)
        .set(admin().auth())
        .send({ kind: 'reset_password', subjectId: admin().id }),
      403,
      'requester-is-subject',
    );
    const self = await http().get(`${API}/users/${admin().id}`).set(admin().auth()).expect(200);
    expectProblem(
      await http()
        .patch(`${API}/users/${admin().id}`)
        .set(admin().auth())
        .send({ role: 'coordinator', regionIds: [suite.org.regions.a], version: self.body.version }),
      403,
      'forbidden-fields',
    );

    // A request about one of the two admins: neither may decide it.
    const aboutAdmin = await http()
      .post(`${API}/admin-requests`)
      .set(approver().auth())
      .send({ kind: 'reset_totp', subjectId: admin().id })
      .expect(202);
    expectProblem(
      await http().post(`${API}/admin-requests/${aboutAdmin.body.id}/approve`).set(admin().auth()),
      403,
      'approver-is-subject',
    );
    expectProblem(
      await http().post(`${API}/admin-requests/${aboutAdmin.body.id}/refuse`).set(admin().auth()),
      403,
      'approver-is-subject',
    );
    expectProblem(
      await http().post(`${API}/admin-requests/${aboutAdmin.body.id}/approve`).set(approver().auth()),
      403,
      'approver-is-requester',
    );
    const still = await http().get(`${API}/admin-requests/${aboutAdmin.body.id}`).set(admin().auth()).expect(200);
    expect(still.body.state).toBe('pending');
    // Refused requests stay refused.
    const refused = await http().post(`${API}/admin-requests/${aboutAdmin.body.id}/refuse`).set(approver().auth());
    expectProblem(refused, 403, 'approver-is-requester');

    // Other roles have no part in administration requests.
    await http().get(`${API}/admin-requests`).set(suite.org.coordinatorA.auth()).expect(403);
    await http()
      .post(`${API}/admin-requests`)
      .set(suite.org.coordinatorA.auth())
      .send({ kind: 'reset_password', subjectId: suite.org.companionA.id })
      .expect(403);
  });

  it('a refused request changes nothing and cannot be approved later', async () => {
    const { email, request } = await requestCoordinator(admin());
    const refused = await http().post(`${API}/admin-requests/${request.id}/refuse`).set(approver().auth()).expect(200);
    expect(refused.body).toMatchObject({ state: 'refused', decidedBy: approver().id });
    expectProblem(
      await http().post(`${API}/admin-requests/${request.id}/approve`).set(approver().auth()),
      409,
      'conflict',
    );
    const users = await http().get(`${API}/users?limit=200`).set(admin().auth()).expect(200);
    expect(users.body.items.map((user: { email: string }) => user.email)).not.toContain(email);
  });

  it("the temporary password's halves: neither alone signs in", async () => {
    const { email, request } = await requestCoordinator(admin());
    const approved = await http()
      .post(`${API}/admin-requests/${request.id}/approve`)
      .set(approver().auth())
      .expect(200);
    const secondHalf = approved.body.temporaryPassword.secondHalf as string;
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: approver().id, requesterHalfWaiting: true });
    // The approver's half is in her answer only; a read of the request shows neither half.
    const read = await http().get(`${API}/admin-requests/${request.id}`).set(approver().auth()).expect(200);
    expect(JSON.stringify(read.body)).not.toContain(secondHalf);
    expect(read.body.temporaryPassword).toBeUndefined();
    // Only the requester collects the first half, and only once.
    expectProblem(
      await http().post(`${API}/admin-requests/${request.id}/password-half`).set(approver().auth()),
      403,
      'forbidden',
    );
    const firstHalf = (
      await http().post(`${API}/admin-requests/${request.id}/password-half`).set(admin().auth()).expect(200)
    ).body.firstHalf as string;
    expectProblem(
      await http().post(`${API}/admin-requests/${request.id}/password-half`).set(admin().auth()),
      409,
      'conflict',
    );
    expect(
      (await http().get(`${API}/admin-requests/${request.id}`).set(admin().auth()).expect(200)).body
        .requesterHalfWaiting,
    ).toBe(false);

    expectProblem(await login(email, firstHalf), 401, 'invalid-credentials');
    expectProblem(await login(email, secondHalf), 401, 'invalid-credentials');
    expectProblem(await login(email, `${secondHalf}${firstHalf}`), 401, 'invalid-credentials');
    const signedIn = await login(email, `${firstHalf}${secondHalf}`).expect(200);
    expect(signedIn.body).toMatchObject({ passwordChange: 'required', mfa: 'enrollment_required' });
    // Nothing of the halves is kept in clear on the request.
    const [row] = await suite.dataSource.query(
      `SELECT requester_half, payload::text AS payload FROM admin_requests WHERE id = $1`,
      [request.id],
    );
    expect(row.requester_half).toBeNull();
    expect(row.payload).not.toContain(firstHalf);
  });

  it('a temporary password allows only changing it, then enrolment', async () => {
    const { email, request } = await requestCoordinator(admin());
    const approved = await http()
      .post(`${API}/admin-requests/${request.id}/approve`)
      .set(approver().auth())
      .expect(200);
    const firstHalf = (
      await http().post(`${API}/admin-requests/${request.id}/password-half`).set(admin().auth()).expect(200)
    ).body.firstHalf as string;
    const temporary = `${firstHalf}${approved.body.temporaryPassword.secondHalf}`;
    const first = (await login(email, temporary).expect(200)).body;

    expectProblem(await http().get(`${API}/cases`).set(bearer(first.accessToken)), 403, 'password-change-required');
    expectProblem(await http().get(`${API}/regions`).set(bearer(first.accessToken)), 403, 'password-change-required');
    expectProblem(
      await http().post(`${API}/me/reset-notice/acknowledge`).set(bearer(first.accessToken)),
      403,
      'password-change-required',
    );
    const me = await http().get(`${API}/me`).set(bearer(first.accessToken)).expect(200);
    expect(me.body).toMatchObject({ passwordChange: 'required', mfa: 'enrollment_required' });
    // A refresh keeps the limit.
    const refreshed = (await http().post(`${API}/auth/refresh`).send({ refreshToken: first.refreshToken }).expect(200))
      .body;
    expect(refreshed.passwordChange).toBe('required');
    expectProblem(await http().get(`${API}/cases`).set(bearer(refreshed.accessToken)), 403, 'password-change-required');

    // The temporary password cannot be kept: two administrators each know half of it.
    const kept = await http()
      .post(`${API}/auth/password`)
      .set(bearer(refreshed.accessToken))
      .send({ currentPassword: temporary, newPassword: temporary });
    expectProblem(kept, 400, 'validation-failed');
    // The enrolment-only token changes the password (before, the two deadlocked)...
    const changed = (
      await http()
        .post(`${API}/auth/password`)
        .set(bearer(refreshed.accessToken))
        .send({ currentPassword: temporary, newPassword: TEST_PASSWORD })
        .expect(200)
    ).body;
    expect(changed.passwordChange).toBeUndefined();
    expect(changed.mfa).toBe('enrollment_required');
    expectProblem(await http().get(`${API}/cases`).set(bearer(changed.accessToken)), 403, 'mfa-enrollment-required');
    // ...then enrols, and only then reaches the system.
    const enrolment = await http().post(`${API}/auth/totp/enroll`).set(bearer(changed.accessToken)).expect(200);
    const verified = await http()
      .post(`${API}/auth/totp/verify`)
      .set(bearer(changed.accessToken))
      .send({ code: generateTotpCode({ secret: enrolment.body.secret, now: new Date() }) })
      .expect(200);
    await http().get(`${API}/cases`).set(bearer(verified.body.accessToken)).expect(200);
    expectProblem(await login(email, temporary), 401, 'invalid-credentials');
  });

  it("create-org's password is temporary too", async () => {
    const email = `first-admin-${unique()}@example.test`;
    await suite.api.app.get(OrganizationsService).create({
      name: `Org ${unique()}`,
      adminEmail: email,
      adminName: 'First Admin',
      adminPassword: TEMPORARY_ADMIN_PASSWORD,
    });
    const signedIn = await login(email, TEMPORARY_ADMIN_PASSWORD).expect(200);
    expect(signedIn.body.passwordChange).toBe('required');
    expectProblem(
      await http().get(`${API}/users`).set(bearer(signedIn.body.accessToken)),
      403,
      'password-change-required',
    );
  });

  it("a promoted user's sessions end at the role change", async () => {
    const companion = await createUser(suite.api, admin(), 'companion', { groupIds: [suite.org.groups.a] });
    // A change of scope alone needs no new session.
    const before = await http().get(`${API}/users/${companion.id}`).set(admin().auth()).expect(200);
    const rescoped = await http()
      .patch(`${API}/users/${companion.id}`)
      .set(admin().auth())
      .send({ groupIds: [suite.org.groups.b], version: before.body.version })
      .expect(202);
    expect(rescoped.headers.location).toBe(`${API}/admin-requests/${rescoped.body.id}`);
    expect(rescoped.body).toMatchObject({
      kind: 'change_role',
      subjectId: companion.id,
      groupIds: [suite.org.groups.b],
    });
    await http().post(`${API}/admin-requests/${rescoped.body.id}/approve`).set(approver().auth()).expect(200);
    expect((await http().get(`${API}/me`).set(companion.auth()).expect(200)).body.groupIds).toEqual([
      suite.org.groups.b,
    ]);

    const current = await http().get(`${API}/users/${companion.id}`).set(admin().auth()).expect(200);
    const promotion = await http()
      .patch(`${API}/users/${companion.id}`)
      .set(admin().auth())
      .send({ role: 'coordinator', regionIds: [suite.org.regions.a], version: current.body.version })
      .expect(202);
    // Requested, not done: she is still a companion with her session.
    expect((await http().get(`${API}/me`).set(companion.auth()).expect(200)).body.role).toBe('companion');
    await http().post(`${API}/admin-requests/${promotion.body.id}/approve`).set(approver().auth()).expect(200);

    expectProblem(await http().get(`${API}/me`).set(companion.auth()), 401, 'unauthenticated');
    expectProblem(await http().get(`${API}/cases`).set(companion.auth()), 401, 'unauthenticated');
    await http().post(`${API}/auth/refresh`).send({ refreshToken: companion.refreshToken }).expect(401);
    const again = await login(companion.email, TEST_PASSWORD).expect(200);
    expect(again.body.mfa).toBe('enrollment_required');
    const promoted = await http().get(`${API}/users/${companion.id}`).set(admin().auth()).expect(200);
    expect(promoted.body).toMatchObject({ role: 'coordinator', regionIds: [suite.org.regions.a], groupIds: [] });
  });

  it("a change to a role without a scope clears the user's groups", async () => {
    const companion = await createUser(suite.api, admin(), 'companion', { groupIds: [suite.org.groups.a] });
    const current = await http().get(`${API}/users/${companion.id}`).set(admin().auth()).expect(200);
    const requested = await http()
      .patch(`${API}/users/${companion.id}`)
      .set(admin().auth())
      .send({ role: 'reviewer', version: current.body.version })
      .expect(202);
    await http().post(`${API}/admin-requests/${requested.body.id}/approve`).set(approver().auth()).expect(200);
    const after = await http().get(`${API}/users/${companion.id}`).set(admin().auth()).expect(200);
    expect(after.body).toMatchObject({ role: 'reviewer', groupIds: [], regionIds: [] });
    // A change of name or email with it would be two requests in one: refused, nothing made.
    expectProblem(
      await http()
        .patch(`${API}/users/${companion.id}`)
        .set(admin().auth())
        .send({ role: 'companion', name: 'Baru', version: after.body.version }),
      400,
      'validation-failed',
    );
  });

  it('a retried approval answers the decided request again, without the half', async () => {
    const { request } = await requestCoordinator(admin());
    const key = `approve-${unique()}`;
    const first = await http()
      .post(`${API}/admin-requests/${request.id}/approve`)
      .set(approver().auth())
      .set('idempotency-key', key)
      .expect(200);
    expect(first.body.temporaryPassword.secondHalf).toEqual(expect.any(String));
    const retry = await http()
      .post(`${API}/admin-requests/${request.id}/approve`)
      .set(approver().auth())
      .set('idempotency-key', key)
      .expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toMatchObject({ id: request.id, state: 'approved' });
    expect(retry.body.temporaryPassword).toBeUndefined();
  });

  it('the reset notice stays until acknowledged', async () => {
    const user = await createUser(suite.api, admin(), 'companion', { groupIds: [suite.org.groups.a] });
    const reset = await http()
      .post(`${API}/admin-requests`)
      .set(admin().auth())
      .send({ kind: 'reset_password', subjectId: user.id })
      .expect(202);
    expect(reset.headers.location).toBe(`${API}/admin-requests/${reset.body.id}`);
    const approved = await http()
      .post(`${API}/admin-requests/${reset.body.id}/approve`)
      .set(approver().auth())
      .expect(200);
    const firstHalf = (
      await http().post(`${API}/admin-requests/${reset.body.id}/password-half`).set(admin().auth()).expect(200)
    ).body.firstHalf as string;
    const temporary = `${firstHalf}${approved.body.temporaryPassword.secondHalf}`;

    // The reset ended her sessions and her old password.
    expectProblem(await http().get(`${API}/me`).set(user.auth()), 401, 'unauthenticated');
    expectProblem(await login(user.email, TEST_PASSWORD), 401, 'invalid-credentials');
    const first = (await login(user.email, temporary).expect(200)).body;
    const notice = (await http().get(`${API}/me`).set(bearer(first.accessToken)).expect(200)).body.resetNotice;
    expect(notice).toMatchObject({
      kind: 'reset_password',
      requestId: reset.body.id,
      requestedBy: { id: admin().id, name: 'Test Admin' },
      approvedBy: { id: approver().id, name: 'Test org_admin' },
    });
    expect(Date.parse(notice.at)).toBeGreaterThan(Date.now() - 60_000);
    expectProblem(
      await http().post(`${API}/me/reset-notice/acknowledge`).set(bearer(first.accessToken)),
      403,
      'password-change-required',
    );

    const own = `${TEST_PASSWORD}-baru`;
    const changed = (
      await http()
        .post(`${API}/auth/password`)
        .set(bearer(first.accessToken))
        .send({ currentPassword: temporary, newPassword: own })
        .expect(200)
    ).body;
    // Still there after the password change, and after signing in again.
    expect((await http().get(`${API}/me`).set(bearer(changed.accessToken)).expect(200)).body.resetNotice).toMatchObject(
      { kind: 'reset_password' },
    );
    const later = (await login(user.email, own).expect(200)).body;
    expect((await http().get(`${API}/me`).set(bearer(later.accessToken)).expect(200)).body.resetNotice).toMatchObject({
      kind: 'reset_password',
    });
    await http().post(`${API}/me/reset-notice/acknowledge`).set(bearer(later.accessToken)).expect(204);
    expect((await http().get(`${API}/me`).set(bearer(later.accessToken)).expect(200)).body.resetNotice).toBeUndefined();
    expectProblem(
      await http().post(`${API}/me/reset-notice/acknowledge`).set(bearer(later.accessToken)),
      409,
      'conflict',
    );
  });

  it('a second-factor reset ends her sessions and she enrols again, told who reset it', async () => {
    const coordinator = await createUser(suite.api, admin(), 'coordinator', { regionIds: [suite.org.regions.a] });
    const reset = await http()
      .post(`${API}/admin-requests`)
      .set(approver().auth())
      .send({ kind: 'reset_totp', subjectId: coordinator.id })
      .expect(202);
    const approved = await http()
      .post(`${API}/admin-requests/${reset.body.id}/approve`)
      .set(admin().auth())
      .expect(200);
    expect(approved.body.temporaryPassword).toBeUndefined();
    expectProblem(await http().get(`${API}/me`).set(coordinator.auth()), 401, 'unauthenticated');
    const again = (await login(coordinator.email, TEST_PASSWORD).expect(200)).body;
    expect(again.mfa).toBe('enrollment_required');
    const me = (await http().get(`${API}/me`).set(bearer(again.accessToken)).expect(200)).body;
    expect(me.resetNotice).toMatchObject({
      kind: 'reset_totp',
      requestedBy: { id: approver().id },
      approvedBy: { id: admin().id },
    });
  });

  it("the operator's CLI approves a single admin's request and prints both halves", async () => {
    const { admin: lonely } = await createFirstAdmin(suite.api, 'Single admin');
    const email = `cli-${unique()}@example.test`;
    const requested = await http()
      .post(`${API}/users`)
      .set(lonely.auth())
      .send({ email, name: 'Rina Pendamping', role: 'reviewer' })
      .expect(202);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        resolve(__dirname, 'support/ts-launcher.js'),
        'apps/cli/src/main.ts',
        'admin-request',
        'approve',
        requested.body.id,
      ],
      {
        cwd: resolve(__dirname, '..'),
        env: appEnv(suite.api.config),
      },
    );
    const half = (which: string) => new RegExp(`${which} half: +(\\S+)`).exec(stdout)?.[1] as string;
    expect(stdout).toContain(`Approved create_user request ${requested.body.id as string} as the operator`);
    const decided = await http().get(`${API}/admin-requests/${requested.body.id}`).set(lonely.auth()).expect(200);
    expect(decided.body).toMatchObject({
      state: 'approved',
      decidedByOperator: true,
      decidedBy: null,
      requesterHalfWaiting: false,
    });
    expect((await login(email, `${half('first')}${half('second')}`).expect(200)).body.passwordChange).toBe('required');
  });

  it('a retried POST /users with the same Idempotency-Key answers the same request', async () => {
    const email = `retry-${unique()}@example.test`;
    const body = { email, name: 'Retry Companion', role: 'companion', groupIds: [suite.org.groups.a] };
    const key = `users-${unique()}`;
    const first = await http()
      .post(`${API}/users`)
      .set(admin().auth())
      .set('idempotency-key', key)
      .send(body)
      .expect(202);
    const retry = await http()
      .post(`${API}/users`)
      .set(admin().auth())
      .set('idempotency-key', key)
      .send(body)
      .expect(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const [{ count }] = await suite.dataSource.query(
      `SELECT count(*)::int AS count FROM admin_requests WHERE payload->>'email' = $1`,
      [email],
    );
    expect(count).toBe(1);
  });

  it('a request with fields of another kind, or without its own, is refused and saves nothing', async () => {
    const before = await suite.dataSource.query(`SELECT count(*)::int AS count FROM admin_requests`);
    expectProblem(
      await http().post(`${API}/admin-requests`).set(admin().auth()).send({ kind: 'reset_password' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await http()
        .post(`${API}/admin-requests`)
        .set(admin().auth())
        .send({ kind: 'reset_totp', subjectId: suite.org.companionA.id, role: 'org_admin' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await http()
        .post(`${API}/admin-requests`)
        .set(admin().auth())
        .send({ kind: 'create_user', email: `k-${unique()}@example.test`, name: 'K' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await http()
        .post(`${API}/admin-requests`)
        .set(admin().auth())
        .send({ kind: 'change_role', subjectId: suite.org.companionA.id }),
      400,
      'validation-failed',
    );
    expectProblem(
      await http()
        .post(`${API}/admin-requests`)
        .set(admin().auth())
        .send({ kind: 'make_me_admin', subjectId: suite.org.companionA.id }),
      400,
      'validation-failed',
    );
    expectProblem(
      await http()
        .post(`${API}/users`)
        .set(admin().auth())
        .send({ email: suite.org.companionA.email, name: 'Dup', role: 'reviewer' }),
      409,
      'conflict',
    );
    expect(await suite.dataSource.query(`SELECT count(*)::int AS count FROM admin_requests`)).toEqual(before);
  });
  // Last: it resets the first admin's password, which ends the sessions the other tests use.
  it('the operator approves where no eligible approver exists, and only there', async () => {
    const operator = suite.api.app.get(AdminRequestsService);
    // A request by one of two admins about the other: only the operator may approve it.
    const aboutAdmin = await http()
      .post(`${API}/admin-requests`)
      .set(approver().auth())
      .send({ kind: 'reset_password', subjectId: admin().id })
      .expect(202);
    const approved = await operator.approveAsOperator(aboutAdmin.body.id);
    expect(approved.request).toMatchObject({ state: 'approved', decidedBy: null, decidedByOperator: true });
    const { firstHalf, secondHalf } = approved.temporaryPassword!;
    // Her second factor was not reset: she proves it as always, then sets her own password.
    expectProblem(await login(admin().email, `${firstHalf}${secondHalf}`), 401, 'mfa-required');
    const totp = generateTotpCode({ secret: admin().totpSecret!, now: new Date(Date.now() + 30_000) });
    const signedIn = await http()
      .post(`${API}/auth/login`)
      .send({ email: admin().email, password: `${firstHalf}${secondHalf}`, totp })
      .expect(200);
    expect(signedIn.body.passwordChange).toBe('required');
    const full = (
      await http()
        .post(`${API}/auth/password`)
        .set(bearer(signedIn.body.accessToken))
        .send({ currentPassword: `${firstHalf}${secondHalf}`, newPassword: TEST_PASSWORD })
        .expect(200)
    ).body;
    expect(full.mfa).toBeUndefined();
    expect(full.passwordChange).toBeUndefined();
    const notice = (await http().get(`${API}/me`).set(bearer(full.accessToken)).expect(200)).body.resetNotice;
    expect(notice).toMatchObject({ kind: 'reset_password', requestedBy: { id: approver().id }, approvedBy: null });
    await http().post(`${API}/me/reset-notice/acknowledge`).set(bearer(full.accessToken)).expect(204);

    // Where an org_admin may decide, the operator may not.
    const { request } = await requestCoordinator(approver());
    await expect(operator.approveAsOperator(request.id)).rejects.toMatchObject({ kind: 'conflict' });
    expect(
      (await http().get(`${API}/admin-requests/${request.id}`).set(approver().auth()).expect(200)).body.state,
    ).toBe('pending');

    // Both steps are in the audit log; the operator's as the system, with the CLI's request id.
    const events = await suite.dataSource.query(
      `SELECT action, subject, actor_id, request_id FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, seq`,
      [aboutAdmin.body.id],
    );
    expect(events).toEqual([
      expect.objectContaining({ action: 'create', subject: 'AdminRequest', actor_id: approver().id }),
      expect.objectContaining({
        action: 'approve',
        subject: 'AdminRequest',
        actor_id: null,
        request_id: 'operator-cli',
      }),
    ]);
  });
});
