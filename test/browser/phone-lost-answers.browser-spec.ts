/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, createUser, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, freshTotpCode, serviceWorkerReady, signIn } from './browser-suite';
import {
  addFollowUp,
  FOLLOW_UP_FORM,
  goWithin,
  openCase,
  SAVED_ON_PHONE,
  setUpPhone,
  syncedToPhone,
  unlockWithPin,
} from './phone-steps';

/**
 * What a bad network does to a phone (SPEC §12 "Proof"), through a TCP proxy in front of the API
 * that loses an answer after the server did the work, or swallows a request and never answers:
 * a refresh answer lost within the 30-second sibling grace leaves the phone signed in; a
 * follow-up whose answer was lost, retried after its case was reassigned to another companion,
 * is answered 200 `{id}` and shows delivered, not orphaned; and a request swallowed whole is
 * given up after the outbox's 30-second timeout and sent again.
 */

describe('a phone on a network that loses answers, in a real browser through a proxy', () => {
  const suite = BrowserSuite.register(
    'phone-lost-answers',
    async (setup) => {
      const org = await createOrganisation(setup, 'Hilang');
      const moving = await createOrganisation(setup, 'Pindah');
      const gracedCase = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      const swallowedCase = await createCase(setup, org.companionB, newCaseBody(org.villages.b));
      const movingCase = await createCase(setup, moving.companionA, newCaseBody(moving.villages.a));
      // A companion of the same group, whom the case may go to.
      const colleague = await createUser(setup, moving.admin, 'companion', { groupIds: [moving.groups.a] });
      return {
        graced: { id: org.companionA.id, email: org.companionA.email, caseId: String(gracedCase.id) },
        swallowed: { email: org.companionB.email, caseId: String(swallowedCase.id) },
        reassigned: { email: moving.companionA.email, caseId: String(movingCase.id) },
        colleague: colleague.id,
        coordinator: {
          email: moving.coordinatorA.email,
          password: moving.coordinatorA.password,
          totpSecret: moving.coordinatorA.totpSecret,
        },
      };
    },
    {},
    { throughProxy: true },
  );

  const followUpsOf = async (caseId: string) =>
    (await suite.stored<{ n: number }>('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', [caseId]))[0]!.n;

  /** The coordinator, through the API as her screens would: the case goes to another companion. */
  async function reassign(caseId: string, to: string): Promise<void> {
    const { coordinator } = suite.world;
    const call = async (path: string, init: { method: string; token?: string; body?: object }) => {
      const response = await fetch(`${suite.origin}/api/v1${path}`, {
        method: init.method,
        headers: {
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const login = await call('/auth/login', {
      method: 'POST',
      body: {
        email: coordinator.email,
        password: coordinator.password,
        totp: await freshTotpCode(coordinator.totpSecret!),
      },
    });
    expect(login.status).toBe(200);
    const token = String(login.body.accessToken);
    const current = await call(`/cases/${caseId}`, { method: 'GET', token });
    expect(current.status).toBe(200);
    const moved = await call(`/cases/${caseId}/assignment`, {
      method: 'PUT',
      token,
      body: { assignedCompanionId: to, version: current.body.version },
    });
    expect(moved).toMatchObject({ status: 200 });
  }

  it('a refresh answer lost within the 30-second grace: the phone renews with the token it still holds and stays signed in', async () => {
    const { graced } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signIn(page, graced.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [graced.caseId] });
      await page.reload();

      // The unlock's renewal reaches the server, which rotates the token; its answer never comes back.
      suite.network.loseNextAnswerTo('/auth/refresh HTTP');
      await unlockWithPin(page);
      await page.click('nav a[href="/"]');
      await page.waitForSelector('.offline-note');

      // Within the grace, the next renewal presents the token the phone still holds: a sibling is issued.
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await page.waitForSelector('.offline-note', { state: 'detached' });
      // (Chromium's own resend of a request lost on a reused connection may have used the grace once already.)
      const [renewals] = await suite.stored<{ grace: number; reuse: number }>(
        `SELECT count(*) FILTER (WHERE action = 'token_refresh_grace')::int AS grace,
                count(*) FILTER (WHERE action = 'refresh_reuse')::int AS reuse
           FROM audit_events WHERE actor_id = $1`,
        [graced.id],
      );
      expect(renewals!.grace).toBeGreaterThanOrEqual(1);
      expect(renewals!.reuse).toBe(0);
      const [family] = await suite.stored<{ live: number; revokedPhones: number }>(
        `SELECT (SELECT count(*)::int FROM refresh_tokens
                  WHERE user_id = $1 AND device_id IS NOT NULL AND revoked_at IS NULL AND rotated_at IS NULL) AS live,
                (SELECT count(*)::int FROM devices WHERE user_id = $1 AND revoked_at IS NOT NULL) AS "revokedPhones"`,
        [graced.id],
      );
      expect(family).toEqual({ live: 1, revokedPhones: 0 });

      // Signed in still: after a reload the PIN opens the session online, with the sibling it sealed.
      await page.reload();
      await unlockWithPin(page);
      await page.click('nav a[href="/"]');
      await page.waitForSelector('.worklist');
      await page.waitForTimeout(1_000);
      expect(await page.$('.offline-note')).toBeNull();
    });
  }, 180_000);

  it('a follow-up whose answer was lost, retried after its case was reassigned away, is answered 200 {id} and delivered, not orphaned', async () => {
    const { reassigned, colleague } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signIn(page, reassigned.email, TEST_PASSWORD, '.worklist');
      await setUpPhone(page);
      await openCase(page, reassigned.caseId);

      // The server stores the follow-up; its answer is lost, and the phone keeps the record to retry.
      suite.network.loseNextAnswerTo('/follow-ups HTTP');
      // Its retries fail until the case has moved: the retry under test comes after the reassignment.
      let firstTry = true;
      await page.route('**/follow-ups', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        if (!firstTry) return route.abort('internetdisconnected');
        firstTry = false;
        return route.continue();
      });
      expect(await addFollowUp(page, 'Kunjungan sebelum kasus pindah')).toBe(SAVED_ON_PHONE);
      expect(await followUpsOf(reassigned.caseId)).toBe(1);

      await reassign(reassigned.caseId, colleague);
      await page.unroute('**/follow-ups');
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-list li[data-state=retry]');
      const repeat = page.waitForResponse(
        (response) => response.url().endsWith('/follow-ups') && response.request().method() === 'POST',
      );
      await page.click('button.send-now');
      const answer = await repeat;
      expect(answer.status()).toBe(200);
      expect(Object.keys((await answer.json()) as object)).toEqual(['id']);
      await page.waitForSelector('.outbox-empty');
      expect(await page.$('.outbox-list li[data-state=orphaned]')).toBeNull();
      expect(await followUpsOf(reassigned.caseId)).toBe(1);
    });
  }, 180_000);

  it('a follow-up request the network swallows is given up after 30 seconds and sent again, once', async () => {
    const { swallowed } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signIn(page, swallowed.email, TEST_PASSWORD, '.worklist');
      await setUpPhone(page);
      await openCase(page, swallowed.caseId);

      // The request never reaches the server and no answer comes: without a timeout it would wait for minutes.
      suite.network.swallowNextRequestTo('/follow-ups HTTP');
      await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
      await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, 'Kunjungan di jaringan yang menelan');
      await page.click(`${FOLLOW_UP_FORM} button[type=submit]`);
      await page.waitForTimeout(5_000);
      expect(await followUpsOf(swallowed.caseId)).toBe(0);
      await page.waitForFunction(
        ([form, text]) => document.querySelector(`${form} .saved`)?.textContent === text,
        [FOLLOW_UP_FORM, SAVED_ON_PHONE] as const,
        { timeout: 90_000 },
      );

      // The backoff sends it again, and it arrives once.
      for (let waited = 0; waited < 60 && (await followUpsOf(swallowed.caseId)) === 0; waited++)
        await page.waitForTimeout(1_000);
      await page.waitForSelector('.outbox-line', { state: 'detached' });
      expect(await followUpsOf(swallowed.caseId)).toBe(1);
    });
  }, 180_000);
});
