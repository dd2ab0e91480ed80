import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { AdminRequestsService, OrganizationsService } from '@pendamping/auth';
import { generateRecoveryCodes, generateTotpCode, generateTotpSecret } from '@pendamping/auth/authentication';
import { ProblemKind, problemType } from '@pendamping/core';
import { SignJWT } from 'jose';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createCase, newCaseBody } from './support/cases';
import { createOrganisation, createUserWithOwnPassword, Organisation, signIn, TEST_PASSWORD } from './support/world';

/**
 * SPEC §8 authentication: access and refresh tokens, sign-in throttling, the TOTP second factor,
 * and what the logs and a database dump must never contain.
 */

const API = '/api/v1';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

interface JwtClaims {
  sub: string;
  org: string;
  sid: string;
  mfa: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string): JwtClaims =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
/** The same header and signature around another payload: what an attacker editing a token sends. */
const withPayload = (token: string, payload: object) => {
  const [header, , signature] = token.split('.');
  return `${header}.${b64url(payload)}.${signature}`;
};

function expectProblem(response: Response, status: number, kind: ProblemKind): void {
  expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: problemType(kind) });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

/** What a client can observe of a refusal, apart from the ids that differ on every request. */
function observable(response: Response) {
  const { requestId, instance, ...body } = response.body as Record<string, unknown>;
  expect(typeof requestId).toBe('string');
  expect(instance).toBe(`${API}/auth/login`);
  return { status: response.status, contentType: response.headers['content-type'], body };
}

/** A code of the step after the current one: accepted (one step of drift) and later than any step spent at enrolment. */
const nextStepCode = (secret: string) => generateTotpCode({ secret, now: new Date(Date.now() + 30_000) });
const otherCodeThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sessions, tokens and the second factor', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let org: Organisation;

  const login = (body: object) => api.http().post(`${API}/auth/login`).send(body);
  const refresh = (refreshToken: string) => api.http().post(`${API}/auth/refresh`).send({ refreshToken });
  const me = (token: string) => api.http().get(`${API}/me`).set(bearer(token));

  /** A user of the organisation, requested by its org_admin and approved, who has set her own password (TEST_PASSWORD) and not enrolled. */
  async function newUser(role: 'companion' | 'coordinator') {
    const scope = role === 'companion' ? { groupIds: [org.groups.a] } : { regionIds: [org.regions.a] };
    const { id, email } = await createUserWithOwnPassword(api, org.admin, role, scope);
    return { id, email, password: TEST_PASSWORD, role };
  }

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
    org = await createOrganisation(api, 'Sessions');
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('access tokens', () => {
    const key = () => new Uint8Array(Buffer.from(api.config.JWT_SECRET, 'base64'));
    const now = () => Math.floor(Date.now() / 1000);

    /** A token signed with the API's own key, with the live session's claims unless overridden. */
    async function craft(overrides: Partial<Pick<JwtClaims, 'iss' | 'aud' | 'iat' | 'exp'>> & { alg?: string } = {}) {
      const real = claimsOf(org.companionA.accessToken);
      return new SignJWT({ org: real.org, sid: real.sid, mfa: real.mfa })
        .setProtectedHeader({ alg: overrides.alg ?? 'HS256', typ: 'JWT' })
        .setSubject(real.sub)
        .setIssuer(overrides.iss ?? real.iss)
        .setAudience(overrides.aud ?? real.aud)
        .setIssuedAt(overrides.iat ?? now())
        .setExpirationTime(overrides.exp ?? now() + 300)
        .sign(key());
    }

    it('accepts the session token and one crafted with the right key and claims (the control for the refusals below)', async () => {
      expect((await me(org.companionA.accessToken)).status).toBe(200);
      const crafted = await me(await craft());
      expect(crafted.status).toBe(200);
      expect(crafted.body.id).toBe(org.companionA.id);
    });

    it('refuses a token with alg "none"', async () => {
      const real = claimsOf(org.companionA.accessToken);
      const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...real, iat: now(), exp: now() + 300 })}.`;
      expectProblem(await me(unsigned), 401, 'unauthenticated');
      // Some libraries accept "none" when a signature is present anyway.
      const withSignature = `${unsigned}${org.companionA.accessToken.split('.')[2]}`;
      expectProblem(await me(withSignature), 401, 'unauthenticated');
    });

    it('refuses a token signed with the right key for another audience or issuer', async () => {
      expectProblem(await me(await craft({ aud: 'another-api' })), 401, 'unauthenticated');
      expectProblem(await me(await craft({ iss: 'someone-else' })), 401, 'unauthenticated');
    });

    it('refuses a token signed with the right key but another algorithm', async () => {
      expectProblem(await me(await craft({ alg: 'HS512' })), 401, 'unauthenticated');
    });

    it('refuses an expired token', async () => {
      expectProblem(await me(await craft({ iat: now() - 1200, exp: now() - 600 })), 401, 'unauthenticated');
      expectProblem(await me(await craft({ iat: now() - 700, exp: now() - 5 })), 401, 'unauthenticated');
    });

    it('refuses a token whose payload was changed after signing', async () => {
      const token = org.companionA.accessToken;
      const claims = claimsOf(token);
      // Re-encoding the unchanged payload keeps the token valid: the refusals below are about the edits.
      expect((await me(withPayload(token, claims))).status).toBe(200);
      expectProblem(await me(withPayload(token, { ...claims, exp: claims.exp + 3600 })), 401, 'unauthenticated');
      expectProblem(
        await me(
          withPayload(token, { ...claims, sub: org.companionB.id, sid: claimsOf(org.companionB.accessToken).sid }),
        ),
        401,
        'unauthenticated',
      );
    });

    it('refuses a missing, malformed or foreign bearer token', async () => {
      expectProblem(await api.http().get(`${API}/me`), 401, 'unauthenticated');
      expectProblem(await me('not-a-jwt'), 401, 'unauthenticated');
      const foreign = await new SignJWT({ ...claimsOf(org.companionA.accessToken) })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new Uint8Array(randomBytes(32)));
      expectProblem(await me(foreign), 401, 'unauthenticated');
    });
  });

  describe('refresh tokens', () => {
    it('rotates on use, and a reused token revokes the whole family', async () => {
      const user = await newUser('companion');
      const first = (await login({ email: user.email, password: user.password }).expect(200)).body;
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(claimsOf(second.body.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
      expect((await me(first.accessToken)).status).toBe(200);
      expect((await me(second.body.accessToken)).status).toBe(200);

      expectProblem(await refresh(first.refreshToken), 401, 'unauthenticated');

      expectProblem(await me(first.accessToken), 401, 'unauthenticated');
      expectProblem(await me(second.body.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(second.body.refreshToken), 401, 'unauthenticated');
    });

    it('refuses an unknown refresh token', async () => {
      expectProblem(await refresh(randomBytes(32).toString('base64url')), 401, 'unauthenticated');
    });
  });

  describe('ending sessions', () => {
    it('refuses at once the tokens of a user an org_admin deactivates, and their sign-in like a wrong password', async () => {
      const user = await newUser('companion');
      const session = await signIn(api, user);
      expect((await me(session.accessToken)).status).toBe(200);
      const unknown = observable(await login({ email: `nobody-${hex(4)}@example.test`, password: user.password }));

      const current = await api.http().get(`${API}/users/${user.id}`).set(org.admin.auth()).expect(200);
      const requested = await api
        .http()
        .patch(`${API}/users/${user.id}`)
        .set(org.admin.auth())
        .send({ active: false, version: current.body.version });
      expect(requested.status).toBe(202);
      expect((await me(session.accessToken)).status).toBe(200);
      await api.http().post(`${API}/admin-requests/${requested.body.id}/approve`).set(org.approver.auth()).expect(200);
      expect((await api.http().get(`${API}/users/${user.id}`).set(org.admin.auth()).expect(200)).body.active).toBe(
        false,
      );

      expectProblem(await me(session.accessToken), 401, 'unauthenticated');
      expectProblem(await api.http().get(`${API}/regions`).set(session.auth()), 401, 'unauthenticated');
      expectProblem(await refresh(session.refreshToken), 401, 'unauthenticated');
      expect(observable(await login({ email: user.email, password: user.password }))).toEqual(unknown);
    });

    it('does not count sign-ins as edits of the user record: an org_admin can still deactivate with the version they loaded', async () => {
      const user = await newUser('companion');
      const loaded = await api.http().get(`${API}/users/${user.id}`).set(org.admin.auth()).expect(200);
      // The user (or someone guessing their password) signs in meanwhile.
      expectProblem(await login({ email: user.email, password: `${user.password}-salah` }), 401, 'invalid-credentials');
      expect((await login({ email: user.email, password: user.password })).status).toBe(200);
      const requested = await api
        .http()
        .patch(`${API}/users/${user.id}`)
        .set(org.admin.auth())
        .send({ active: false, version: loaded.body.version });
      expect({ status: requested.status, type: requested.body.type }).toEqual({ status: 202, type: undefined });
      await api.http().post(`${API}/admin-requests/${requested.body.id}/approve`).set(org.approver.auth()).expect(200);
      expect((await api.http().get(`${API}/users/${user.id}`).set(org.admin.auth()).expect(200)).body.version).toBe(
        loaded.body.version + 1,
      );
    });

    it('refuses at once the tokens of a user whose account became inactive', async () => {
      // The guard's own check, independent of the session revocation that deactivation also does.
      const user = await newUser('companion');
      const session = await signIn(api, user);
      expect((await me(session.accessToken)).status).toBe(200);
      await api.app.get(DataSource).query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
      expectProblem(await me(session.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(session.refreshToken), 401, 'unauthenticated');
    });

    it('ends the access token of the session at logout, and only that session', async () => {
      const user = await newUser('companion');
      const leaving = await signIn(api, user);
      const staying = await signIn(api, user);
      expect((await me(leaving.accessToken)).status).toBe(200);

      const logout = await api.http().post(`${API}/auth/logout`).set(leaving.auth());
      expect(logout.status).toBe(204);

      expectProblem(await me(leaving.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(leaving.refreshToken), 401, 'unauthenticated');
      expect((await me(staying.accessToken)).status).toBe(200);
    });

    it('ends the other sessions when the password changes', async () => {
      const user = await newUser('companion');
      const changing = await signIn(api, user);
      const other = await signIn(api, user);
      const newPassword = `sawah-hijau-${hex(6)}-oesao`;

      const changed = await api
        .http()
        .post(`${API}/auth/password`)
        .set(changing.auth())
        .send({ currentPassword: user.password, newPassword });
      expect(changed.status).toBe(200);

      expectProblem(await me(other.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(other.refreshToken), 401, 'unauthenticated');
      expect((await me(changed.body.accessToken)).status).toBe(200);
      expectProblem(await login({ email: user.email, password: user.password }), 401, 'invalid-credentials');
      expect((await login({ email: user.email, password: newPassword })).status).toBe(200);
    });

    it('ends the sessions when two org_admins reset the password', async () => {
      const user = await newUser('companion');
      const session = await signIn(api, user);
      const requested = await api
        .http()
        .post(`${API}/admin-requests`)
        .set(org.admin.auth())
        .send({ kind: 'reset_password', subjectId: user.id })
        .expect(202);
      expect((await me(session.accessToken)).status).toBe(200);
      await api.http().post(`${API}/admin-requests/${requested.body.id}/approve`).set(org.approver.auth()).expect(200);
      expectProblem(await me(session.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(session.refreshToken), 401, 'unauthenticated');
    });
  });

  describe('sign-in', () => {
    it('answers a wrong password and an unknown email alike', async () => {
      const user = await newUser('companion');
      const wrong = await login({ email: user.email, password: `${user.password}-salah` });
      const unknown = await login({ email: `nobody-${hex(4)}@example.test`, password: `${user.password}-salah` });
      expectProblem(wrong, 401, 'invalid-credentials');
      expect(observable(unknown)).toEqual(observable(wrong));
      expect(unknown.body.requestId).not.toBe(wrong.body.requestId);
    });

    it('locks an account after 10 failures for 15 minutes, answering the right password like a wrong one', async () => {
      const user = await newUser('companion');
      const wrong = { email: user.email, password: `${user.password}-salah` };
      let firstFailure: ReturnType<typeof observable> | undefined;
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        const response = await login(wrong);
        expectProblem(response, 401, 'invalid-credentials');
        firstFailure ??= observable(response);
      }
      const lockedAt = Date.now();
      const locked = await login({ email: user.email, password: user.password });
      expect(observable(locked)).toEqual(firstFailure);
      expect(observable(await login({ email: `nobody-${hex(4)}@example.test`, password: user.password }))).toEqual(
        firstFailure,
      );

      const [row] = await api.app.get(DataSource).query(`SELECT locked_until FROM users WHERE id = $1`, [user.id]);
      const lockedFor = new Date(row.locked_until).getTime() - lockedAt;
      expect(lockedFor).toBeGreaterThan(14 * 60_000);
      expect(lockedFor).toBeLessThanOrEqual(15 * 60_000 + 5_000);

      // Once the 15 minutes are over, the right password works again.
      await api.app
        .get(DataSource)
        .query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [user.id]);
      expect((await login({ email: user.email, password: user.password })).status).toBe(200);
    });

    it('does not lock after 9 failures, and a success starts the count again', async () => {
      const user = await newUser('companion');
      const wrong = { email: user.email, password: `${user.password}-salah` };
      for (let attempt = 1; attempt <= 9; attempt += 1) expectProblem(await login(wrong), 401, 'invalid-credentials');
      expect((await login({ email: user.email, password: user.password })).status).toBe(200);
      for (let attempt = 1; attempt <= 9; attempt += 1) expectProblem(await login(wrong), 401, 'invalid-credentials');
      expect((await login({ email: user.email, password: user.password })).status).toBe(200);
    });

    it('asks an enrolled second-factor role for its code', async () => {
      const user = org.coordinatorA;
      expectProblem(await login({ email: user.email, password: user.password }), 401, 'mfa-required');
      const code = nextStepCode(user.totpSecret!);
      expectProblem(
        await login({ email: user.email, password: user.password, totp: otherCodeThan(code) }),
        401,
        'mfa-required',
      );
      expectProblem(await login({ email: user.email, password: user.password, totp: 'abcdef' }), 401, 'mfa-required');
      // A right code with a wrong password is still a wrong password.
      expectProblem(
        await login({ email: user.email, password: `${user.password}-salah`, totp: code }),
        401,
        'invalid-credentials',
      );
    });

    it('accepts a TOTP code once only', async () => {
      const user = await signIn(api, await newUser('coordinator'));
      const code = nextStepCode(user.totpSecret!);
      const first = await login({ email: user.email, password: user.password, totp: code });
      expect(first.status).toBe(200);
      expect(first.body.mfa).toBeUndefined();
      expect((await api.http().get(`${API}/regions`).set(bearer(first.body.accessToken))).status).toBe(200);
      expectProblem(await login({ email: user.email, password: user.password, totp: code }), 401, 'mfa-required');
    });

    it('never accepts the code that verified the enrolment for a sign-in', async () => {
      const user = await newUser('coordinator');
      const enrolling = await login({ email: user.email, password: user.password }).expect(200);
      const enrolment = await api
        .http()
        .post(`${API}/auth/totp/enroll`)
        .set(bearer(enrolling.body.accessToken))
        .expect(200);
      const code = generateTotpCode({ secret: enrolment.body.secret, now: new Date() });
      await api
        .http()
        .post(`${API}/auth/totp/verify`)
        .set(bearer(enrolling.body.accessToken))
        .send({ code })
        .expect(200);
      expectProblem(await login({ email: user.email, password: user.password, totp: code }), 401, 'mfa-required');
    });

    it('accepts each recovery code once only', async () => {
      const user = await signIn(api, await newUser('coordinator'));
      const [first, second] = user.recoveryCodes!;
      expect(user.recoveryCodes).toHaveLength(10);
      const used = await login({ email: user.email, password: user.password, recoveryCode: first });
      expect(used.status).toBe(200);
      expect((await api.http().get(`${API}/regions`).set(bearer(used.body.accessToken))).status).toBe(200);
      expectProblem(
        await login({ email: user.email, password: user.password, recoveryCode: first }),
        401,
        'mfa-required',
      );
      // The others still work, however they are typed; and they too only once.
      const typed = second.toUpperCase().replace(/-/g, ' ');
      expect((await login({ email: user.email, password: user.password, recoveryCode: typed })).status).toBe(200);
      expectProblem(
        await login({ email: user.email, password: user.password, recoveryCode: second }),
        401,
        'mfa-required',
      );
      expectProblem(
        await login({ email: user.email, password: user.password, recoveryCode: generateRecoveryCodes(1)[0] }),
        401,
        'mfa-required',
      );
    });
  });

  describe('second-factor enrolment', () => {
    it('limits a coordinator who has not enrolled to enrolment and /me', async () => {
      const user = await newUser('coordinator');
      const first = await login({ email: user.email, password: user.password });
      expect(first.status).toBe(200);
      expect(first.body.mfa).toBe('enrollment_required');
      const token = first.body.accessToken as string;

      const profile = await me(token);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ id: user.id, mfa: 'enrollment_required', mfaEnrolled: false });

      const closed: [string, string, object?][] = [
        ['get', `${API}/regions`],
        ['post', `${API}/regions`, { name: 'Alor', code: 'ALR' }],
        ['get', `${API}/users`],
        ['get', `${API}/users/${user.id}`],
        ['get', `${API}/me/abilities`],
        ['get', `${API}/audit`],
        ['get', `${API}/audit/verify`],
      ];
      for (const [method, path, body] of closed) {
        const call =
          method === 'get'
            ? api.http().get(path)
            : api
                .http()
                .post(path)
                .send(body ?? {});
        const response = await call.set(bearer(token));
        expectProblem(response, 403, 'mfa-enrollment-required');
      }

      // Editing the claim, or refreshing the session, does not lift the limit.
      expectProblem(await me(withPayload(token, { ...claimsOf(token), mfa: 'complete' })), 401, 'unauthenticated');
      const refreshed = await refresh(first.body.refreshToken);
      expect(refreshed.status).toBe(200);
      expectProblem(
        await api.http().get(`${API}/regions`).set(bearer(refreshed.body.accessToken)),
        403,
        'mfa-enrollment-required',
      );

      const enrolment = await api.http().post(`${API}/auth/totp/enroll`).set(bearer(refreshed.body.accessToken));
      expect(enrolment.status).toBe(200);
      expect(enrolment.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(enrolment.body.otpauthUrl).toContain(`secret=${enrolment.body.secret}`);
      const code = generateTotpCode({ secret: enrolment.body.secret, now: new Date() });
      const refused = await api
        .http()
        .post(`${API}/auth/totp/verify`)
        .set(bearer(refreshed.body.accessToken))
        .send({ code: otherCodeThan(code) });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      const verified = await api
        .http()
        .post(`${API}/auth/totp/verify`)
        .set(bearer(refreshed.body.accessToken))
        .send({ code });
      expect(verified.status).toBe(200);
      expect(verified.body.recoveryCodes).toHaveLength(10);
      expect((await api.http().get(`${API}/regions`).set(bearer(verified.body.accessToken))).status).toBe(200);
      expect((await me(verified.body.accessToken)).body).toMatchObject({ mfa: 'complete', mfaEnrolled: true });
    });

    it('lets two org_admins reset a second factor, which ends the sessions and asks for a new enrolment', async () => {
      const user = await signIn(api, await newUser('coordinator'));
      expect((await me(user.accessToken)).status).toBe(200);

      expectProblem(
        await api
          .http()
          .post(`${API}/admin-requests`)
          .set(org.coordinatorB.auth())
          .send({ kind: 'reset_totp', subjectId: user.id }),
        403,
        'forbidden',
      );
      const requested = await api
        .http()
        .post(`${API}/admin-requests`)
        .set(org.admin.auth())
        .send({ kind: 'reset_totp', subjectId: user.id });
      expect(requested.status).toBe(202);
      // Requested is not done.
      expect((await me(user.accessToken)).status).toBe(200);

      const reset = await api
        .http()
        .post(`${API}/admin-requests/${requested.body.id}/approve`)
        .set(org.approver.auth());
      expect(reset.status).toBe(200);

      expectProblem(await me(user.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(user.refreshToken), 401, 'unauthenticated');

      const again = await login({ email: user.email, password: user.password });
      expect(again.status).toBe(200);
      expect(again.body.mfa).toBe('enrollment_required');
      expectProblem(
        await api.http().get(`${API}/regions`).set(bearer(again.body.accessToken)),
        403,
        'mfa-enrollment-required',
      );
      expect((await me(again.body.accessToken)).body.mfaEnrolled).toBe(false);

      const enrolled = await signIn(api, user);
      expect(enrolled.totpSecret).not.toBe(user.totpSecret);
      expectProblem(
        await login({ email: user.email, password: user.password, totp: nextStepCode(user.totpSecret!) }),
        401,
        'mfa-required',
      );
      expectProblem(
        await login({ email: user.email, password: user.password, recoveryCode: user.recoveryCodes![0] }),
        401,
        'mfa-required',
      );
      expect(
        (await login({ email: user.email, password: user.password, totp: nextStepCode(enrolled.totpSecret!) })).status,
      ).toBe(200);
    });
  });

  describe('the second factor against the current role', () => {
    const db = () => api.app.get(DataSource);
    const readCase = (token: string, id: string) => api.http().get(`${API}/cases/${id}`).set(bearer(token));

    /** What an org_admin's role change did before it ended sessions: only the role and the scope change. */
    async function promoteToCoordinator(userId: string, regionId: string) {
      await db().query(`UPDATE users SET role = 'coordinator' WHERE id = $1`, [userId]);
      await db().query(`DELETE FROM user_groups WHERE user_id = $1`, [userId]);
      await db().query(`INSERT INTO user_regions (user_id, region_id, organization_id) VALUES ($1, $2, $3)`, [
        userId,
        regionId,
        org.id,
      ]);
    }

    it("a promoted user's old session cannot read identities", async () => {
      const companion = await signIn(api, await newUser('companion'));
      const name = `Yohana ${hex(4)}`;
      const created = await createCase(
        api,
        companion,
        newCaseBody(org.villages.a, { survivor: { sex: 'female', name } }),
      );
      expect((await readCase(companion.accessToken, created.id).expect(200)).body.survivor.name).toBe(name);
      // The control: a coordinator of the region who proved her second factor reads the name.
      expect((await readCase(org.coordinatorA.accessToken, created.id).expect(200)).body.survivor.name).toBe(name);

      await promoteToCoordinator(companion.id, org.regions.a);

      const old = await readCase(companion.accessToken, created.id);
      expectProblem(old, 403, 'mfa-enrollment-required');
      expect(JSON.stringify(old.body)).not.toContain(name);
      expectProblem(await api.http().get(`${API}/cases`).set(companion.auth()), 403, 'mfa-enrollment-required');

      // Refreshing neither upgrades nor launders the session: it stays limited to enrolment.
      const refreshed = await refresh(companion.refreshToken);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.mfa).toBe('enrollment_required');
      const afterRefresh = await readCase(refreshed.body.accessToken, created.id);
      expectProblem(afterRefresh, 403, 'mfa-enrollment-required');
      expect(JSON.stringify(afterRefresh.body)).not.toContain(name);
      expect((await me(refreshed.body.accessToken)).body).toMatchObject({
        role: 'coordinator',
        mfa: 'enrollment_required',
        mfaEnrolled: false,
      });

      // Enrolling from that session is the way forward, as after a first sign-in.
      const bearerOf = bearer(refreshed.body.accessToken);
      const enrolment = await api.http().post(`${API}/auth/totp/enroll`).set(bearerOf).expect(200);
      const verified = await api
        .http()
        .post(`${API}/auth/totp/verify`)
        .set(bearerOf)
        .send({ code: generateTotpCode({ secret: enrolment.body.secret, now: new Date() }) })
        .expect(200);
      expect((await readCase(verified.body.accessToken, created.id).expect(200)).body.survivor.name).toBe(name);
    });

    it("keeps a demoted user's verified session working under her new role", async () => {
      const coordinator = await signIn(api, await newUser('coordinator'));
      await db().query(`UPDATE users SET role = 'companion' WHERE id = $1`, [coordinator.id]);
      await db().query(`DELETE FROM user_regions WHERE user_id = $1`, [coordinator.id]);
      await db().query(`INSERT INTO user_groups (user_id, group_id, organization_id) VALUES ($1, $2, $3)`, [
        coordinator.id,
        org.groups.a,
        org.id,
      ]);
      expect((await api.http().get(`${API}/cases`).set(coordinator.auth())).status).toBe(200);
      expect((await me(coordinator.accessToken)).body).toMatchObject({ role: 'companion', mfa: 'complete' });
    });
  });

  describe('absolute session lifetime', () => {
    const db = () => api.app.get(DataSource);
    const HOUR = 3_600_000;
    const familyOf = (token: string) => claimsOf(token).sid;
    /** Moves the session's sign-in back in time, as if it had been running that long. */
    const startedAgo = (token: string, milliseconds: number) =>
      db().query(
        `UPDATE refresh_tokens SET session_started_at = now() - make_interval(secs => $2::double precision) WHERE family_id = $1`,
        [familyOf(token), milliseconds / 1000],
      );
    const startOf = async (token: string) =>
      new Date(
        (
          await db().query(`SELECT DISTINCT session_started_at FROM refresh_tokens WHERE family_id = $1`, [
            familyOf(token),
          ])
        )[0].session_started_at as string,
      ).getTime();

    it('lets refresh carry a session up to 7 days after sign-in, never past it, for a role without a second factor', async () => {
      const user = await signIn(api, await newUser('companion'));
      expect(api.config.SESSION_LIFETIME_HOURS).toBe(168);
      const fresh = claimsOf(user.accessToken);
      expect(fresh.exp - fresh.iat).toBe(600);

      await startedAgo(user.accessToken, 168 * HOUR - 5 * 60_000);
      const start = await startOf(user.accessToken);
      const late = await refresh(user.refreshToken);
      expect(late.status).toBe(200);
      // The access token ends with the session, five minutes from now instead of ten.
      expect(claimsOf(late.body.accessToken).exp * 1000).toBeLessThanOrEqual(start + 168 * HOUR);
      expect(claimsOf(late.body.accessToken).exp - claimsOf(late.body.accessToken).iat).toBeLessThan(600);
      const [stored] = await db().query(
        `SELECT expires_at FROM refresh_tokens WHERE family_id = $1 AND rotated_at IS NULL`,
        [familyOf(user.accessToken)],
      );
      expect(new Date(stored.expires_at).getTime()).toBeLessThanOrEqual(start + 168 * HOUR);
      expect(await startOf(late.body.accessToken)).toBe(start);

      await startedAgo(user.accessToken, 168 * HOUR + 60_000);
      expectProblem(await me(late.body.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(late.body.refreshToken), 401, 'unauthenticated');
    });

    it('ends the session of a role that needs TOTP 12 hours after sign-in, whatever the refreshes', async () => {
      const user = await signIn(api, await newUser('coordinator'));
      await startedAgo(user.accessToken, 12 * HOUR - 60_000);
      const rotated = await refresh(user.refreshToken);
      expect(rotated.status).toBe(200);
      expect((await me(rotated.body.accessToken)).status).toBe(200);

      await startedAgo(user.accessToken, 12 * HOUR + 60_000);
      expectProblem(await me(rotated.body.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(rotated.body.refreshToken), 401, 'unauthenticated');
    });

    it('shortens the lifetime of a session when the user is promoted to a role that needs TOTP', async () => {
      const user = await signIn(api, await newUser('companion'));
      await startedAgo(user.accessToken, 13 * HOUR);
      expect((await me(user.accessToken)).status).toBe(200);
      await db().query(`UPDATE users SET role = 'coordinator' WHERE id = $1`, [user.id]);
      expectProblem(await me(user.accessToken), 401, 'unauthenticated');
      expectProblem(await refresh(user.refreshToken), 401, 'unauthenticated');
    });

    it('does not extend a session by changing the password: the new session keeps the old start', async () => {
      const user = await signIn(api, await newUser('companion'));
      await startedAgo(user.accessToken, 100 * HOUR);
      const start = await startOf(user.accessToken);
      const changed = await api
        .http()
        .post(`${API}/auth/password`)
        .set(user.auth())
        .send({ currentPassword: user.password, newPassword: `pantai-lasiana-${hex(6)}-kupang` });
      expect(changed.status).toBe(200);
      expect(familyOf(changed.body.accessToken)).not.toBe(familyOf(user.accessToken));
      expect(await startOf(changed.body.accessToken)).toBe(start);
    });
  });
});

describe('the per-address sign-in block', () => {
  let database: SuiteDatabase;
  let api: TestApi;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url, { TRUST_PROXY: 'false' }));
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('blocks an address after 100 failures, even right credentials, and a forged X-Forwarded-For does not dodge it', async () => {
    const email = `admin-${hex(4)}@example.test`;
    await api.app
      .get(OrganizationsService)
      .create({ name: 'Blocked org', adminEmail: email, adminName: 'Blocked Admin', adminPassword: TEST_PASSWORD });
    const attempt = (body: object, forwardedFor: string) =>
      api.http().post(`${API}/auth/login`).set('x-forwarded-for', forwardedFor).send(body);
    for (let failure = 1; failure <= 100; failure += 1) {
      const response = await attempt(
        { email: `nobody-${failure}@example.test`, password: 'wrong-password-123' },
        `198.51.100.${failure}`,
      );
      expectProblem(response, 401, 'invalid-credentials');
    }
    expectProblem(await attempt({ email, password: TEST_PASSWORD }, '203.0.113.9'), 429, 'address-blocked');
  });
});

describe('secrets and identifying values stay out of the logs and the database', () => {
  let database: SuiteDatabase;
  let api: TestApi;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url, { LOG_LEVEL: 'trace' }));
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('logs no password, code, token or email, on success and error paths, and stores no password or TOTP secret in clear', async () => {
    const login = (body: object) => api.http().post(`${API}/auth/login`).send(body);
    const canary = (label: string) => `${label}${hex(6)}`;
    const adminEmail = `${canary('adm')}@example.test`;
    const adminPassword = `sawah-${canary('pwa')}-hujan`;
    const userEmail = `${canary('usr')}@example.test`;
    const userName = `Nama ${canary('nm')}`;
    const userPassword = `kebun-${canary('pwu')}-jagung`;
    const newPassword = `danau-${canary('pwn')}-kelimutu`;
    const adminSetPassword = `gunung-${canary('pws')}-mutis`;
    const adminOwnPassword = `pantai-${canary('pwo')}-lasiana`;
    const unknownEmail = `${canary('unk')}@example.test`;
    const wrongPasswords = [`salah-${canary('pww')}-satu`, `salah-${canary('pww')}-dua`, `salah-${canary('pww')}-tiga`];
    const refusedPasswords = [`${userEmail.split('@')[0]}-${canary('pwr')}`, `kq${hex(4)}`];
    const otherCanaries = [canary('field'), canary('mail'), canary('rt'), canary('hdr')];
    const secrets: string[] = [];
    const codes: string[] = [];

    const { organizationId } = await api.app
      .get(OrganizationsService)
      .create({ name: 'Canary org', adminEmail, adminName: 'Admin Canary', adminPassword });
    expect(organizationId).toBeTruthy();

    // The org_admin signs in with create-org's temporary password, sets her own, enrols (one wrong
    // code first), and signs in with a code and a recovery code.
    const temporary = await login({ email: adminEmail.toUpperCase(), password: adminPassword }).expect(200);
    const enrolling = await api
      .http()
      .post(`${API}/auth/password`)
      .set(bearer(temporary.body.accessToken))
      .send({ currentPassword: adminPassword, newPassword: adminOwnPassword })
      .expect(200);
    secrets.push(temporary.body.accessToken, temporary.body.refreshToken);
    const enrolment = await api
      .http()
      .post(`${API}/auth/totp/enroll`)
      .set(bearer(enrolling.body.accessToken))
      .expect(200);
    const totpSecret = enrolment.body.secret as string;
    const enrolCode = generateTotpCode({ secret: totpSecret, now: new Date() });
    const wrongCode = generateTotpCode({ secret: generateTotpSecret(), now: new Date() });
    codes.push(enrolCode, wrongCode);
    if (wrongCode !== enrolCode)
      await api
        .http()
        .post(`${API}/auth/totp/verify`)
        .set(bearer(enrolling.body.accessToken))
        .send({ code: wrongCode });
    const verified = await api
      .http()
      .post(`${API}/auth/totp/verify`)
      .set(bearer(enrolling.body.accessToken))
      .send({ code: enrolCode })
      .expect(200);
    const recoveryCodes = verified.body.recoveryCodes as string[];
    secrets.push(
      enrolling.body.accessToken,
      enrolling.body.refreshToken,
      verified.body.accessToken,
      verified.body.refreshToken,
    );

    expectProblem(
      await login({
        email: adminEmail,
        password: adminOwnPassword,
        totp: wrongCode === enrolCode ? otherCodeThan(wrongCode) : wrongCode,
      }),
      401,
      'mfa-required',
    );
    const signInCode = nextStepCode(totpSecret);
    codes.push(signInCode);
    const admin = await login({ email: adminEmail, password: adminOwnPassword, totp: signInCode }).expect(200);
    const adminAuth = bearer(admin.body.accessToken);
    const foreignRecovery = generateRecoveryCodes(1)[0];
    expectProblem(
      await login({ email: adminEmail, password: adminOwnPassword, recoveryCode: foreignRecovery }),
      401,
      'mfa-required',
    );
    const byRecovery = await login({
      email: adminEmail,
      password: adminOwnPassword,
      recoveryCode: recoveryCodes[0],
    }).expect(200);
    secrets.push(
      admin.body.accessToken,
      admin.body.refreshToken,
      byRecovery.body.accessToken,
      byRecovery.body.refreshToken,
    );

    // Sign-in refusals: wrong password, unknown email, malformed email, unknown field.
    expectProblem(await login({ email: adminEmail, password: wrongPasswords[0] }), 401, 'invalid-credentials');
    expectProblem(await login({ email: unknownEmail, password: wrongPasswords[1] }), 401, 'invalid-credentials');
    expectProblem(
      await login({ email: `not-an-email-${otherCanaries[1]}`, password: wrongPasswords[2] }),
      400,
      'validation-failed',
    );
    expectProblem(
      await login({ email: adminEmail, password: adminOwnPassword, pin: otherCanaries[0] }),
      400,
      'validation-failed',
    );

    // User creation: passwords (refused: none is taken), a malformed email, an unknown field, then a
    // good request and a duplicate; the operator approves (the only admin) and the user sets her own.
    const newUserBody = { email: userEmail, name: userName, role: 'companion' };
    for (const password of refusedPasswords) {
      expectProblem(
        await api
          .http()
          .post(`${API}/users`)
          .set(adminAuth)
          .send({ ...newUserBody, password }),
        400,
        'validation-failed',
      );
    }
    expectProblem(
      await api
        .http()
        .post(`${API}/users`)
        .set(adminAuth)
        .send({ ...newUserBody, email: otherCanaries[1] }),
      400,
      'validation-failed',
    );
    expectProblem(
      await api
        .http()
        .post(`${API}/users`)
        .set(adminAuth)
        .send({ ...newUserBody, apiKey: otherCanaries[0] }),
      400,
      'validation-failed',
    );
    expectProblem(
      await api
        .http()
        .post(`${API}/users`)
        .set(adminAuth)
        .send({ ...newUserBody, password: userPassword }),
      400,
      'validation-failed',
    );
    const requested = await api.http().post(`${API}/users`).set(adminAuth).send(newUserBody).expect(202);
    expectProblem(await api.http().post(`${API}/users`).set(adminAuth).send(newUserBody), 409, 'conflict');
    const approved = await api.app.get(AdminRequestsService).approveAsOperator(requested.body.id);
    const created = { body: { id: approved.request.subjectId as string } };
    const temporaryPassword = `${approved.temporaryPassword!.firstHalf}${approved.temporaryPassword!.secondHalf}`;
    const firstLogin = await login({ email: userEmail, password: temporaryPassword }).expect(200);
    const own = await api
      .http()
      .post(`${API}/auth/password`)
      .set(bearer(firstLogin.body.accessToken))
      .send({ currentPassword: temporaryPassword, newPassword: userPassword })
      .expect(200);
    secrets.push(
      firstLogin.body.accessToken,
      firstLogin.body.refreshToken,
      own.body.accessToken,
      own.body.refreshToken,
    );

    // The user's sessions: sign-in, a refresh, a reused refresh token, an unknown one, a forged bearer.
    const userLogin = await login({ email: userEmail, password: userPassword }).expect(200);
    const rotated = await api
      .http()
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: userLogin.body.refreshToken })
      .expect(200);
    expectProblem(
      await api.http().post(`${API}/auth/refresh`).send({ refreshToken: userLogin.body.refreshToken }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await api
        .http()
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: `${otherCanaries[2]}-padding-padding` }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await api
        .http()
        .get(`${API}/me`)
        .set(bearer(`${otherCanaries[3]}.x.y`)),
      401,
      'unauthenticated',
    );
    secrets.push(
      userLogin.body.accessToken,
      userLogin.body.refreshToken,
      rotated.body.accessToken,
      rotated.body.refreshToken,
    );
    const deviceCookie = ([] as string[])
      .concat(userLogin.headers['set-cookie'] ?? [])
      .find((line) => line.startsWith('sign_in_device='))
      ?.split(';')[0]
      .split('=')[1];
    expect(deviceCookie).toBeDefined();
    secrets.push(deviceCookie!);

    // Password change: a wrong current password, a refused new one, then a good one.
    const session = await login({ email: userEmail, password: userPassword }).expect(200);
    const changePassword = (body: object) =>
      api.http().post(`${API}/auth/password`).set(bearer(session.body.accessToken)).send(body);
    expectProblem(await changePassword({ currentPassword: wrongPasswords[0], newPassword }), 400, 'validation-failed');
    expectProblem(
      await changePassword({ currentPassword: userPassword, newPassword: refusedPasswords[0] }),
      400,
      'validation-failed',
    );
    const changed = await changePassword({ currentPassword: userPassword, newPassword }).expect(200);
    expectProblem(await login({ email: userEmail, password: userPassword }), 401, 'invalid-credentials');
    const afterChange = await login({ email: userEmail, password: newPassword }).expect(200);
    secrets.push(
      session.body.accessToken,
      session.body.refreshToken,
      changed.body.accessToken,
      changed.body.refreshToken,
      afterChange.body.accessToken,
      afterChange.body.refreshToken,
    );

    // The org_admin sets a password (whether that succeeds is another test's concern: the value
    // travels through the request either way), and tries to give the user the admin's email: a
    // unique violation, whose driver message quotes the value.
    const versionOf = async () =>
      (await api.http().get(`${API}/users/${created.body.id}`).set(adminAuth).expect(200)).body.version as number;
    await api
      .http()
      .patch(`${API}/users/${created.body.id}`)
      .set(adminAuth)
      .send({ password: adminSetPassword, version: await versionOf() });
    expectProblem(
      await api
        .http()
        .patch(`${API}/users/${created.body.id}`)
        .set(adminAuth)
        .send({ email: adminEmail, version: await versionOf() }),
      409,
      'conflict',
    );

    const passwords = [
      adminPassword,
      adminOwnPassword,
      temporaryPassword,
      approved.temporaryPassword!.firstHalf,
      approved.temporaryPassword!.secondHalf,
      userPassword,
      newPassword,
      adminSetPassword,
      ...wrongPasswords,
      ...refusedPasswords,
    ];
    const emails = [adminEmail, adminEmail.toUpperCase(), userEmail, unknownEmail];
    const recovery = [...recoveryCodes, foreignRecovery].flatMap((code) => [code, code.replace(/-/g, '')]);
    const signatures = secrets.filter((token) => token.split('.').length === 3).map((token) => token.split('.')[2]);

    const logs = api.logs.text();
    // The capture holds the traffic of this test: refusals and successes of these very routes.
    expect(logs).toContain(`${API}/auth/login`);
    expect(logs).toContain(`${API}/auth/password`);
    expect(logs).toContain('request refused');
    expect(api.logs.lines.length).toBeGreaterThan(40);
    const leaked = [
      ...passwords,
      ...emails,
      userName,
      totpSecret,
      enrolment.body.otpauthUrl,
      ...recovery,
      ...secrets,
      ...signatures,
      ...otherCanaries,
    ].filter((value) => logs.includes(value));
    expect(leaked).toEqual([]);
    const leakedCodes = codes.filter((code) => new RegExp(`(?<![0-9A-Za-z.])${code}(?![0-9A-Za-z])`).test(logs));
    expect(leakedCodes).toEqual([]);

    const { stdout: dump } = await promisify(execFile)(
      'pg_dump',
      ['--data-only', '--no-owner', '--dbname', database.url],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    // The dump holds the users (their emails are stored as they are), so what it lacks is really absent.
    expect(dump).toContain(userEmail);
    expect(dump).toContain(adminEmail);
    const inDump = [
      ...passwords,
      totpSecret,
      totpSecret.toLowerCase(),
      ...recovery,
      ...secrets.filter((token) => token.split('.').length !== 3),
      deviceCookie!.split('.')[2],
    ].filter((value) => dump.includes(value));
    expect(inDump).toEqual([]);
  });
});
