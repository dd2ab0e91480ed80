/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Frame, Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';
import {
  captureFollowUp,
  confirmCapturedFollowUp,
  FOLLOW_UP_FORM,
  openCase,
  setUpPhone,
  storeKeys,
  syncedToPhone,
  typeRecovery,
  unlockedTab,
  unlockWithPin,
} from './phone-steps';

/**
 * What a phone does as time passes (SPEC §12 "Lock and unlock", "The offline window"), on
 * Playwright's page clock, which every tab of a context shares: 5 minutes with no input in any tab
 * lock them all (a browser's own lock is 15), input in one tab keeps the others open; a phone
 * unlocked with no signal renews its session by itself 30 seconds later, without an `online` event;
 * the offline window closes at its end, here the absolute session lifetime of 1 hour, and what she
 * captures then is delivered once after her online recovery; and a renewal
 * the network swallows (through a proxy in front of the API) holds no lock back.
 */

const MINUTE = 60_000;
const SECOND = 1_000;
/** An access token lives 10 minutes (`ACCESS_TOKEN_TTL_SECONDS`); the phone renews it one minute before. */
const RENEWS_AFTER = 9 * MINUTE;

/** The page's own time: the page clock's, which the test moves. */
const pageNow = (page: Page) => page.evaluate(() => Date.now());

/**
 * Signed in and unlocked, and still so a second of real time after the navigation showed: a lock
 * is asynchronous (it drops the screen, waits for the refresh Web Lock, then loads the lock page),
 * so a tab that wrongly locks may still show its navigation right after the clock moved. Every
 * page the tab loaded meanwhile is looked at, so a lock page passed through is seen too.
 */
async function expectOpen(page: Page): Promise<void> {
  const loaded: string[] = [];
  const onLoaded = (frame: Frame) => {
    if (frame === page.mainFrame()) loaded.push(new URL(frame.url()).pathname);
  };
  page.on('framenavigated', onLoaded);
  try {
    await page.waitForSelector('nav');
    await page.waitForTimeout(1_000);
  } finally {
    page.off('framenavigated', onLoaded);
  }
  expect([...loaded, new URL(page.url()).pathname]).not.toContain('/locked');
  expect(await page.$('nav')).not.toBeNull();
  expect(await page.$('.phone-lock')).toBeNull();
}

describe('a phone as time passes, in a real browser on the page clock', () => {
  const suite = BrowserSuite.register(
    'phone-clock',
    async (setup) => {
      const org = await createOrganisation(setup, 'Jam');
      const other = await createOrganisation(setup, 'Jam lain');
      const third = await createOrganisation(setup, 'Jam ketiga');
      const fourth = await createOrganisation(setup, 'Jam keempat');
      const hungCase = await createCase(setup, fourth.companionA, newCaseBody(fourth.villages.a));
      const endsCase = await createCase(setup, third.companionA, newCaseBody(third.villages.a));
      const idleCase = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      const theCase = await createCase(setup, other.companionA, newCaseBody(other.villages.a));
      return {
        idle: { email: org.companionA.email, caseId: String(idleCase.id) },
        renewing: { email: other.companionA.email, caseId: String(theCase.id) },
        windowEnds: {
          email: third.companionA.email,
          caseId: String(endsCase.id),
          caseNumber: String(endsCase.caseNumber),
        },
        hung: { email: fourth.companionA.email, caseId: String(hungCase.id) },
      };
    },
    // The offline window lasts the absolute session lifetime (SPEC §12): an hour, so the clock reaches its end.
    { SESSION_LIFETIME_HOURS: '1' },
    { throughProxy: true },
  );

  /** Moves the page clock `by`, with input at its end: she is still at work. */
  async function busyFor(page: Page, by: number): Promise<void> {
    await page.context().clock.runFor(by);
    await page.keyboard.press('Shift');
  }

  /** Real time for `happened` to come true (a request reaching the proxy); the page clock stands still. */
  async function realTimeUntil(page: Page, happened: () => boolean): Promise<void> {
    for (let waited = 0; waited < 120 && !happened(); waited++) await page.waitForTimeout(250);
    expect(happened()).toBe(true);
  }

  it('locks every tab after 5 minutes with no input in any of them; input in one tab keeps both open', async () => {
    const { idle } = suite.world;
    await suite.inContext(async ({ page, context }) => {
      await context.clock.install();
      await signIn(page, idle.email, TEST_PASSWORD, 'nav');
      // This tab was a browser's (its lock 15 minutes) until the set-up bound it to the phone.
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [idle.caseId] });
      await page.click('nav a[href="/"]');
      await page.waitForSelector('.worklist');
      const other = await unlockedTab(context);

      // Four minutes on, input in the first tab only; two more, and neither tab locked.
      await context.clock.fastForward(4 * MINUTE);
      await expectOpen(page);
      await expectOpen(other);
      await page.keyboard.press('Shift');
      await context.clock.fastForward(2 * MINUTE);
      await expectOpen(page);
      await expectOpen(other);

      // No input anywhere for 5½ minutes: both at the PIN lock, well before a browser's 15.
      await context.clock.fastForward(3.5 * MINUTE);
      for (const tab of [page, other]) await tab.waitForSelector('.phone-lock[data-state=pin]');
      expect(await page.$('nav')).toBeNull();
      expect(await other.$('nav')).toBeNull();
    });
  }, 180_000);

  it('locks after 5 minutes with no input while a renewal hangs, dropping the screen before the renewal gives up', async () => {
    const { hung } = suite.world;
    await suite.inContext(async ({ page, context }) => {
      await context.clock.install();
      await signIn(page, hung.email, TEST_PASSWORD, 'nav');
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [hung.caseId] });
      await openCase(page, hung.caseId);

      // The clock stands still but when moved, so the renewals fall at known times: one, passed on,
      // is waited for in 10-second steps; the token it brings renews `RENEWS_AFTER` later to the millisecond.
      await context.clock.pauseAt((await pageNow(page)) + SECOND);
      let renewed = false;
      suite.network.onNextRequest('/auth/refresh HTTP', () => (renewed = true));
      for (let moved = 0; moved < 10 * MINUTE && !renewed; moved += 10 * SECOND) await busyFor(page, 10 * SECOND);
      await realTimeUntil(page, () => renewed);
      // Its answer held and the next renewal scheduled, at a clock that has not moved since.
      await page.waitForTimeout(3_000);
      const renewedAt = await pageNow(page);

      // Her last input 4¼ minutes on: the idle lock falls at 9¼, after the next renewal (at 9) was
      // sent and before it would give up (30 seconds later).
      let swallowed = false;
      suite.network.swallowNextRequestTo('/auth/refresh HTTP', () => (swallowed = true));
      for (let step = 0; step < 4; step++) await busyFor(page, MINUTE);
      await busyFor(page, 15 * SECOND);
      await context.clock.runFor(RENEWS_AFTER - ((await pageNow(page)) - renewedAt) + 5 * SECOND);
      await realTimeUntil(page, () => swallowed);
      await expectOpen(page);

      // The idle limit passes with the renewal still unanswered: within seconds nothing of the case
      // or the session shows, though the page waits, clock still, for the renewal to seal or give up.
      await context.clock.runFor(15 * SECOND);
      await page.waitForSelector('nav', { state: 'detached', timeout: 10_000 });
      expect(await page.$(FOLLOW_UP_FORM)).toBeNull();
      expect(page.url()).not.toContain('/locked');

      // 30 seconds after it was sent the renewal gives up; the lock completes, at the PIN lock.
      await context.clock.runFor(30 * SECOND);
      await context.clock.resume();
      await page.waitForSelector('.phone-lock[data-state=pin]', { timeout: 60_000 });
    });
  }, 240_000);

  it('unlocked with no signal, renews by itself 30 seconds later once the API is back, with no `online` event', async () => {
    const { renewing } = suite.world;
    await suite.inContext(async ({ page, context }) => {
      await context.clock.install();
      await signIn(page, renewing.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [renewing.caseId] });

      await suite.stopApi();
      try {
        await page.reload();
        await unlockWithPin(page);
        await page.click('nav a[href="/"]');
        await page.waitForSelector('.offline-note');
        // Time stands still from here, so the retry waits for the test to move the clock.
        await context.clock.pauseAt((await pageNow(page)) + 1_000);
      } finally {
        await suite.restartApi();
      }
      await page.waitForTimeout(2_000);
      expect(await page.$('.offline-note')).not.toBeNull();

      await context.clock.runFor(30_000);
      await context.clock.resume();
      await page.waitForSelector('.offline-note', { state: 'detached', timeout: 60_000 });
      await expectOpen(page);
    });
  }, 180_000);

  it('ends PIN unlock with no signal when the offline window reaches its end; a record captured then is delivered once after an online sign-in', async () => {
    const { windowEnds } = suite.world;
    const followUpsOfCase = async () =>
      (
        await suite.stored<{ n: number }>('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', [
          windowEnds.caseId,
        ])
      )[0]!.n;
    await suite.inContext(async (watched) => {
      const { page, context } = watched;
      await context.clock.install();
      await signIn(page, windowEnds.email, TEST_PASSWORD, 'nav');
      await serviceWorkerReady(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [windowEnds.caseId] });
      const signedInAt = await pageNow(page);

      // No signal: an online renewal would move the window by the phone clock's lead over the server's.
      await suite.stopApi();
      try {
        // A minute before the end the PIN still opens the phone.
        await context.clock.setSystemTime(signedInAt + 59 * MINUTE);
        await page.reload();
        await unlockWithPin(page);
        await expectOpen(page);
        await page.click('header >> text=Kunci');
        await page.waitForSelector('.phone-lock[data-state=pin]');

        // An hour and a minute after the sign-in: the window is closed before any PIN is tried.
        await context.clock.setSystemTime(signedInAt + 61 * MINUTE);
        await page.reload();
        await page.waitForSelector('.phone-lock[data-state=window-closed]');
        expect(await page.textContent('.phone-lock p')).toContain('selama batas waktu sejak Anda terakhir masuk');
        expect(await page.$('input[name=pin]')).toBeNull();
        expect(await page.$('.phone-lock .forgot-pin')).not.toBeNull();
        expect(await storeKeys(page, 'keys')).not.toContain('dk-by-pin');
        await suite.checkScreen(watched, 'phone-window-ended', '.phone-lock[data-state=window-closed]');

        // The window closed, she still takes a follow-up in, sealed for later.
        await captureFollowUp(page, 'Catatan kasus setelah jendela tutup', 'Kunjungan setelah jendela tutup');
        await page.waitForSelector('.phone-lock[data-state=window-closed]');
      } finally {
        await suite.restartApi();
      }

      // With signal, her password and a new PIN recover the phone on the review list, which shows
      // it; confirmed, it reaches the server once.
      expect(await followUpsOfCase()).toBe(0);
      await page.click('.forgot-pin');
      await page.focus('.phone-recovery input[name=email]');
      await typeRecovery(page, windowEnds.email, TEST_PASSWORD, '86420975');
      await page.waitForSelector('.captured-list > li', { timeout: 90_000 });
      expect(new URL(page.url()).pathname).toBe('/captured');
      expect(await page.$$('.captured-list > li')).toHaveLength(1);
      expect(await page.textContent('.captured-list')).toContain('Catatan kasus setelah jendela tutup');
      await confirmCapturedFollowUp(page, 'Kunjungan setelah jendela tutup', windowEnds.caseNumber);
      expect(await followUpsOfCase()).toBe(1);
    });
  }, 240_000);
});
