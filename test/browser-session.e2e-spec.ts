import { hashRefreshToken } from '@pendamping/auth';
import { generateTotpCode } from '@pendamping/auth/authentication';
import { ProblemKind, problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, createUserWithOwnPassword, Organisation, TEST_PASSWORD } from './support/world';

/**
 * SPEC §11 "Sign-in in the browser", the server's side: the refresh token in a cookie for
 * browsers that ask for it, the origin check, the 30-second grace for a lost refresh response,
 * and sign-out.
 */

const API = '/api/v1';
const ORIGIN = 'https://pendamping.example.org';
const browser = { 'x-session-transport': 'cookie', origin: ORIGIN };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface SetCookie {
  value: string;
  attributes: string[];
}

/** The cookie of that name the response sets, with its attributes in lower case. */
function setCookie(response: Response, name: string): SetCookie | undefined {
  const headers = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = headers.find((header) => header.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { value: decodeURIComponent(pair.slice(name.length + 1)), attributes: attributes.map((a) => a.toLowerCase()) };
}

function refreshCookieOf(response: Response): string {
  const cookie = setCookie(response, 'pendamping_refresh');
  if (!cookie) throw new Error(`no refresh cookie in the answer (${response.status})`);
  return cookie.value;
}

function expectProblem(response: Response, status: number, kind: ProblemKind): void {
  expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: problemType(kind) });
}

describe('browser sessions', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let org: Organisation;
  let dataSource: DataSource;

  const browserLogin = (email: string, password = TEST_PASSWORD) =>
    api.http().post(`${API}/auth/login`).set(browser).send({ email, password });
  const browserRefresh = (cookie: string, headers: Record<string, string> = browser) =>
    api.http().post(`${API}/auth/refresh`).set(headers).set('cookie', `pendamping_refresh=${cookie}`);
  const me = (accessToken: string) => api.http().get(`${API}/me`).set(bearer(accessToken));
  const tokenRow = async (token: string) =>
    (
      await dataSource.query(
        `SELECT family_id, rotated_at, revoked_at, parent_id FROM refresh_tokens WHERE token_hash = $1`,
        [hashRefreshToken(token)],
      )
    )[0] as { family_id: string; rotated_at: Date | null; revoked_at: Date | null; parent_id: string | null };

  /** A companion with her own password, signed in from a browser: her access token and the cookie's refresh token. */
  async function companionInBrowser() {
    const { email } = await createUserWithOwnPassword(api, org.admin, 'companion', { groupIds: [org.groups.a] });
    const login = await browserLogin(email).expect(200);
    return { email, accessToken: login.body.accessToken as string, cookie: refreshCookieOf(login) };
  }

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url, { PUBLIC_ORIGIN: ORIGIN, WEB_IDLE_LOCK_MINUTES: '7' }));
    dataSource = api.app.get(DataSource);
    org = await createOrganisation(api, 'Browser');
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('the refresh token in a cookie', () => {
    it('a browser sign-in gets its refresh token as an HttpOnly, Secure, SameSite=Strict cookie of the auth routes, never in the body', async () => {
      const { email } = await createUserWithOwnPassword(api, org.admin, 'companion', { groupIds: [org.groups.a] });
      const login = await browserLogin(email).expect(200);
      expect(login.body.accessToken).toEqual(expect.any(String));
      expect(login.body).not.toHaveProperty('refreshToken');
      expect(JSON.stringify(login.body)).not.toContain(refreshCookieOf(login));
      const cookie = setCookie(login, 'pendamping_refresh') as SetCookie;
      expect(cookie.attributes).toEqual(
        expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/v1/auth']),
      );
      expect(setCookie(login, 'sign_in_device')).toBeDefined();
      expect(await tokenRow(cookie.value)).toMatchObject({ rotated_at: null, revoked_at: null });
    });

    it('a client without the header keeps the JSON form and gets no refresh cookie', async () => {
      const login = await api
        .http()
        .post(`${API}/auth/login`)
        .send({ email: org.companionA.email, password: org.companionA.password })
        .expect(200);
      expect(login.body.refreshToken).toEqual(expect.any(String));
      expect(setCookie(login, 'pendamping_refresh')).toBeUndefined();
      const refreshed = await api
        .http()
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: login.body.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).toEqual(expect.any(String));
      expect(setCookie(refreshed, 'pendamping_refresh')).toBeUndefined();
    });

    it('a browser refreshes from the cookie alone and gets the rotated token back as the cookie', async () => {
      const session = await companionInBrowser();
      const refreshed = await browserRefresh(session.cookie).expect(200);
      expect(refreshed.body.accessToken).toEqual(expect.any(String));
      expect(refreshed.body).not.toHaveProperty('refreshToken');
      const next = refreshCookieOf(refreshed);
      expect(next).not.toBe(session.cookie);
      expect(await tokenRow(session.cookie)).toMatchObject({ rotated_at: expect.any(Date) });
      await me(refreshed.body.accessToken).expect(200);
      await browserRefresh(next).expect(200);
    });

    it('a browser refresh refuses a token in the body, and without the cookie answers 401', async () => {
      const session = await companionInBrowser();
      const withBody = await browserRefresh(session.cookie).send({ refreshToken: session.cookie });
      expectProblem(withBody, 400, 'validation-failed');
      const withoutCookie = await api.http().post(`${API}/auth/refresh`).set(browser);
      expectProblem(withoutCookie, 401, 'unauthenticated');
      // Without the header the cookie is not read, even when the browser sends it.
      const withoutHeader = await api
        .http()
        .post(`${API}/auth/refresh`)
        .set('cookie', `pendamping_refresh=${session.cookie}`)
        .send({});
      expectProblem(withoutHeader, 400, 'validation-failed');
      expect(await tokenRow(session.cookie)).toMatchObject({ rotated_at: null, revoked_at: null });
    });

    it('an unknown session transport is a 400', async () => {
      const session = await companionInBrowser();
      const refused = await browserRefresh(session.cookie, { ...browser, 'x-session-transport': 'localStorage' });
      expectProblem(refused, 400, 'bad-request');
    });

    it('TOTP verification issues the new session into the cookie', async () => {
      const { email } = await createUserWithOwnPassword(api, org.admin, 'coordinator', {
        regionIds: [org.regions.a],
      });
      const login = await browserLogin(email).expect(200);
      expect(login.body.mfa).toBe('enrollment_required');
      const enrolment = await api
        .http()
        .post(`${API}/auth/totp/enroll`)
        .set(bearer(login.body.accessToken))
        .expect(200);
      const verified = await api
        .http()
        .post(`${API}/auth/totp/verify`)
        .set(browser)
        .set(bearer(login.body.accessToken))
        .send({ code: generateTotpCode({ secret: enrolment.body.secret, now: new Date() }) })
        .expect(200);
      expect(verified.body).not.toHaveProperty('refreshToken');
      expect(verified.body.recoveryCodes).toHaveLength(10);
      await browserRefresh(refreshCookieOf(verified)).expect(200);
    });

    it('a password change issues the new session into the cookie', async () => {
      const session = await companionInBrowser();
      const changed = await api
        .http()
        .post(`${API}/auth/password`)
        .set(browser)
        .set(bearer(session.accessToken))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'sawah-hijau-di-kaki-gunung-2027' })
        .expect(200);
      expect(changed.body).not.toHaveProperty('refreshToken');
      await browserRefresh(refreshCookieOf(changed)).expect(200);
      expectProblem(await browserRefresh(session.cookie), 401, 'unauthenticated');
    });
  });

  describe('the origin of cookie-borne requests', () => {
    it('a cookie-borne refresh from another origin, or without one, answers 403 origin-refused and changes nothing', async () => {
      const session = await companionInBrowser();
      for (const headers of [
        { ...browser, origin: 'https://attacker.example' },
        { ...browser, origin: `${ORIGIN}.attacker.example` },
        { ...browser, origin: 'null' },
        { 'x-session-transport': 'cookie' },
      ]) {
        const refused = await browserRefresh(session.cookie, headers);
        expectProblem(refused, 403, 'origin-refused');
        expect(setCookie(refused, 'pendamping_refresh')).toBeUndefined();
      }
      expect(await tokenRow(session.cookie)).toMatchObject({ rotated_at: null, revoked_at: null });
      await browserRefresh(session.cookie).expect(200);
    });

    it('a browser sign-in, password change or sign-out from another origin answers 403 origin-refused', async () => {
      const session = await companionInBrowser();
      const foreign = { ...browser, origin: 'https://attacker.example' };
      expectProblem(
        await api.http().post(`${API}/auth/login`).set(foreign).send({ email: session.email, password: TEST_PASSWORD }),
        403,
        'origin-refused',
      );
      expectProblem(
        await api
          .http()
          .post(`${API}/auth/password`)
          .set(foreign)
          .set(bearer(session.accessToken))
          .send({ currentPassword: TEST_PASSWORD, newPassword: 'sawah-hijau-di-kaki-gunung-2027' }),
        403,
        'origin-refused',
      );
      expectProblem(
        await api.http().post(`${API}/auth/logout`).set(foreign).set(bearer(session.accessToken)),
        403,
        'origin-refused',
      );
      await me(session.accessToken).expect(200);
      await browserRefresh(session.cookie).expect(200);
    });
  });

  describe('the refresh grace for a lost response', () => {
    it('two tabs refreshing at once both stay signed in', async () => {
      const session = await companionInBrowser();
      const [first, second] = await Promise.all([browserRefresh(session.cookie), browserRefresh(session.cookie)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      await me(first.body.accessToken).expect(200);
      await me(second.body.accessToken).expect(200);
      // The browser keeps the cookie of the answer it processed last: the family's one live token.
      const cookies = [refreshCookieOf(first), refreshCookieOf(second)];
      const rows = await Promise.all(cookies.map(tokenRow));
      const live = cookies.filter((_, index) => rows[index].revoked_at === null);
      expect(live).toHaveLength(1);
      expect(new Set(rows.map((row) => row.family_id))).toEqual(new Set([(await tokenRow(session.cookie)).family_id]));
      const later = await browserRefresh(live[0]).expect(200);
      await me(later.body.accessToken).expect(200);
    });

    it('a token presented again within 30 seconds mints a sibling and revokes the unused successor', async () => {
      const session = await companionInBrowser();
      const lost = await browserRefresh(session.cookie).expect(200);
      const sibling = await browserRefresh(session.cookie).expect(200);
      const successor = await tokenRow(refreshCookieOf(lost));
      expect(successor.revoked_at).not.toBeNull();
      const siblingRow = await tokenRow(refreshCookieOf(sibling));
      expect(siblingRow).toMatchObject({ revoked_at: null, family_id: successor.family_id });
      expect(siblingRow.parent_id).toBe(successor.parent_id);
      await me(sibling.body.accessToken).expect(200);
      // The revoked successor, presented after all, is reuse: the family ends.
      expectProblem(await browserRefresh(refreshCookieOf(lost)), 401, 'unauthenticated');
      expectProblem(await browserRefresh(refreshCookieOf(sibling)), 401, 'unauthenticated');
      await me(sibling.body.accessToken).expect(401);
    });

    it('reuse of a rotated token after 30 seconds revokes the family', async () => {
      const session = await companionInBrowser();
      const refreshed = await browserRefresh(session.cookie).expect(200);
      await dataSource.query(
        `UPDATE refresh_tokens SET rotated_at = now() - interval '31 seconds' WHERE token_hash = $1`,
        [hashRefreshToken(session.cookie)],
      );
      expectProblem(await browserRefresh(session.cookie), 401, 'unauthenticated');
      expectProblem(await browserRefresh(refreshCookieOf(refreshed)), 401, 'unauthenticated');
      await me(refreshed.body.accessToken).expect(401);
    });

    it('a token whose successor was already used is reuse even within 30 seconds', async () => {
      const session = await companionInBrowser();
      const next = await browserRefresh(session.cookie).expect(200);
      const after = await browserRefresh(refreshCookieOf(next)).expect(200);
      expectProblem(await browserRefresh(session.cookie), 401, 'unauthenticated');
      await me(after.body.accessToken).expect(401);
    });

    it('a client without the cookie transport gets no grace: presenting a rotated token again revokes the family', async () => {
      const login = await api
        .http()
        .post(`${API}/auth/login`)
        .send({ email: org.companionB.email, password: org.companionB.password })
        .expect(200);
      const refresh = (refreshToken: string) => api.http().post(`${API}/auth/refresh`).send({ refreshToken });
      const refreshed = await refresh(login.body.refreshToken).expect(200);
      expectProblem(await refresh(login.body.refreshToken), 401, 'unauthenticated');
      expectProblem(await refresh(refreshed.body.refreshToken), 401, 'unauthenticated');
    });

    it('a signed-out family gets no grace', async () => {
      const session = await companionInBrowser();
      const refreshed = await browserRefresh(session.cookie).expect(200);
      await api.http().post(`${API}/auth/logout`).set(browser).set(bearer(refreshed.body.accessToken)).expect(204);
      expectProblem(await browserRefresh(session.cookie), 401, 'unauthenticated');
    });
  });

  describe('sign-out and the idle lock', () => {
    it('sign-out ends the session, expires the refresh cookie and clears cache and storage but keeps the sign-in device cookie', async () => {
      const session = await companionInBrowser();
      const out = await api.http().post(`${API}/auth/logout`).set(browser).set(bearer(session.accessToken)).expect(204);
      expect(out.headers['clear-site-data']).toBe('"cache", "storage"');
      const expired = setCookie(out, 'pendamping_refresh') as SetCookie;
      expect(expired.value).toBe('');
      expect(expired.attributes).toEqual(expect.arrayContaining(['path=/api/v1/auth', 'httponly', 'secure']));
      expect(expired.attributes.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
      expect(setCookie(out, 'sign_in_device')).toBeUndefined();
      await me(session.accessToken).expect(401);
      expectProblem(await browserRefresh(session.cookie), 401, 'unauthenticated');
    });

    it('the idle lock ends the session without Clear-Site-Data', async () => {
      const session = await companionInBrowser();
      const locked = await api
        .http()
        .post(`${API}/auth/logout`)
        .set(browser)
        .set(bearer(session.accessToken))
        .send({ lock: true })
        .expect(204);
      expect(locked.headers['clear-site-data']).toBeUndefined();
      expect(setCookie(locked, 'pendamping_refresh')?.value).toBe('');
      await me(session.accessToken).expect(401);
      expectProblem(await browserRefresh(session.cookie), 401, 'unauthenticated');
    });

    it('an API client signs out as before, with no body', async () => {
      const login = await api
        .http()
        .post(`${API}/auth/login`)
        .send({ email: org.companionA.email, password: org.companionA.password })
        .expect(200);
      await api.http().post(`${API}/auth/logout`).set(bearer(login.body.accessToken)).expect(204);
      await me(login.body.accessToken).expect(401);
    });
  });

  describe('client settings', () => {
    it('a signed-in client reads the idle lock minutes; without a session it is a 401', async () => {
      const session = await companionInBrowser();
      const settings = await api.http().get(`${API}/client-settings`).set(bearer(session.accessToken)).expect(200);
      expect(settings.body).toEqual({ idleLockMinutes: 7 });
      expectProblem(await api.http().get(`${API}/client-settings`), 401, 'unauthenticated');
    });
  });
});
