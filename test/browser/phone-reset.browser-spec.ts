/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { generateTotpCode } from '@pendamping/auth/authentication';
import type { Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import type { TestApi } from '../support/test-app';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, freshTotpCode, serviceWorkerReady, signIn, signInWithCode } from './browser-suite';
import {
  addFollowUp,
  FOLLOW_UP_FORM,
  openCase,
  phoneStoreExists,
  SAVED_ON_PHONE,
  setUpPhone,
  storeKeys,
  syncedToPhone,
  typeRecovery,
  unlockWithPin,
} from './phone-steps';

/**
 * SPEC §12 "Resets, role changes, revocation" and "Recovery": follow-ups made with no signal wait
 * in the outbox; after an administrator resets her password, the lock screen's recovery goes
 * through her own new password in the same phone-bound session, W opens the phone under a new
 * PIN, and every waiting record reaches the server exactly once, in that page, even while the
 * reset's notice stands before the frame. A forgotten PIN loses nothing the same way. With
 * companions among the roles that need a second factor, a reset second factor is enrolled again in
 * the recovery's session before W. A recovery refused (a wrong password or code, no signal) says
 * why and loses nothing; a phone revoked meanwhile is wiped.
 */

const NEW_PIN = '97531864';
const OWN_PASSWORD = 'perahu-layar-di-teluk-kupang-2026';
const SAVED_ONLINE = 'Tindak lanjut disimpan.';

interface Admin {
  email: string;
  password: string;
  totpSecret: string;
}

/** The recovery's first step, with the keyboard: her email, a password and the new PIN twice. */
async function recoveryFirstStep(page: Page, email: string, password: string): Promise<void> {
  await page.focus('.forgot-pin');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.phone-recovery[data-step=sign-in]');
  await page.focus('.phone-recovery input[name=email]');
  await typeRecovery(page, email, password, NEW_PIN);
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

/**
 * An org_admin asks for her reset, the other approves it; for a password, the temporary one,
 * joined from its halves.
 */
async function adminReset(
  origin: string,
  admins: { requester: Admin; approver: Admin },
  kind: 'reset_password' | 'reset_totp',
  userId: string,
): Promise<string | undefined> {
  const asked = await adminSignIn(origin, admins.requester);
  const request = await call(origin, '/admin-requests', asked, { kind, subjectId: userId });
  expect(request.status).toBe(202);
  const requestId = ((await request.json()) as { id: string }).id;
  const approved = await call(
    origin,
    `/admin-requests/${requestId}/approve`,
    await adminSignIn(origin, admins.approver),
  );
  expect(approved.status).toBe(200);
  const halves = ((await approved.json()) as { temporaryPassword?: { secondHalf: string } }).temporaryPassword;
  if (!halves) return undefined;
  const collected = await call(origin, `/admin-requests/${requestId}/password-half`, asked);
  expect(collected.status).toBe(200);
  return `${((await collected.json()) as { firstHalf: string }).firstHalf}${halves.secondHalf}`;
}

/** An organisation with one case for each of its two companions, and its two org_admins; a third companion with a case, in an organisation of her own. */
async function resetWorld(setup: TestApi) {
  const org = await createOrganisation(setup, 'Reset');
  const caseOf = async (user: typeof org.companionA, village: string) => {
    const made = await createCase(setup, user, newCaseBody(village));
    return { id: made.id as string };
  };
  const admin = (user: typeof org.admin): Admin => ({
    email: user.email,
    password: user.password,
    totpSecret: user.totpSecret!,
  });
  const companion = (user: typeof org.companionA) => ({ id: user.id, email: user.email, totpSecret: user.totpSecret });
  const failing = await createOrganisation(setup, 'Reset gagal');
  return {
    admins: { requester: admin(org.admin), approver: admin(org.approver) },
    first: { ...companion(org.companionA), case: await caseOf(org.companionA, org.villages.a) },
    second: { ...companion(org.companionB), case: await caseOf(org.companionB, org.villages.b) },
    failing: { ...companion(failing.companionA), case: await caseOf(failing.companionA, failing.villages.a) },
  };
}

/** What both suites read of the server and do on the phone. */
function phoneSteps(suite: BrowserSuite<unknown>) {
  const followUpCount = async (caseId: string) =>
    (
      await suite.stored<{ count: number }>('SELECT count(*)::int AS count FROM follow_ups WHERE case_id = $1', [
        caseId,
      ])
    )[0]!.count;
  return {
    followUpCount,

    /** Waits until the server holds `count` follow-ups of the case (the outbox delivers in the background). */
    async delivered(caseId: string, count: number): Promise<void> {
      for (let attempt = 0; attempt < 120 && (await followUpCount(caseId)) < count; attempt++)
        await new Promise((wait) => setTimeout(wait, 250));
      expect(await followUpCount(caseId)).toBe(count);
    },

    /** The outbox records the phone holds: their names, sealed, never a value. */
    async outboxNames(page: Page): Promise<string[]> {
      return (await storeKeys(page, 'sealed')).filter((name) => name.startsWith('outbox/'));
    },

    /** Follow-ups added on her case with the API stopped, then the page locked (a fresh page, the PIN lock). */
    async waitingFollowUps(page: Page, caseId: string, notes: string[]): Promise<void> {
      await suite.stopApi();
      try {
        await page.reload();
        await unlockWithPin(page);
        await page.waitForSelector('nav');
        await openCase(page, caseId);
        for (const note of notes) expect(await addFollowUp(page, note, 'keyboard')).toBe(SAVED_ON_PHONE);
        await page.click('header button:text-is("Kunci")');
        await page.waitForSelector('.phone-lock[data-state=pin]');
      } finally {
        await suite.restartApi();
      }
    },
  };
}

describe('a phone after a reset or a forgotten PIN, in a real browser', () => {
  const suite = BrowserSuite.register('phone-reset', resetWorld);
  const steps = phoneSteps(suite as BrowserSuite<unknown>);

  it('after a password reset she recovers through her own password and every waiting follow-up arrives once, without a reload', async () => {
    const { admins, first } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, first.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [first.case.id] });
      await steps.waitingFollowUps(page, first.case.id, [
        'Kunjungan sebelum reset pertama',
        'Kunjungan sebelum reset kedua',
      ]);
      const temporaryPassword = await adminReset(suite.origin, admins, 'reset_password', first.id);
      expect(await steps.followUpCount(first.case.id)).toBe(0);

      // From here on the page is never reloaded. The reset ended her session: the right PIN cannot open it.
      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await unlockWithPin(page);
      await page.waitForSelector('.phone-lock .alert');
      expect(await page.textContent('.phone-lock .alert')).toContain('Sesi Anda di ponsel ini sudah berakhir');
      await suite.checkScreen(watched, 'phone-lock-session-ended', '.phone-lock .alert');
      // The lock screen recovers the phone in place.
      await recoveryFirstStep(page, first.email, temporaryPassword!);
      await page.waitForSelector('.phone-recovery[data-step=password-change]');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Buat kata sandi Anda sendiri');
      await suite.checkScreen(watched, 'phone-recovery-password-change', '.phone-recovery[data-step=password-change]');

      // Her own password: one the server's rule refuses leaves the step as it is.
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
      await steps.delivered(first.case.id, 2);
      await page.click('main button[type=submit]');
      await page.waitForSelector('nav');
      expect(await page.$('.outbox-line')).toBeNull();

      // She keeps working: both show among the case's follow-ups, one made now arrives at once, and nothing was sent twice.
      await openCase(page, first.case.id);
      await page.waitForSelector('.follow-ups >> text=Kunjungan sebelum reset kedua');
      expect(await addFollowUp(page, 'Kunjungan setelah reset', 'keyboard')).toBe(SAVED_ONLINE);
      expect(await steps.followUpCount(first.case.id)).toBe(3);
      expect(loads).toEqual([]);

      // Her own password is now hers, and the new PIN opens the phone.
      const login = await call(suite.origin, '/auth/login', undefined, { email: first.email, password: OWN_PASSWORD });
      expect(login.status).toBe(200);
      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
      await page.fill('input[name=pin]', NEW_PIN);
      await page.press('input[name=pin]', 'Enter');
      await page.waitForSelector('nav');
      expect(await steps.followUpCount(first.case.id)).toBe(3);
    });
  }, 300_000);

  it('a forgotten PIN: the records waiting before the recovery arrive after it, in the same page, nothing lost', async () => {
    const { second } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, second.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [second.case.id] });
      await steps.waitingFollowUps(page, second.case.id, ['Kunjungan sebelum lupa PIN']);
      expect(await steps.followUpCount(second.case.id)).toBe(0);

      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await recoveryFirstStep(page, second.email, TEST_PASSWORD);
      await steps.delivered(second.case.id, 1);

      // The recovery opens the case page where she locked, read as it opened: the follow-up, delivered
      // as the store opened, moves from "not sent yet" into the case's follow-ups without a reload.
      await page.waitForSelector(FOLLOW_UP_FORM);
      expect(page.url()).toContain(`/cases/${second.case.id}`);
      await page.waitForSelector('.follow-ups >> text=Kunjungan sebelum lupa PIN');
      await page.waitForFunction(() => document.querySelector('.waiting-follow-ups') === null);
      expect(await addFollowUp(page, 'Kunjungan setelah lupa PIN', 'keyboard')).toBe(SAVED_ONLINE);
      expect(await steps.followUpCount(second.case.id)).toBe(2);
      expect(loads).toEqual([]);
    });
  }, 300_000);
  it('a recovery refused (wrong password, no signal) says why and loses nothing; a phone revoked meanwhile is wiped', async () => {
    const { failing } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, failing.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [failing.case.id] });
      await steps.waitingFollowUps(page, failing.case.id, ['Kunjungan sebelum pemulihan gagal']);
      const waiting = await steps.outboxNames(page);
      expect(waiting).toHaveLength(1);

      // A wrong password: the form says so and stays, with nothing on the phone touched.
      await recoveryFirstStep(page, failing.email, 'bukan-kata-sandinya-2026');
      await page.waitForSelector('.phone-recovery[data-step=sign-in] .alert');
      expect(await page.textContent('.phone-recovery .alert')).toBe('Email atau kata sandi salah.');
      expect(await steps.outboxNames(page)).toEqual(waiting);
      expect(await storeKeys(page, 'keys')).toContain('dk-by-pin');

      // No signal: the form says to try again with signal, and stays.
      await suite.stopApi();
      try {
        await page.fill('.phone-recovery input[name=password]', TEST_PASSWORD);
        await page.click('.phone-recovery button[type=submit]');
        await page.waitForSelector(
          '.phone-recovery .alert:text-is("Tidak ada koneksi ke server. Periksa sinyal dan coba lagi.")',
        );
        expect(await page.$('.phone-recovery[data-step=sign-in]')).not.toBeNull();
        expect(await steps.outboxNames(page)).toEqual(waiting);
      } finally {
        await suite.restartApi();
      }

      // "Back": the PIN still opens the phone, and the follow-up that waited is delivered.
      await page.click('.phone-recovery button:text-is("Kembali")');
      await unlockWithPin(page);
      await page.waitForSelector('nav');
      await steps.delivered(failing.case.id, 1);
      expect(await steps.followUpCount(failing.case.id)).toBe(1);

      // Revoked from another device while the lock screen is open: the recovery's sign-in is
      // answered `device-revoked`, and the phone is wiped.
      await page.click('header button:text-is("Kunci")');
      await page.waitForSelector('.phone-lock[data-state=pin]');
      const [phone] = await suite.stored<{ id: string }>('SELECT id FROM devices WHERE user_id = $1', [failing.id]);
      const session = await call(suite.origin, '/auth/login', undefined, {
        email: failing.email,
        password: TEST_PASSWORD,
      });
      const { accessToken } = (await session.json()) as { accessToken: string };
      expect((await call(suite.origin, `/devices/${phone!.id}/revoke`, accessToken)).status).toBe(200);
      await recoveryFirstStep(page, failing.email, TEST_PASSWORD);
      await page.waitForSelector('.phone-lock[data-state=revoked]');
      expect(await page.textContent('.phone-lock')).toContain('Ponsel ini sudah dicabut');
      expect(await phoneStoreExists(page)).toBe(false);
      expect(await steps.followUpCount(failing.case.id)).toBe(1);
    });
  }, 300_000);
});

describe('a phone after a second-factor reset, with companions needing one, in a real browser', () => {
  const suite = BrowserSuite.register('phone-reset-totp', resetWorld, {
    MFA_REQUIRED_ROLES: 'companion,coordinator,reviewer,org_admin',
  });
  const steps = phoneSteps(suite as BrowserSuite<unknown>);

  it('enrols her second factor again in the recovery, then W opens the phone and the waiting follow-up arrives once', async () => {
    const { admins, first } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signInWithCode(page, { ...first, password: TEST_PASSWORD }, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [first.case.id] });
      await steps.waitingFollowUps(page, first.case.id, ['Kunjungan sebelum reset faktor kedua']);
      await adminReset(suite.origin, admins, 'reset_totp', first.id);
      expect(await steps.followUpCount(first.case.id)).toBe(0);

      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await recoveryFirstStep(page, first.email, TEST_PASSWORD);
      await page.waitForSelector('.phone-recovery[data-step=enrolment] .secret');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pasang autentikator lagi');
      await suite.checkScreen(watched, 'phone-recovery-enrolment', '.phone-recovery[data-step=enrolment] .secret');
      const secret = (await page.getAttribute('.secret', 'data-secret'))!;
      await page.focus('.phone-recovery input[name=enrolment-code]');
      await page.keyboard.type(generateTotpCode({ secret, now: new Date() }));
      await page.keyboard.press('Enter');

      // Her new recovery codes come first; the outbox is delivered meanwhile.
      await page.waitForSelector('ol.codes li');
      await steps.delivered(first.case.id, 1);
      await page.click('button:text-is("Saya sudah menyimpan kode")');
      await page.waitForSelector('.reset-notice');
      await page.click('main button[type=submit]');
      await page.waitForSelector('nav');
      expect(await steps.followUpCount(first.case.id)).toBe(1);
      expect(loads).toEqual([]);
    });
  }, 300_000);

  it('a wrong second-factor code in the recovery says so and loses nothing; the right one opens the phone', async () => {
    const { second } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signInWithCode(page, { ...second, password: TEST_PASSWORD }, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [second.case.id] });
      await steps.waitingFollowUps(page, second.case.id, ['Kunjungan sebelum kode salah']);
      const waiting = await steps.outboxNames(page);
      expect(waiting).toHaveLength(1);

      // Her password is right: the server asks for her code, and a wrong one is refused as such.
      await recoveryFirstStep(page, second.email, TEST_PASSWORD);
      await page.waitForSelector('.phone-recovery input[name=code]');
      await page.fill('.phone-recovery input[name=code]', '000000');
      await page.click('.phone-recovery button[type=submit]');
      await page.waitForSelector('.phone-recovery[data-step=sign-in] .alert');
      expect(await page.textContent('.phone-recovery .alert')).toBe('Kode salah. Coba lagi.');
      expect(await steps.outboxNames(page)).toEqual(waiting);
      expect(await storeKeys(page, 'keys')).toContain('dk-by-pin');
      expect(await steps.followUpCount(second.case.id)).toBe(0);

      // The right code: the phone opens under the new PIN and the follow-up arrives once.
      await page.fill('.phone-recovery input[name=code]', await freshTotpCode(second.totpSecret!));
      await page.click('.phone-recovery button[type=submit]');
      await page.waitForSelector('nav');
      await steps.delivered(second.case.id, 1);
    });
  }, 300_000);
});
