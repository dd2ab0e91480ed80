/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createOrganisation, SignedInUser, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn } from './browser-suite';
import { PHONE_DB, phoneStoreExists, PIN, setUpPhone, typeRecovery, unlockWithPin } from './phone-steps';

/**
 * "Use this phone offline" and the PIN lock (SPEC §12): a companion sets up her phone from her
 * account with the keyboard alone, her session is then bound to the phone (no refresh cookie), a
 * reload shows the PIN lock, a wrong PIN tells the tries left, the right one resumes her worklist;
 * "forget this phone" wipes the store, and a phone revoked through the API is wiped at the lock.
 */

/** Tab until the element matching `selector` has the focus: the keyboard alone, without counting stops. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let stop = 0; stop < 40; stop++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

/** Replaces what the focused field holds, by keyboard. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Her worklist, by its title (she has no case yet) within the signed-in frame. */
const worklistShown = (page: Page) =>
  page.waitForFunction(
    () => document.querySelector('h1')?.textContent === 'Kasus saya' && !!document.querySelector('nav'),
  );

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/**
 * The PIN's inputs as the screen shows them: masked, and named a one-time code, which Chromium's
 * password manager never takes for a password, so it never offers to save the PIN.
 */
async function expectPinInputs(page: Page, count: number): Promise<void> {
  const inputs = await page.$$eval('input[name^=pin]', (all) =>
    all.map((input) => ({ type: input.getAttribute('type'), autocomplete: input.getAttribute('autocomplete') })),
  );
  expect(inputs).toEqual(Array.from({ length: count }, () => ({ type: 'password', autocomplete: 'one-time-code' })));
}

describe('setting up a phone for offline capture and its PIN lock, in a real browser', () => {
  const suite = BrowserSuite.register('phone-setup', async (setup) => {
    const org = await createOrganisation(setup, 'Luring');
    const elsewhere = await createOrganisation(setup, 'Lupa');
    const user = (signed: SignedInUser) => ({ id: signed.id, email: signed.email });
    const third = await createOrganisation(setup, 'Dua tab');
    return {
      companion: user(org.companionA),
      colleague: user(org.companionB),
      forgetful: user(elsewhere.companionA),
      revoker: user(elsewhere.companionB),
      twoTabs: user(third.companionA),
    };
  });

  const devicesOf = (userId: string) =>
    suite.stored<{ id: string; label: string; revoked: boolean }>(
      'SELECT id, label, revoked_at IS NOT NULL AS revoked FROM devices WHERE user_id = $1',
      [userId],
    );

  it('a companion sets up her phone with the keyboard alone, then unlocks it with her PIN after a reload', async () => {
    const { companion } = suite.world;
    await suite.inContext(async (watched) => {
      const { page, context } = watched;
      await signIn(page, companion.email, TEST_PASSWORD, 'nav');
      await page.click('.who a');
      await page.waitForSelector('.phone-setup');
      // No phone store exists before the set-up.
      expect(await phoneStoreExists(page)).toBe(false);
      await suite.checkScreen(watched, 'phone-setup', '.phone-setup');
      await expectPinInputs(page, 2);

      // A sign-in older than 5 minutes: the server refuses, the screen says why and offers to sign in again.
      await suite.stored(
        `UPDATE refresh_tokens SET session_started_at = now() - interval '10 minutes' WHERE user_id = $1`,
        [companion.id],
      );
      await page.fill('input[name=label]', 'HP kerja');
      await page.fill('input[name=pin]', PIN);
      await page.fill('input[name=pin-again]', PIN);
      await page.click('.phone-setup button[type=submit]');
      await page.waitForSelector('.phone-setup .alert:not(.empty)');
      expect(await page.textContent('.phone-setup .alert')).toMatch(/^Demi keamanan, ponsel hanya bisa disiapkan/);
      expect(await devicesOf(companion.id)).toEqual([]);
      await suite.checkScreen(watched, 'phone-setup-stale-sign-in', '.phone-setup .alert:not(.empty)');
      await page.click('.phone-setup button:text-is("Masuk lagi")');
      await page.waitForSelector('input[name=email]');

      // Signed in again: with the keyboard alone, a short PIN, then two PINs unlike, then the set-up.
      await signIn(page, companion.email, TEST_PASSWORD, 'nav');
      await page.focus('.who a');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.phone-setup');
      await page.focus('h1');
      await tabTo(page, 'input[name=label]');
      await page.keyboard.type('HP kerja');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1234');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1234');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.phone-setup .alert:not(.empty)');
      expect(await page.textContent('.phone-setup .alert')).toBe('PIN harus minimal 8 angka.');
      await suite.checkScreen(watched, 'phone-setup-short-pin', '.phone-setup .alert:not(.empty)');
      await page.focus('input[name=pin]');
      await retype(page, PIN);
      await page.keyboard.press('Tab');
      await retype(page, '24681350');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('.phone-setup .alert')?.textContent === 'Kedua PIN tidak sama.',
      );
      expect(await phoneStoreExists(page)).toBe(false);
      await retype(page, PIN);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.account-setup p.saved');
      await suite.checkScreen(watched, 'phone-setup-done', '.account-setup p.saved');

      // The server registered the phone; the browser holds no refresh cookie; the store exists.
      const [device] = await devicesOf(companion.id);
      expect(device).toMatchObject({ label: 'HP kerja', revoked: false });
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('pendamping_refresh');
      expect(await phoneStoreExists(page)).toBe(true);
      // The phone-bound session works: her worklist answers.
      await page.click('nav a >> nth=0');
      await worklistShown(page);

      // A reload shows the PIN lock, not the password sign-in.
      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
      expect(await page.$$('input[name=email]')).toHaveLength(0);
      expect(await focusedText(page)).toBe('Buka dengan PIN');
      await suite.checkScreen(watched, 'phone-lock', '.phone-lock[data-state=pin]');
      await expectPinInputs(page, 1);

      // Keyboard alone: a wrong PIN tells the tries left, the right one resumes her session.
      await tabTo(page, 'input[name=pin]');
      await page.keyboard.type('11112222');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.phone-lock .alert:not(.empty)');
      expect(await page.textContent('.phone-lock .alert')).toBe('PIN salah. Sisa percobaan: 4.');
      await suite.checkScreen(watched, 'phone-lock-wrong-pin', '.phone-lock .alert:not(.empty)');
      await page.focus('input[name=pin]');
      await retype(page, PIN);
      await page.keyboard.press('Enter');
      await worklistShown(page);
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('pendamping_refresh');
      // Its refresh rotated the phone's family: still one live family, bound to the phone.
      const [family] = await suite.stored<{ bound: number }>(
        `SELECT count(*)::int AS bound FROM refresh_tokens
          WHERE user_id = $1 AND device_id = $2 AND revoked_at IS NULL AND rotated_at IS NULL`,
        [companion.id, device!.id],
      );
      expect(family).toEqual({ bound: 1 });

      // A password change on the phone ends her other sessions and starts the phone's family anew:
      // its token is sealed in place of the old one, so after a reload the PIN still opens it.
      await page.click('.who a');
      await page.fill('input[name=current-password]', TEST_PASSWORD);
      await page.fill('input[name=new-password]', 'ladang-jagung-di-kaki-bukit-2026');
      await page.press('input[name=new-password]', 'Enter');
      await worklistShown(page);
      await page.reload();
      await unlockWithPin(page);
      await worklistShown(page);
      const [renewed] = await suite.stored<{ bound: number }>(
        `SELECT count(*)::int AS bound FROM refresh_tokens
          WHERE user_id = $1 AND device_id = $2 AND revoked_at IS NULL AND rotated_at IS NULL`,
        [companion.id, device!.id],
      );
      expect(renewed).toEqual({ bound: 1 });

      // "Lock" drops the session in the page and shows the PIN lock; the server's session stays.
      await page.focus('button:text-is("Kunci")');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.phone-lock[data-state=pin]');
      expect((await devicesOf(companion.id))[0]?.revoked).toBe(false);

      // Forget this phone: a warning, then the store is wiped and the password sign-in shows.
      await tabTo(page, '.forget-phone');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.forget-step');
      expect(await focusedText(page)).toBe('Lupakan ponsel ini?');
      await suite.checkScreen(watched, 'phone-forget-step', '.forget-step');
      await tabTo(page, '.forget-step button.primary');
      expect(await phoneStoreExists(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForSelector('input[name=email]');
      expect(await phoneStoreExists(page)).toBe(false);
      // The server keeps the phone until she revokes it.
      expect((await devicesOf(companion.id))[0]?.revoked).toBe(false);
    });
  }, 180_000);

  it('a phone revoked through the API is wiped at its lock screen', async () => {
    const { colleague } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, colleague.email, TEST_PASSWORD, 'nav');
      await setUpPhone(page, 'HP Melati');
      const [device] = await devicesOf(colleague.id);

      // Revoked elsewhere (her phones screen on another device, or an org_admin).
      const login = await fetch(`${suite.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: colleague.email, password: TEST_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const revoke = await fetch(`${suite.origin}/api/v1/devices/${device!.id}/revoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(revoke.status).toBe(200);

      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=revoked]');
      expect(await phoneStoreExists(page)).toBe(false);
      await suite.checkScreen(watched, 'phone-revoked', '.phone-lock[data-state=revoked]');
      await page.click('.phone-lock button');
      await page.waitForSelector('input[name=email]');
    });
  }, 180_000);

  it('revoking this very phone from its own phones list wipes it at once and starts again at the sign-in', async () => {
    const { revoker } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, revoker.email, TEST_PASSWORD, 'nav');
      await setUpPhone(page, 'HP sendiri');
      const [device] = await devicesOf(revoker.id);
      await page.click('.account-phones a');
      await page.waitForSelector(`li[data-phone="${device!.id}"] button`);
      await page.click(`li[data-phone="${device!.id}"] button`);
      await page.click('button:text-is("Ya, cabut ponsel ini")');
      await page.waitForSelector('input[name=email]');
      expect(await phoneStoreExists(page)).toBe(false);
      expect((await devicesOf(revoker.id))[0]?.revoked).toBe(true);
    });
  }, 180_000);

  it('a wipe in another tab ends this one at once, and a tab that cannot let go of the store does not hold the wipe up', async () => {
    const { twoTabs } = suite.world;
    await suite.inContext(async (watched) => {
      const { page, context } = watched;
      const other = await context.newPage();
      const openInThisTab = async (label: string) => {
        await signIn(page, twoTabs.email, TEST_PASSWORD, 'nav');
        await setUpPhone(page, label);
        await page.click('nav a >> nth=0');
        await worklistShown(page);
        await other.goto('/');
        await other.waitForSelector('.phone-lock[data-state=pin]');
      };
      const forgetInTheOther = async () => {
        await other.click('.forget-phone');
        await other.click('.forget-step button.primary');
      };

      // Open here, forgotten in the other tab: this one leaves its worklist (and its session) for the sign-in.
      await openInThisTab('HP dua tab');
      await forgetInTheOther();
      await page.waitForSelector('input[name=email]');
      await other.waitForSelector('input[name=email]');
      expect(await phoneStoreExists(page)).toBe(false);

      // A tab that cannot let go of the store (frozen, it runs no script until it resumes): a
      // connection that never answers the deletion stands in for it. The wipe does not wait on it;
      // what the store held is already cleared, and once it lets go the deletion completes and
      // both tabs end at the sign-in with no store left.
      await openInThisTab('HP dua tab lagi');
      const frozen = await context.newPage();
      await frozen.goto('/icon.svg');
      await frozen.evaluate(
        (name) =>
          new Promise<void>((opened) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => {
              Object.assign(window, { deaf: request.result });
              opened();
            };
          }),
        PHONE_DB,
      );
      await forgetInTheOther();
      await other.waitForFunction(() => !document.querySelector('.forget-step'));
      const left = await frozen.evaluate(() => {
        const { deaf } = window as unknown as { deaf: IDBDatabase };
        const count = (store: string) =>
          new Promise<number>((counted) => {
            const request = deaf.transaction(store).objectStore(store).count();
            request.onsuccess = () => counted(request.result);
          });
        return Promise.all(['keys', 'sealed', 'forms'].map(count));
      });
      expect(left).toEqual([0, 0, 0]);
      await frozen.evaluate(() => (window as unknown as { deaf: IDBDatabase }).deaf.close());
      await page.waitForSelector('input[name=email]');
      await other.waitForSelector('input[name=email]');
      expect(await phoneStoreExists(other)).toBe(false);
    });
  }, 180_000);

  it('five wrong PINs end PIN unlock; her password online recovers the phone under a new PIN; hidden or frozen, it locks', async () => {
    const { forgetful } = suite.world;
    const NEW_PIN = '97531864';
    await suite.inContext(async (watched) => {
      const { page, context } = watched;
      await signIn(page, forgetful.email, TEST_PASSWORD, 'nav');
      await setUpPhone(page, 'HP lupa');
      await page.click('nav a >> nth=0');
      await worklistShown(page);
      await page.reload();
      for (let tried = 1; tried <= 5; tried++) {
        await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
        await page.fill('input[name=pin]', `1111222${tried}`);
        await page.press('input[name=pin]', 'Enter');
        if (tried < 5)
          await page.waitForFunction(
            (left) =>
              document.querySelector('.phone-lock .alert')?.textContent === `PIN salah. Sisa percobaan: ${left}.`,
            5 - tried,
          );
      }
      await page.waitForSelector('.phone-lock[data-state=pin-gone]');
      expect(await page.$$('input[name=pin]')).toHaveLength(0);
      await suite.checkScreen(watched, 'phone-pin-gone', '.phone-lock[data-state=pin-gone]');

      // Recovery with the keyboard: her password and a new PIN, in one form.
      await tabTo(page, '.forgot-pin');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.phone-recovery');
      expect(await focusedText(page)).toBe('Buat PIN baru');
      await suite.checkScreen(watched, 'phone-recovery', '.phone-recovery');
      await expectPinInputs(page, 2);
      await tabTo(page, '.phone-recovery input[name=email]');
      await typeRecovery(page, forgetful.email, TEST_PASSWORD, NEW_PIN);
      await worklistShown(page);
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('pendamping_refresh');

      // The new PIN opens the phone after a reload; the session it unseals is the recovered one.
      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
      const unlockAgain = async () => {
        await unlockWithPin(page, NEW_PIN);
        await worklistShown(page);
      };
      await unlockAgain();

      // Frozen, then resumed: the page leaves for the PIN lock.
      await page.evaluate(() => {
        document.dispatchEvent(new Event('freeze'));
        document.dispatchEvent(new Event('resume'));
      });
      await unlockAgain();

      // Hidden briefly: still open. Hidden 61 s by the wall clock read when it shows again: locked.
      const hideAndShow = (hiddenMs: number) =>
        page.evaluate((shift) => {
          const visibility = (state: string) => {
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
            document.dispatchEvent(new Event('visibilitychange'));
          };
          visibility('hidden');
          const realNow = Date.now.bind(Date);
          Date.now = () => realNow() + shift;
          visibility('visible');
        }, hiddenMs);
      await hideAndShow(1_000);
      await page.waitForTimeout(500);
      expect(await page.$$('.phone-lock')).toHaveLength(0);
      await hideAndShow(61_000);
      await unlockAgain();
    });
  }, 180_000);
});
