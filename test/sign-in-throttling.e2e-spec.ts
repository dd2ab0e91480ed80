import { createHmac, randomBytes } from 'node:crypto';
import { SIGN_IN_DEVICE_COOKIE } from '@pendamping/api/auth/sign-in-device-cookie';
import { ProblemKind, problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, createUserWithOwnPassword, Organisation, TEST_PASSWORD } from './support/world';

/**
 * SPEC §8 sign-in throttling after OWASP's device-cookie scheme: a browser that signed a user in
 * before has its own failure counter and lock, and neither the account lock nor the address
 * limit touches it; attempts without a valid cookie keep the account and address rules.
 * Every test signs in from addresses of its own (X-Forwarded-For, the API trusting the proxy).
 */

const API = '/api/v1';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function expectProblem(response: Response, status: number, kind: ProblemKind): void {
  expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: problemType(kind) });
}

/** What a client can observe of a refusal, apart from the ids that differ on every request. */
function observable(response: Response) {
  const { requestId, instance, ...body } = response.body as Record<string, unknown>;
  expect(typeof requestId).toBe('string');
  expect(instance).toBe(`${API}/auth/login`);
  return { status: response.status, contentType: response.headers['content-type'], body };
}

function setCookies(response: Response): string[] {
  const header = response.headers['set-cookie'] as unknown as string[] | string | undefined;
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}

/** The device cookie a response sets, as the browser would keep it (it is Secure: tests over http send it themselves). */
function deviceCookieOf(response: Response): string {
  const cookie = setCookies(response).find((line) => line.startsWith(`${SIGN_IN_DEVICE_COOKIE}=`));
  if (!cookie) throw new Error(`no ${SIGN_IN_DEVICE_COOKIE} cookie set (status ${response.status})`);
  return cookie.slice(SIGN_IN_DEVICE_COOKIE.length + 1).split(';')[0];
}

describe('sign-in throttling with sign-in device cookies', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let org: Organisation;
  let addresses = 0;
  /** A client address no other test uses. */
  const newAddress = () => {
    addresses += 1;
    return `198.51.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
  };

  const login = (body: { email: string; password: string }, from: { address: string; cookie?: string }) => {
    const call = api.http().post(`${API}/auth/login`).set('x-forwarded-for', from.address);
    if (from.cookie !== undefined) call.set('cookie', `${SIGN_IN_DEVICE_COOKIE}=${from.cookie}`);
    return call.send(body);
  };

  /** A companion who has set her own password (TEST_PASSWORD). */
  async function newCompanion() {
    const { id, email } = await createUserWithOwnPassword(api, org.admin, 'companion', { groupIds: [org.groups.a] });
    const credentials = { email, password: TEST_PASSWORD };
    return { id, credentials, wrong: { email, password: `${TEST_PASSWORD}-salah` } };
  }

  /** Ten failures without a cookie, from an address of their own: the account is locked for cookieless attempts. */
  async function lockAccount(wrong: { email: string; password: string }) {
    const address = newAddress();
    for (let attempt = 1; attempt <= 10; attempt += 1)
      expectProblem(await login(wrong, { address }), 401, 'invalid-credentials');
  }

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url, { TRUST_PROXY: 'true' }));
    org = await createOrganisation(api, 'Throttling');
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('sets a signed device cookie at sign-in: HttpOnly, Secure, SameSite=Strict, for the auth routes only, for a year, naming the user by id and not by email', async () => {
    const user = await newCompanion();
    const response = await login(user.credentials, { address: newAddress() });
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('deviceCookie');
    const [line] = setCookies(response).filter((cookie) => cookie.startsWith(`${SIGN_IN_DEVICE_COOKIE}=`));
    const attributes = line
      .split(';')
      .slice(1)
      .map((attribute) => attribute.trim());
    expect(attributes).toEqual(
      expect.arrayContaining([
        'HttpOnly',
        'Secure',
        'SameSite=Strict',
        'Path=/api/v1/auth',
        `Max-Age=${365 * 24 * 60 * 60}`,
      ]),
    );
    const value = deviceCookieOf(response);
    expect(value.startsWith(`${user.id}.`)).toBe(true);
    expect(value.toLowerCase()).not.toContain(user.credentials.email.split('@')[0]);

    // The same browser signing in again keeps its device (the same cookie, renewed).
    const again = await login(user.credentials, { address: newAddress(), cookie: value });
    expect(deviceCookieOf(again)).toBe(value);
  });

  it('does not let a stranger lock out a user who signed in from her browser before, behind the same address', async () => {
    const user = await newCompanion();
    const shared = newAddress();
    const device = deviceCookieOf(await login(user.credentials, { address: shared }).expect(200));

    // From the same carrier-grade NAT address: 10 failures against her email, then 90 for made-up ones.
    for (let attempt = 1; attempt <= 10; attempt += 1)
      expectProblem(await login(user.wrong, { address: shared }), 401, 'invalid-credentials');
    for (let attempt = 1; attempt <= 90; attempt += 1) {
      expectProblem(
        await login(
          { email: `nobody-${attempt}-${hex(3)}@example.test`, password: 'wrong-password-123' },
          { address: shared },
        ),
        401,
        'invalid-credentials',
      );
    }
    // Without her cookie the address is blocked and the account locked, as before.
    expectProblem(await login(user.credentials, { address: shared }), 429, 'address-blocked');
    expectProblem(await login(user.credentials, { address: newAddress() }), 401, 'invalid-credentials');

    // With it, she signs in.
    const signedIn = await login(user.credentials, { address: shared, cookie: device });
    expect(signedIn.status).toBe(200);
    expect(
      (
        await api
          .http()
          .get(`${API}/me`)
          .set({ authorization: `Bearer ${signedIn.body.accessToken}` })
      ).status,
    ).toBe(200);
    // Her success lifts neither the address block nor the account lock for attempts without the cookie.
    expectProblem(await login(user.credentials, { address: shared }), 429, 'address-blocked');
    expectProblem(await login(user.credentials, { address: newAddress() }), 401, 'invalid-credentials');
  });

  it('locks a device after 10 failures for 15 minutes, answering its right password like a wrong one, and leaves the account and the address alone', async () => {
    const user = await newCompanion();
    const address = newAddress();
    const device = deviceCookieOf(await login(user.credentials, { address }).expect(200));

    let firstFailure: ReturnType<typeof observable> | undefined;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await login(user.wrong, { address, cookie: device });
      expectProblem(response, 401, 'invalid-credentials');
      firstFailure ??= observable(response);
    }
    const lockedAt = Date.now();
    const locked = await login(user.credentials, { address, cookie: device });
    expect(observable(locked)).toEqual(firstFailure);
    expect(setCookies(locked)).toEqual([]);

    const nonce = device.split('.')[1];
    const [row] = await api.app
      .get(DataSource)
      .query(`SELECT user_id, locked_until FROM sign_in_devices WHERE nonce = $1`, [nonce]);
    expect(row.user_id).toBe(user.id);
    const lockedFor = new Date(row.locked_until).getTime() - lockedAt;
    expect(lockedFor).toBeGreaterThan(14 * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(15 * 60_000 + 5_000);

    // The device's failures did not count on the account or the address: without the cookie, from there, she signs in.
    const [account] = await api.app
      .get(DataSource)
      .query(`SELECT failed_logins, locked_until FROM users WHERE id = $1`, [user.id]);
    expect(account).toEqual({ failed_logins: 0, locked_until: null });
    expect(await api.app.get(DataSource).query(`SELECT 1 FROM login_failures WHERE address = $1`, [address])).toEqual(
      [],
    );
    expect((await login(user.credentials, { address })).status).toBe(200);

    // Once the 15 minutes are over, the device signs in again, and its count starts afresh.
    await api.app
      .get(DataSource)
      .query(`UPDATE sign_in_devices SET locked_until = now() - interval '1 second' WHERE nonce = $1`, [nonce]);
    expect((await login(user.credentials, { address, cookie: device })).status).toBe(200);
    expect(await api.app.get(DataSource).query(`SELECT 1 FROM sign_in_devices WHERE nonce = $1`, [nonce])).toEqual([]);
  });

  it('counts a forged or tampered cookie, or one issued to another user, as no cookie', async () => {
    const user = await newCompanion();
    const other = await newCompanion();
    const device = deviceCookieOf(await login(user.credentials, { address: newAddress() }).expect(200));
    const othersDevice = deviceCookieOf(await login(other.credentials, { address: newAddress() }).expect(200));
    await lockAccount(user.wrong);

    const [id, nonce, mac] = device.split('.');
    const flipped = mac.slice(0, -2) + (mac.slice(-2) === 'AA' ? 'AB' : 'AA');
    const forgedMac = createHmac('sha256', randomBytes(32))
      .update(`pendamping-sign-in-device\n${id}\n${nonce}`)
      .digest('base64url');
    const refused = [
      othersDevice,
      `${id}.${othersDevice.split('.').slice(1).join('.')}`,
      `${id}.${nonce}.${flipped}`,
      `${id}.${randomBytes(16).toString('base64url')}.${mac}`,
      `${id}.${nonce}.${forgedMac}`,
      `${id}.${nonce}`,
      `${device}.${mac}`,
      'not-a-device-cookie',
    ];
    for (const cookie of refused)
      expectProblem(await login(user.credentials, { address: newAddress(), cookie }), 401, 'invalid-credentials');
    // The control: her own cookie signs her in through the account lock.
    expect((await login(user.credentials, { address: newAddress(), cookie: device })).status).toBe(200);
  });

  it('keeps the device cookie at sign-out', async () => {
    const user = await newCompanion();
    const address = newAddress();
    const signedIn = await login(user.credentials, { address }).expect(200);
    const device = deviceCookieOf(signedIn);

    const logout = await api
      .http()
      .post(`${API}/auth/logout`)
      .set({ authorization: `Bearer ${signedIn.body.accessToken}`, cookie: `${SIGN_IN_DEVICE_COOKIE}=${device}` });
    expect(logout.status).toBe(204);
    expect(setCookies(logout).filter((cookie) => cookie.startsWith(`${SIGN_IN_DEVICE_COOKIE}=`))).toEqual([]);

    await lockAccount(user.wrong);
    expect((await login(user.credentials, { address, cookie: device })).status).toBe(200);
  });

  it('keeps the account lock for attempts without a cookie, even for a user who has a device', async () => {
    const user = await newCompanion();
    const device = deviceCookieOf(await login(user.credentials, { address: newAddress() }).expect(200));
    const address = newAddress();
    let firstFailure: ReturnType<typeof observable> | undefined;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await login(user.wrong, { address });
      firstFailure ??= observable(response);
    }
    expect(observable(await login(user.credentials, { address: newAddress() }))).toEqual(firstFailure);
    expect((await login(user.credentials, { address: newAddress(), cookie: device })).status).toBe(200);
  });
});
