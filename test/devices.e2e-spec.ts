import { randomBytes, randomUUID } from 'node:crypto';
import { FieldEncryption } from '@pendamping/auth';
import { generateTotpCode } from '@pendamping/auth/authentication';
import { MasterKeyring, unwrapDataKey } from '@pendamping/auth/crypto';
import { ProblemKind, problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { organisationSuite } from './support/organisation-suite';
import { startTestApi, suiteConfig } from './support/test-app';
import { approveRequest, createUser, SignedInUser } from './support/world';

/**
 * SPEC §12, the server's side of phones: set-up under the 5-minute rule, W wrapped by the master
 * key bound to the phone, phone-bound sessions (token in the body, one family per phone, the
 * grace), recovery, the list, revocation, the sessionless status, and deactivation.
 */

const API = '/api/v1';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sealingPublicKey = () => randomBytes(65).toString('base64url');
const expectProblem = (response: Response, status: number, kind: ProblemKind) => {
  expect({ status: response.status, type: response.body.type }).toEqual({ status, type: problemType(kind) });
};

describe('phones (SPEC §12)', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();

  /** A fresh password sign-in: what set-up and recovery need. */
  const login = async (user: SignedInUser, deviceId?: string) =>
    http()
      .post(`${API}/auth/login`)
      .send({ email: user.email, password: user.password, ...(deviceId ? { deviceId } : {}) });

  const setUp = async (user: SignedInUser, deviceId = randomUUID()) => {
    const session = (await login(user)).body as { accessToken: string; refreshToken: string };
    const response = await http()
      .post(`${API}/devices`)
      .set(bearer(session.accessToken))
      .send({ deviceId, label: 'HP Sari', sealingPublicKey: sealingPublicKey() });
    return { session, response, deviceId };
  };

  const refresh = (refreshToken: string, deviceId?: string) =>
    http()
      .post(`${API}/auth/refresh`)
      .send({ refreshToken, ...(deviceId ? { deviceId } : {}) });

  const deviceRow = async (id: string) =>
    (
      (await suite.dataSource.query(`SELECT * FROM devices WHERE id = $1`, [id])) as {
        wrapping_key: Buffer | null;
        wrapping_key_master_key_id: string | null;
        revoked_at: Date | null;
        user_id: string;
      }[]
    )[0];

  describe('set-up (POST /devices)', () => {
    it('answers W and a phone-bound refresh token, stores W wrapped bound to the phone, and ends the calling session', async () => {
      const { session, response, deviceId } = await setUp(suite.org.companionA);
      expect(response.status).toBe(201);
      const wrappingKey = Buffer.from(response.body.wrappingKey as string, 'base64url');
      expect(wrappingKey).toHaveLength(32);
      expect(response.body.deviceId).toBe(deviceId);
      expect(typeof response.body.refreshToken).toBe('string');
      // The browser's cookie expires.
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      expect(cookies.some((cookie) => /^pendamping_refresh=;/.test(cookie) && /Max-Age=0|Expires=/i.test(cookie))).toBe(
        true,
      );
      // The calling session ended: its refresh token and its access token open nothing.
      expect((await refresh(session.refreshToken)).status).toBe(401);
      expect((await http().get(`${API}/me`).set(bearer(session.accessToken))).status).toBe(401);
      // The phone's session works, and keeps the original sign-in time.
      expect((await http().get(`${API}/me`).set(bearer(response.body.accessToken))).status).toBe(200);
      const families = (await suite.dataSource.query(
        `SELECT device_id, session_started_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 2`,
        [suite.org.companionA.id],
      )) as { device_id: string | null; session_started_at: Date }[];
      expect(families[0].device_id).toBe(deviceId);
      expect(families[0].session_started_at.getTime()).toBe(families[1].session_started_at.getTime());

      // W in the database: wrapped, not in clear, bound to this phone's id.
      const row = await deviceRow(deviceId);
      expect(row.wrapping_key).not.toBeNull();
      expect((row.wrapping_key as Buffer).includes(wrappingKey)).toBe(false);
      const keyring = suite.api.app.get(FieldEncryption).keyring;
      const wrapped = { masterKeyId: row.wrapping_key_master_key_id as string, wrapped: row.wrapping_key as Buffer };
      expect(unwrapDataKey(keyring, wrapped, { table: 'devices', id: deviceId }).equals(wrappingKey)).toBe(true);
      expect(() => unwrapDataKey(keyring, wrapped, { table: 'devices', id: randomUUID() })).toThrow();

      // Audited by field name, never a key or a token.
      const events = (await suite.dataSource.query(
        `SELECT action, fields, outcome FROM audit_events WHERE subject_id = $1`,
        [deviceId],
      )) as { action: string; fields: string[]; outcome: string }[];
      expect(events).toEqual([
        { action: 'device_setup', fields: ['label', 'sealingPublicKey', 'wrappingKey'], outcome: 'success' },
      ]);
      const dump = JSON.stringify(await suite.dataSource.query(`SELECT * FROM audit_events`));
      expect(dump).not.toContain(response.body.wrappingKey);
      expect(dump).not.toContain(response.body.refreshToken);
    });

    it('needs a password sign-in of the last 5 minutes, not refreshed since', async () => {
      const stale = (await login(suite.org.companionA)).body;
      await suite.dataSource.query(
        `UPDATE refresh_tokens SET session_started_at = now() - interval '6 minutes' WHERE token_hash IN (SELECT token_hash FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL AND device_id IS NULL)`,
        [suite.org.companionA.id],
      );
      const body = { deviceId: randomUUID(), label: 'HP', sealingPublicKey: sealingPublicKey() };
      expectProblem(
        await http().post(`${API}/devices`).set(bearer(stale.accessToken)).send(body),
        401,
        'recent-sign-in-required',
      );

      const fresh = (await login(suite.org.companionA)).body;
      const refreshed = (await refresh(fresh.refreshToken)).body;
      expectProblem(
        await http().post(`${API}/devices`).set(bearer(refreshed.accessToken)).send(body),
        401,
        'recent-sign-in-required',
      );
      expect(await deviceRow(body.deviceId)).toBeUndefined();
    });

    it('is a companion’s: other roles are refused', async () => {
      const body = { deviceId: randomUUID(), label: 'HP', sealingPublicKey: sealingPublicKey() };
      for (const user of [suite.org.coordinatorA, suite.org.reviewer, suite.org.admin])
        expectProblem(await http().post(`${API}/devices`).set(user.auth()).send(body), 403, 'forbidden');
    });

    it('refuses an id another user registered (409 id-taken), and answers the same W to its owner again', async () => {
      const first = await setUp(suite.org.companionA);
      expect(first.response.status).toBe(201);
      const taken = await setUp(suite.org.companionB, first.deviceId);
      expectProblem(taken.response, 409, 'id-taken');
      const again = await setUp(suite.org.companionA, first.deviceId);
      expect(again.response.status).toBe(201);
      expect(again.response.body.wrappingKey).toBe(first.response.body.wrappingKey);
      // One family per phone: the first set-up's session ended.
      expect((await refresh(first.response.body.refreshToken, first.deviceId)).status).toBe(401);
    });

    it('gives a new id to one of two companions setting it up at once; the other gets 409 id-taken', async () => {
      const deviceId = randomUUID();
      const sessions = await Promise.all([login(suite.org.companionA), login(suite.org.companionB)]);
      const answers = await Promise.all(
        sessions.map((session) =>
          http()
            .post(`${API}/devices`)
            .set(bearer(session.body.accessToken))
            .send({ deviceId, label: 'HP', sealingPublicKey: sealingPublicKey() }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      expect(answers.find((answer) => answer.status === 409)?.body.type).toBe(problemType('id-taken'));
    });

    it('refuses a malformed body', async () => {
      const session = (await login(suite.org.companionA)).body;
      for (const body of [
        { deviceId: 'not-a-uuid', label: 'HP', sealingPublicKey: sealingPublicKey() },
        { deviceId: randomUUID(), label: '', sealingPublicKey: sealingPublicKey() },
        { deviceId: randomUUID(), label: 'HP', sealingPublicKey: 'short' },
        { deviceId: randomUUID(), label: 'HP', sealingPublicKey: sealingPublicKey(), extra: 1 },
      ])
        expectProblem(
          await http().post(`${API}/devices`).set(bearer(session.accessToken)).send(body),
          400,
          'validation-failed',
        );
    });
  });

  describe('phone-bound sessions', () => {
    it('refreshes only with the phone’s id, in the body, with the 30-second grace', async () => {
      const { response, deviceId } = await setUp(suite.org.companionA);
      const token = response.body.refreshToken as string;
      // Without its phone's id the token is refused, and the family is not ended by that.
      expect((await refresh(token)).status).toBe(401);
      // A phone never takes its token in the cookie.
      expectProblem(
        await http()
          .post(`${API}/auth/refresh`)
          .set({ 'x-session-transport': 'cookie', origin: 'http://127.0.0.1:3000' })
          .send({ deviceId }),
        400,
        'validation-failed',
      );
      const rotated = await refresh(token, deviceId);
      expect(rotated.status).toBe(200);
      expect(typeof rotated.body.refreshToken).toBe('string');
      expect(rotated.headers['set-cookie']).toBeUndefined();
      // The answer was lost: the same token again within 30 seconds gets a sibling, and the lost one is revoked.
      const sibling = await refresh(token, deviceId);
      expect(sibling.status).toBe(200);
      expect((await refresh(rotated.body.refreshToken, deviceId)).status).toBe(401);
    });

    it('keeps one family per phone: a sign-in with the phone’s id ends the earlier one', async () => {
      const { response, deviceId } = await setUp(suite.org.companionA);
      const signedIn = await login(suite.org.companionA, deviceId);
      expect(signedIn.status).toBe(200);
      expect(typeof signedIn.body.refreshToken).toBe('string');
      expect((await refresh(response.body.refreshToken, deviceId)).status).toBe(401);
      expect((await refresh(signedIn.body.refreshToken, deviceId)).status).toBe(200);
      // A phone's token never travels in the cookie.
      expectProblem(
        await http()
          .post(`${API}/auth/login`)
          .set({ 'x-session-transport': 'cookie', origin: 'http://127.0.0.1:3000' })
          .send({ email: suite.org.companionA.email, password: suite.org.companionA.password, deviceId }),
        400,
        'validation-failed',
      );
      // Another companion cannot bind a session to it.
      expectProblem(await login(suite.org.companionB, deviceId), 404, 'not-found');
    });

    it('binds a password change to the phone', async () => {
      const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
      const { deviceId } = await setUp(user);
      const session = (await login(user, deviceId)).body;
      const newPassword = `ganti-${randomBytes(8).toString('hex')}-kata-sandi`;
      const changed = await http()
        .post(`${API}/auth/password`)
        .set(bearer(session.accessToken))
        .send({ currentPassword: user.password, newPassword, deviceId });
      expect(changed.status).toBe(200);
      const bound = (await suite.dataSource.query(
        `SELECT DISTINCT device_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      )) as { device_id: string }[];
      expect(bound).toEqual([{ device_id: deviceId }]);
      expect((await refresh(changed.body.refreshToken, deviceId)).status).toBe(200);
    });
  });

  it('binds the session a second-factor enrolment starts to the phone', async () => {
    const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    const { deviceId } = await setUp(user);
    const session = (await login(user, deviceId)).body;
    const enrolment = await http().post(`${API}/auth/totp/enroll`).set(bearer(session.accessToken)).expect(200);
    const code = generateTotpCode({ secret: enrolment.body.secret, now: new Date() });
    const verified = await http()
      .post(`${API}/auth/totp/verify`)
      .set(bearer(session.accessToken))
      .send({ code, deviceId });
    expect(verified.status).toBe(200);
    expect((await refresh(verified.body.refreshToken)).status).toBe(401);
    expect((await refresh(verified.body.refreshToken, deviceId)).status).toBe(200);
  });

  it('releases W to the session a second-factor enrolment starts, as after a reset second factor', async () => {
    const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    const { response, deviceId } = await setUp(user);
    const session = (await login(user, deviceId)).body;
    const enrolment = await http().post(`${API}/auth/totp/enroll`).set(bearer(session.accessToken)).expect(200);
    const code = generateTotpCode({ secret: enrolment.body.secret, now: new Date() });
    const verified = await http()
      .post(`${API}/auth/totp/verify`)
      .set(bearer(session.accessToken))
      .send({ code, deviceId });
    expect(verified.status).toBe(200);
    const recovered = await http()
      .post(`${API}/devices/${deviceId}/wrapping-key`)
      .set(bearer(verified.body.accessToken));
    expect(recovered.status).toBe(200);
    expect(recovered.body.wrappingKey).toBe(response.body.wrappingKey);
    expect((await refresh(recovered.body.refreshToken, deviceId)).status).toBe(200);
  });

  describe('recovery (POST /devices/:id/wrapping-key)', () => {
    it('answers W and a phone-bound token to the owner only, under the 5-minute rule', async () => {
      const { response, deviceId } = await setUp(suite.org.companionA);
      const session = (await login(suite.org.companionA, deviceId)).body;
      const recovered = await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(bearer(session.accessToken));
      expect(recovered.status).toBe(200);
      expect(recovered.body.wrappingKey).toBe(response.body.wrappingKey);
      expect((await refresh(recovered.body.refreshToken, deviceId)).status).toBe(200);

      const other = (await login(suite.org.companionB)).body;
      expectProblem(
        await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(bearer(other.accessToken)),
        404,
        'not-found',
      );
      expectProblem(
        await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(suite.org.admin.auth()),
        403,
        'forbidden',
      );
      const refreshed = (await refresh((await login(suite.org.companionA)).body.refreshToken)).body;
      expectProblem(
        await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(bearer(refreshed.accessToken)),
        401,
        'recent-sign-in-required',
      );
    });
  });

  describe('the list, revocation and the status', () => {
    it('lists her own phones to a companion and the organisation’s to an org_admin, never a key', async () => {
      const mine = await setUp(suite.org.companionA);
      const hers = await setUp(suite.org.companionB);
      const token = (await login(suite.org.companionA)).body.accessToken;
      const own = await http().get(`${API}/devices`).set(bearer(token)).query({ limit: 200 });
      expect(own.status).toBe(200);
      const ownIds = (own.body.items as { id: string }[]).map((item) => item.id);
      expect(ownIds).toContain(mine.deviceId);
      expect(ownIds).not.toContain(hers.deviceId);
      const all = await http().get(`${API}/devices`).set(suite.org.admin.auth()).query({ limit: 200 });
      expect(all.status).toBe(200);
      const listed = (all.body.items as Record<string, unknown>[]).find((item) => item.id === hers.deviceId);
      expect(listed).toMatchObject({ userId: suite.org.companionB.id, status: 'active', lastSyncAt: null });
      expect(Object.keys(listed as object).sort()).toEqual(
        [
          'allowed',
          'createdAt',
          'id',
          'label',
          'lastSyncAt',
          'revokedAt',
          'sealingPublicKey',
          'status',
          'userId',
        ].sort(),
      );
      expectProblem(await http().get(`${API}/devices`).set(suite.org.coordinatorA.auth()), 403, 'forbidden');
    });

    it('revokes: W deleted, the session ended, device-revoked on refresh, recovery and sign-in, revoked in the status', async () => {
      const { response, deviceId } = await setUp(suite.org.companionA);
      expect((await http().get(`${API}/devices/${deviceId}/status`)).body).toEqual({ status: 'active' });
      // Another companion cannot revoke it.
      const other = (await login(suite.org.companionB)).body;
      expect((await http().post(`${API}/devices/${deviceId}/revoke`).set(bearer(other.accessToken))).status).toBe(404);

      const revoked = await http().post(`${API}/devices/${deviceId}/revoke`).set(suite.org.admin.auth());
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: deviceId, status: 'revoked' });
      const row = await deviceRow(deviceId);
      expect(row.wrapping_key).toBeNull();
      expect(row.revoked_at).not.toBeNull();

      expectProblem(await refresh(response.body.refreshToken, deviceId), 401, 'device-revoked');
      expectProblem(await login(suite.org.companionA, deviceId), 401, 'device-revoked');
      const session = (await login(suite.org.companionA)).body;
      expectProblem(
        await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(bearer(session.accessToken)),
        401,
        'device-revoked',
      );
      expect((await http().get(`${API}/devices/${deviceId}/status`)).body).toEqual({ status: 'revoked' });
      // Its id is never taken again.
      expectProblem((await setUp(suite.org.companionA, deviceId)).response, 409, 'id-taken');
    });

    it('records the last sync of the phone whose session syncs, and of no other phone or browser session', async () => {
      const syncing = await setUp(suite.org.companionA);
      const idle = await setUp(suite.org.companionA);
      const lastSync = async () =>
        (
          (await suite.dataSource.query(`SELECT id, last_sync_at FROM devices WHERE id = ANY($1::uuid[])`, [
            [syncing.deviceId, idle.deviceId],
          ])) as { id: string; last_sync_at: Date | null }[]
        ).reduce<Record<string, Date | null>>((all, row) => ({ ...all, [row.id]: row.last_sync_at }), {});

      // A browser session's sync marks none of her phones.
      const browser = (await login(suite.org.companionA)).body.accessToken as string;
      expect((await http().get(`${API}/sync/cases`).set(bearer(browser))).status).toBe(200);
      expect(await lastSync()).toEqual({ [syncing.deviceId]: null, [idle.deviceId]: null });

      const before = Date.now();
      const synced = await http()
        .get(`${API}/sync/cases`)
        .set(bearer(syncing.response.body.accessToken as string));
      expect(synced.status).toBe(200);
      const after = await lastSync();
      expect(after[idle.deviceId]).toBeNull();
      expect(after[syncing.deviceId]?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(after[syncing.deviceId]?.getTime()).toBeLessThanOrEqual(Date.now());
      // The sync's audit event was written with it (one transaction).
      const [event] = (await suite.dataSource.query(
        `SELECT occurred_at FROM audit_events WHERE actor_id = $1 AND action = 'sync' ORDER BY occurred_at DESC LIMIT 1`,
        [suite.org.companionA.id],
      )) as { occurred_at: Date }[];
      expect(Math.abs(event.occurred_at.getTime() - (after[syncing.deviceId] as Date).getTime())).toBeLessThan(1000);

      const listed = await http().get(`${API}/devices`).set(suite.org.admin.auth()).query({ limit: 200 });
      expect(listed.body.items as { id: string; lastSyncAt: string | null }[]).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: syncing.deviceId, lastSyncAt: after[syncing.deviceId]?.toISOString() }),
          expect.objectContaining({ id: idle.deviceId, lastSyncAt: null }),
        ]),
      );
    });

    it('lets a companion revoke her own phone', async () => {
      const { deviceId } = await setUp(suite.org.companionA);
      const token = (await login(suite.org.companionA)).body.accessToken;
      const revoked = await http().post(`${API}/devices/${deviceId}/revoke`).set(bearer(token));
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');
    });

    it('answers the status without a session, and 404 for an unknown id', async () => {
      expectProblem(await http().get(`${API}/devices/${randomUUID()}/status`), 404, 'not-found');
      expectProblem(await http().get(`${API}/devices/nonsense/status`), 404, 'not-found');
    });
  });

  describe('deactivation, resets and role changes', () => {
    it('deactivating a user revokes all her phones', async () => {
      const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
      const one = await setUp(user);
      const two = await setUp(user);
      const current = await http().get(`${API}/users/${user.id}`).set(suite.org.admin.auth()).expect(200);
      const requested = await http()
        .patch(`${API}/users/${user.id}`)
        .set(suite.org.admin.auth())
        .send({ active: false, version: current.body.version });
      expect(requested.status).toBe(202);
      await approveRequest(suite.api, suite.org.admin, requested.body.id);
      for (const deviceId of [one.deviceId, two.deviceId]) {
        expect((await deviceRow(deviceId)).revoked_at).not.toBeNull();
        expect((await http().get(`${API}/devices/${deviceId}/status`)).body).toEqual({ status: 'revoked' });
      }
    });

    it('a password reset ends her sessions but keeps her phones; her own password, set in the recovery’s session, releases W', async () => {
      const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
      const { response, deviceId } = await setUp(user);
      const reset = await http()
        .post(`${API}/admin-requests`)
        .set(suite.org.admin.auth())
        .send({ kind: 'reset_password', subjectId: user.id });
      expect(reset.status).toBe(202);
      const { temporaryPassword } = await approveRequest(suite.api, suite.org.admin, reset.body.id);
      expect((await refresh(response.body.refreshToken, deviceId)).status).toBe(401);
      expect((await http().get(`${API}/devices/${deviceId}/status`)).body).toEqual({ status: 'active' });
      const again = await http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: temporaryPassword, deviceId });
      expect(again.status).toBe(200);
      expect(again.body.passwordChange).toBe('required');
      expect((await deviceRow(deviceId)).wrapping_key).not.toBeNull();
      expectProblem(
        await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(bearer(again.body.accessToken)),
        403,
        'password-change-required',
      );

      // SPEC §12: the phone changes the password in the same session; the change keeps the sign-in's start.
      const changed = await http()
        .post(`${API}/auth/password`)
        .set(bearer(again.body.accessToken))
        .send({
          currentPassword: temporaryPassword,
          newPassword: `milik-${randomBytes(8).toString('hex')}-sendiri`,
          deviceId,
        });
      expect(changed.status).toBe(200);
      expect(changed.body.passwordChange).toBeUndefined();
      expect(changed.body.sessionEndsAt).toBe(again.body.sessionEndsAt);
      const recovered = await http()
        .post(`${API}/devices/${deviceId}/wrapping-key`)
        .set(bearer(changed.body.accessToken));
      expect(recovered.status).toBe(200);
      expect(recovered.body.wrappingKey).toBe(response.body.wrappingKey);
      expect((await refresh(recovered.body.refreshToken, deviceId)).status).toBe(200);
    });

    it('a password change does not renew the 5-minute rule: W needs a sign-in of the last 5 minutes', async () => {
      const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
      const { deviceId } = await setUp(user);
      const session = (await login(user, deviceId)).body;
      await suite.dataSource.query(
        `UPDATE refresh_tokens SET session_started_at = session_started_at - interval '6 minutes' WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      const changed = await http()
        .post(`${API}/auth/password`)
        .set(bearer(session.accessToken))
        .send({
          currentPassword: user.password,
          newPassword: `ganti-${randomBytes(8).toString('hex')}-lagi`,
          deviceId,
        });
      expect(changed.status).toBe(200);
      expectProblem(
        await http().post(`${API}/devices/${deviceId}/wrapping-key`).set(bearer(changed.body.accessToken)),
        401,
        'recent-sign-in-required',
      );
    });

    it('a role change ends her sessions but keeps her phones', async () => {
      const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
      const { response, deviceId } = await setUp(user);
      const current = await http().get(`${API}/users/${user.id}`).set(suite.org.admin.auth()).expect(200);
      const requested = await http()
        .patch(`${API}/users/${user.id}`)
        .set(suite.org.admin.auth())
        .send({ role: 'reviewer', groupIds: [], version: current.body.version });
      expect(requested.status).toBe(202);
      await approveRequest(suite.api, suite.org.admin, requested.body.id);
      expect((await refresh(response.body.refreshToken, deviceId)).status).toBe(401);
      expect((await http().get(`${API}/devices/${deviceId}/status`)).body).toEqual({ status: 'active' });
    });
  });

  // Last: the rewrap moves every key of this database under a master key the suite's API does not hold.
  it('rewraps W under a new master key, after which the old key can go', async () => {
    const { response, deviceId } = await setUp(suite.org.companionA);
    const oldKeys = suite.api.config.FIELD_ENCRYPTION_KEYS;
    const newKey = `k9:${randomBytes(32).toString('base64')}`;
    const rotating = await startTestApi(
      suiteConfig(suite.api.config.DATABASE_URL, { FIELD_ENCRYPTION_KEYS: `${newKey},${oldKeys}` }),
    );
    try {
      const dataSource = rotating.app.get(DataSource);
      await dataSource.transaction((manager) => rotating.app.get(FieldEncryption).rewrapAll(manager));
    } finally {
      await rotating.close();
    }
    const row = await deviceRow(deviceId);
    expect(row.wrapping_key_master_key_id).toBe('k9');
    const rotated = MasterKeyring.fromConfig(newKey);
    const opened = unwrapDataKey(
      rotated,
      { masterKeyId: 'k9', wrapped: row.wrapping_key as Buffer },
      { table: 'devices', id: deviceId },
    );
    expect(opened.toString('base64url')).toBe(response.body.wrappingKey);
  });
});
