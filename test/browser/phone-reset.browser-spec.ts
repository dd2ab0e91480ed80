/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, freshTotpCode, serviceWorkerReady, signIn } from './browser-suite';

/**
 * SPEC §12 "Resets, role changes, revocation" and "Recovery": follow-ups made with no signal wait
 * in the outbox; after an administrator resets her password, the lock screen's recovery goes
 * through her own new password in the same phone-bound session, W opens the phone under a new
 * PIN, and every waiting record reaches the server exactly once, in that page, even while the
 * reset's notice stands before the frame. A forgotten PIN loses nothing the same way.
 */

const PIN = '86421357';
const NEW_PIN = '24681357';
const OWN_PASSWORD = 'perahu-layar-di-teluk-kupang-2026';
const FOLLOW_UP_FORM = 'form[aria-labelledby=follow-up-form-title]';
const SAVED_ON_PHONE = 'Tersimpan di ponsel ini; akan dikirim saat ada sinyal.';
const SAVED_ONLINE = 'Tindak lanjut disimpan.';

interface Admin {
  email: string;
  password: string;
  totpSecret: string;
}

async function setUpPhone(page: Page, email: string): Promise<void> {
  await signIn(page, email, TEST_PASSWORD, '.worklist');
  await serviceWorkerReady(page);
  await page.click('.who a');
  await page.waitForSelector('.phone-setup');
  await page.fill('input[name=label]', 'HP lapangan');
  await page.fill('input[name=pin]', PIN);
  await page.fill('input[name=pin-again]', PIN);
  await page.click('.phone-setup button[type=submit]');
  await page.waitForSelector('.account-setup p.saved');
}

async function unlockWithPin(page: Page): Promise<void> {
  await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
  await page.fill('input[name=pin]', PIN);
  await page.press('input[name=pin]', 'Enter');
}

/** A follow-up added with the keyboard on the case page open now; what the form says once saved. */
async function addFollowUp(page: Page, notes: string): Promise<string> {
  await page.focus(`${FOLLOW_UP_FORM} select[name=type]`);
  await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
  await page.focus(`${FOLLOW_UP_FORM} textarea[name=notes]`);
  await page.keyboard.type(notes);
  await page.focus(`${FOLLOW_UP_FORM} button[type=submit]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (form) => (document.querySelector(`${form} .saved`)?.textContent ?? '') !== '',
    FOLLOW_UP_FORM,
  );
  const said = (await page.textContent(`${FOLLOW_UP_FORM} .saved`)) ?? '';
  await page.waitForFunction(
    (form) => document.querySelector<HTMLTextAreaElement>(`${form} textarea[name=notes]`)?.value === '',
    FOLLOW_UP_FORM,
  );
  return said;
}

/** Her case, from the worklist (read from the store when the page holds no token). */
async function openCase(page: Page, caseNumber: string): Promise<void> {
  await page.click('nav a[href="/"]');
  await page.focus(`.worklist a:has-text("${caseNumber}")`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(FOLLOW_UP_FORM);
}

/** The recovery's first step, with the keyboard: her email, a password and the new PIN twice. */
async function recoveryFirstStep(page: Page, email: string, password: string): Promise<void> {
  await page.focus('.forgot-pin');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.phone-recovery[data-step=sign-in]');
  await page.focus('.phone-recovery input[name=email]');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  await page.keyboard.type(NEW_PIN);
  await page.keyboard.press('Tab');
  await page.keyboard.type(NEW_PIN);
  await page.keyboard.press('Enter');
}

/** A JSON call to the API process as the given bearer. */
async function call(origin: string, path: string, token: string | undefined, body?: object): Promise<Response> {
  return fetch(`${origin}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  });
}

async function adminSignIn(origin: string, admin: Admin): Promise<string> {
  const login = await call(origin, '/auth/login', undefined, {
    email: admin.email,
    password: admin.password,
    totp: await freshTotpCode(admin.totpSecret),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** An org_admin asks for her password's reset, the other approves it: the temporary password, joined from its halves. */
async function resetPassword(origin: string, requester: Admin, approver: Admin, userId: string): Promise<string> {
  const asked = await adminSignIn(origin, requester);
  const request = await call(origin, '/admin-requests', asked, { kind: 'reset_password', subjectId: userId });
  expect(request.status).toBe(202);
  const requestId = ((await request.json()) as { id: string }).id;
  const approved = await call(origin, `/admin-requests/${requestId}/approve`, await adminSignIn(origin, approver));
  expect(approved.status).toBe(200);
  const secondHalf = ((await approved.json()) as { temporaryPassword: { secondHalf: string } }).temporaryPassword
    .secondHalf;
  const collected = await call(origin, `/admin-requests/${requestId}/password-half`, asked);
  expect(collected.status).toBe(200);
  return `${((await collected.json()) as { firstHalf: string }).firstHalf}${secondHalf}`;
}

describe('a phone after a reset or a forgotten PIN, in a real browser', () => {
  const suite = BrowserSuite.register('phone-reset', async (setup) => {
    const org = await createOrganisation(setup, 'Reset');
    const resetCase = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    const forgottenCase = await createCase(setup, org.companionB, newCaseBody(org.villages.b));
    const admin = (user: typeof org.admin): Admin => ({
      email: user.email,
      password: user.password,
      totpSecret: user.totpSecret!,
    });
    return {
      admin: admin(org.admin),
      approver: admin(org.approver),
      reset: { id: org.companionA.id, email: org.companionA.email },
      resetCase: { id: resetCase.id as string, number: String(resetCase.caseNumber) },
      forgetful: { email: org.companionB.email },
      forgottenCase: { id: forgottenCase.id as string, number: String(forgottenCase.caseNumber) },
    };
  });

  const followUpCount = async (caseId: string) =>
    (
      await suite.stored<{ count: number }>('SELECT count(*)::int AS count FROM follow_ups WHERE case_id = $1', [
        caseId,
      ])
    )[0]!.count;

  /** Waits for the set-up's sync to store her cases: the offline worklist reads them. */
  const synced = async (email: string) => {
    for (let attempt = 0; attempt < 120; attempt++) {
      const [device] = await suite.stored<{ last_sync_at: Date | null }>(
        `SELECT d.last_sync_at FROM devices d JOIN users u ON u.id = d.user_id WHERE u.email = $1`,
        [email],
      );
      if (device?.last_sync_at) return;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error('the set-up never synced');
  };

  /** Follow-ups added on her case with the API stopped, then the page locked (a fresh page, the PIN lock). */
  const waitingFollowUps = async (page: Page, caseNumber: string, notes: string[]) => {
    await page.reload();
    await unlockWithPin(page);
    await openCase(page, caseNumber);
    for (const note of notes) expect(await addFollowUp(page, note)).toBe(SAVED_ON_PHONE);
    await page.click('header button:text-is("Kunci")');
    await page.waitForSelector('.phone-lock[data-state=pin]');
  };

  it('after a password reset she recovers through her own password and every waiting follow-up arrives once, without a reload', async () => {
    const { admin, approver, reset, resetCase } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await setUpPhone(page, reset.email);
      await synced(reset.email);

      await suite.stopApi();
      try {
        await waitingFollowUps(page, resetCase.number, [
          'Kunjungan sebelum reset pertama',
          'Kunjungan sebelum reset kedua',
        ]);
      } finally {
        await suite.restartApi();
      }
      const temporaryPassword = await resetPassword(suite.origin, admin, approver, reset.id);
      expect(await followUpCount(resetCase.id)).toBe(0);

      // From here on the page is never reloaded: the lock screen recovers the phone in place.
      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await recoveryFirstStep(page, reset.email, temporaryPassword);
      await page.waitForSelector('.phone-recovery[data-step=password-change]');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Buat kata sandi Anda sendiri');
      await suite.checkScreen(watched, 'phone-recovery-password-change', '.phone-recovery[data-step=password-change]');

      // Her own password: too short is refused by the server's rule, and the step stays.
      await page.focus('.phone-recovery input[name=new-password]');
      await page.keyboard.type('pendek');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.phone-recovery[data-step=password-change] .alert');
      expect(await page.textContent('.phone-recovery .alert')).toContain('Kata sandi baru ditolak');
      await page.fill('.phone-recovery input[name=new-password]', '');
      await page.focus('.phone-recovery input[name=new-password]');
      await page.keyboard.type(OWN_PASSWORD);
      await page.keyboard.press('Enter');

      // The reset's notice stands before the frame, and the outbox is delivered meanwhile.
      await page.waitForSelector('.reset-notice');
      for (let attempt = 0; attempt < 120 && (await followUpCount(resetCase.id)) < 2; attempt++)
        await page.waitForTimeout(250);
      expect(await followUpCount(resetCase.id)).toBe(2);
      await page.click('main button[type=submit]');
      await page.waitForSelector('nav');
      expect(await page.$('.outbox-line')).toBeNull();

      // She keeps working: a follow-up made now arrives at once, and nothing was sent twice.
      await openCase(page, resetCase.number);
      expect(await addFollowUp(page, 'Kunjungan setelah reset')).toBe(SAVED_ONLINE);
      expect(await followUpCount(resetCase.id)).toBe(3);
      expect(loads).toEqual([]);

      // Her own password is now hers, and the new PIN opens the phone.
      const login = await call(suite.origin, '/auth/login', undefined, { email: reset.email, password: OWN_PASSWORD });
      expect(login.status).toBe(200);
      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
      await page.fill('input[name=pin]', NEW_PIN);
      await page.press('input[name=pin]', 'Enter');
      await page.waitForSelector('nav');
      expect(await followUpCount(resetCase.id)).toBe(3);
    });
  }, 300_000);

  it('a forgotten PIN: the records waiting before the recovery arrive after it, in the same page, nothing lost', async () => {
    const { forgetful, forgottenCase } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await setUpPhone(page, forgetful.email);
      await synced(forgetful.email);

      await suite.stopApi();
      try {
        await waitingFollowUps(page, forgottenCase.number, ['Kunjungan sebelum lupa PIN']);
      } finally {
        await suite.restartApi();
      }
      expect(await followUpCount(forgottenCase.id)).toBe(0);

      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await recoveryFirstStep(page, forgetful.email, TEST_PASSWORD);
      await page.waitForSelector('nav');
      for (let attempt = 0; attempt < 120 && (await followUpCount(forgottenCase.id)) < 1; attempt++)
        await page.waitForTimeout(250);
      expect(await followUpCount(forgottenCase.id)).toBe(1);
      await openCase(page, forgottenCase.number);
      expect(await addFollowUp(page, 'Kunjungan setelah lupa PIN')).toBe(SAVED_ONLINE);
      await page.waitForSelector('.follow-ups >> text=Kunjungan sebelum lupa PIN');
      expect(await page.$('.waiting-follow-ups')).toBeNull();
      expect(await followUpCount(forgottenCase.id)).toBe(2);
      expect(loads).toEqual([]);
    });
  }, 300_000);
});
