/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Route } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn } from './browser-suite';
import {
  ACTIVITY_FORM,
  addFollowUp,
  FOLLOW_UP_FORM,
  goWithin,
  openCase,
  SAVED_ON_PHONE,
  setUpPhone,
  unlockedTab,
} from './phone-steps';
import { approvedPlanItem } from './phone-world';

/**
 * The outbox of a phone (SPEC §12 "Outbox", "Sign-out and other users"): a companion's follow-ups
 * and activity report made on her phone reach the server exactly once, with the API up, with it
 * stopped and started again, and with an answer lost after the server handled the request; a
 * record whose case left her shows orphaned and is discarded after a confirm step; sign-out is
 * refused while a record waits unless she confirms discarding it. A record delivered by one tab
 * shows as it is sent and as delivered in another tab's case page, without a reload.
 */

describe('the outbox of a phone, in a real browser with the API as its own process', () => {
  const suite = BrowserSuite.register('outbox', async (setup) => {
    const org = await createOrganisation(setup, 'Kotak');
    const kept = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    const leaving = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    const twoTabs = await createCase(setup, org.companionB, newCaseBody(org.villages.b));
    return {
      companion: { id: org.companionA.id, email: org.companionA.email },
      colleague: org.companionB.id,
      keptCase: kept.id as string,
      leavingCase: leaving.id as string,
      inTwoTabs: { email: org.companionB.email, caseId: twoTabs.id as string },
      ...(await approvedPlanItem(setup, org)),
    };
  });

  const followUpsOf = async (caseId: string) =>
    (await suite.stored<{ n: number }>('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', [caseId]))[0]!.n;
  const activities = async () =>
    (
      await suite.stored<{ n: number }>('SELECT count(*)::int AS n FROM activity_reports WHERE plan_item_id = $1', [
        suite.world.itemId,
      ])
    )[0]!.n;

  it('delivers follow-ups and an activity report exactly once, across a stopped API and a lost answer; orphans a record whose case left her', async () => {
    const { companion, keptCase, leavingCase, planId, itemId, colleague } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, companion.email, TEST_PASSWORD, 'nav');
      await setUpPhone(page);

      // With the API up, a follow-up goes at once (a double tap, as each one here: one record all the
      // same); the outbox stays empty and shows no line.
      await openCase(page, keptCase);
      expect(await addFollowUp(page, 'Kunjungan pertama', 'double-tap')).toBe('Tindak lanjut disimpan.');
      expect(await followUpsOf(keptCase)).toBe(1);
      expect(await page.$$('.outbox-line')).toHaveLength(0);

      // The API stopped: the second follow-up waits on the phone, and the outbox says when it tries again.
      await suite.stopApi();
      expect(await addFollowUp(page, 'Kunjungan kedua', 'double-tap')).toBe(SAVED_ON_PHONE);
      await page.waitForSelector('.outbox-line a');
      expect(await page.textContent('.outbox-line a')).toBe('Belum terkirim: 1 catatan');
      await page.click('.outbox-line a');
      await page.waitForSelector('.outbox-list li[data-state=retry]');
      expect(await page.textContent('.outbox-list li .outbox-state')).toMatch(/^Akan dicoba lagi pukul \d\d[.:]\d\d$/);
      await suite.checkScreen(watched, 'outbox-retry', '.outbox-list li[data-state=retry]');

      // "Send now" with the API still stopped tries at once and fails, and each failure doubles the
      // wait before the next try by itself: five of them put it at the 60-second cap, longer than the
      // API's restart, so the "Send now" after the restart is what delivers it.
      for (let failedTry = 0; failedTry < 5; failedTry += 1) {
        await page.click('button.send-now');
        await page.waitForSelector('button.send-now:not([disabled])');
      }
      await page.waitForSelector('.outbox-list li[data-state=retry]');

      // Back: "Send now" delivers it, once.
      await suite.restartApi();
      await page.click('button.send-now');
      await page.waitForSelector('.outbox-empty');
      expect(await followUpsOf(keptCase)).toBe(2);
      expect(await page.$$('.outbox-line')).toHaveLength(0);

      // A lost answer: the server stores the report, the phone never hears it; the retry is answered
      // 200 {id}, and the server still holds one report.
      let cut = true;
      await page.route('**/activities', async (route) => {
        if (cut && route.request().method() === 'POST') {
          cut = false;
          await route.fetch();
          await route.abort('connectionreset');
        } else await route.continue();
      });
      await goWithin(page, `/work-plans/${planId}/items/${itemId}`);
      await page.waitForSelector(ACTIVITY_FORM);
      await page.fill(`${ACTIVITY_FORM} input[name=women]`, '9');
      await page.fill(`${ACTIVITY_FORM} textarea[name=summary]`, 'Penyuluhan tentang layanan rujukan.');
      await page.click(`${ACTIVITY_FORM} button[type=submit]`);
      await page.waitForFunction(([form, text]) => document.querySelector(`${form} .saved`)?.textContent === text, [
        ACTIVITY_FORM,
        SAVED_ON_PHONE,
      ] as const);
      expect(await activities()).toBe(1);
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-list li[data-state=retry]');
      const repeat = page.waitForResponse(
        (response) => response.url().endsWith('/activities') && response.request().method() === 'POST',
      );
      await page.click('button.send-now');
      const answer = await repeat;
      expect(answer.status()).toBe(200);
      expect(Object.keys((await answer.json()) as object)).toEqual(['id']);
      await page.waitForSelector('.outbox-empty');
      expect(await activities()).toBe(1);
      await page.unroute('**/activities');

      // Refused for what it holds (a 422 with the server's field errors): it needs correction, is
      // opened in its form as it was sent, corrected on the phone and sent again under its id.
      let refuse = true;
      await page.route('**/follow-ups', async (route) => {
        if (refuse && route.request().method() === 'POST') {
          refuse = false;
          await route.fulfill({
            status: 422,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'urn:pendamping:problem:business-rule',
              title: 'Business rule',
              status: 422,
              detail: 'The follow-up breaks a rule.',
              errors: [{ field: 'date', message: 'must not be before the case was opened' }],
            }),
          });
        } else await route.continue();
      });
      await openCase(page, keptCase);
      expect(await addFollowUp(page, 'Kunjungan ketiga', 'double-tap')).toBe(SAVED_ON_PHONE);
      await page.click('.outbox-line a');
      await page.waitForSelector('.outbox-list li[data-state=needs-correction]');
      expect(await page.textContent('.outbox-list li .outbox-state')).toBe(
        'Perlu diperbaiki: date: must not be before the case was opened',
      );
      await suite.checkScreen(watched, 'outbox-needs-correction', '.outbox-list li[data-state=needs-correction]');
      await page.click('.outbox-list li button.correct');
      await page.waitForSelector(`.outbox ${FOLLOW_UP_FORM}`);
      expect(await page.inputValue(`${FOLLOW_UP_FORM} textarea[name=notes]`)).toBe('Kunjungan ketiga');
      await suite.checkScreen(watched, 'outbox-correction', `.outbox ${FOLLOW_UP_FORM}`);
      await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, 'Kunjungan ketiga, diperbaiki');
      await page.click(`${FOLLOW_UP_FORM} button[type=submit]`);
      await page.waitForSelector('.outbox-empty');
      await page.waitForFunction(
        () => document.querySelector('.outbox > p.saved')?.textContent === 'Catatan yang diperbaiki sudah terkirim.',
      );
      expect(await followUpsOf(keptCase)).toBe(3);
      await page.unroute('**/follow-ups');

      // A follow-up made with no signal for a case reassigned before it could go: orphaned, kept.
      await openCase(page, leavingCase);
      await suite.stopApi();
      expect(await addFollowUp(page, 'Catatan untuk kasus yang pindah', 'double-tap')).toBe(SAVED_ON_PHONE);
      await suite.stored('UPDATE cases SET assigned_companion_id = $2 WHERE id = $1', [leavingCase, colleague]);
      await suite.restartApi();
      await goWithin(page, '/outbox');
      await page.click('button.send-now');
      await page.waitForSelector('.outbox-list li[data-state=orphaned]');
      expect(await page.textContent('.outbox-list li .outbox-state')).toMatch(
        /^Tidak punya tujuan:.*Hubungi koordinator/,
      );
      expect(await followUpsOf(leavingCase)).toBe(0);
      await suite.checkScreen(watched, 'outbox-orphaned', '.outbox-list li[data-state=orphaned]');

      // Sign-out is refused while it waits, unless she confirms discarding it.
      await page.click('header button:text-is("Keluar")');
      await page.waitForSelector('.sign-out-step');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Keluar dan buang catatan yang belum terkirim?',
      );
      await suite.checkScreen(watched, 'outbox-sign-out', '.sign-out-step');
      await page.click('.sign-out-step button:text-is("Jangan keluar")');
      await page.waitForSelector('.sign-out-step', { state: 'detached' });

      // Discarded after a confirm step, with the keyboard.
      await page.focus('.outbox-list li button.discard');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.discard-step');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Buang catatan ini?');
      await suite.checkScreen(watched, 'outbox-discard', '.discard-step');
      await page.focus('.discard-step button.primary');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.outbox-empty');
      expect(await page.textContent('.outbox .saved')).toBe('Catatan dibuang.');
      await suite.checkScreen(watched, 'outbox-empty', '.outbox-empty');
      expect(await followUpsOf(leavingCase)).toBe(0);
      expect(await followUpsOf(keptCase)).toBe(3);
    });
  }, 150_000);

  it("tells another tab's case page that a follow-up is being sent, and that it was delivered, without a reload", async () => {
    const { email, caseId } = suite.world.inTwoTabs;
    await suite.inContext(async ({ page, context }) => {
      await signIn(page, email, TEST_PASSWORD, 'nav');
      await setUpPhone(page);
      await openCase(page, caseId);
      const other = await unlockedTab(context);
      await openCase(other, caseId);

      // Added in the first tab with no signal: the second lists it among those not sent yet.
      await suite.stopApi();
      expect(await addFollowUp(page, 'Kunjungan dari tab pertama', 'click')).toBe(SAVED_ON_PHONE);
      const waiting = '.waiting-follow-ups li:has-text("Kunjungan dari tab pertama")';
      await other.waitForSelector(waiting);

      // The first tab's delivery held on its way to the API: the second says it is being sent.
      let holding = true;
      const held: Route[] = [];
      await page.route('**/follow-ups', async (route) => {
        if (holding && route.request().method() === 'POST') held.push(route);
        else await route.continue();
      });
      await suite.restartApi();
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await other.waitForSelector(`${waiting} .outbox-state:text-is("Sedang dikirim…")`);

      // Let through: the second tab's case page, read before, reads its follow-ups again.
      holding = false;
      for (const route of held) await route.continue().catch(() => undefined);
      await other.waitForSelector('.follow-ups li:has-text("Kunjungan dari tab pertama")');
      await other.waitForSelector('.waiting-follow-ups', { state: 'detached' });
      expect(await followUpsOf(caseId)).toBe(1);
      await page.unroute('**/follow-ups');
    });
  }, 180_000);
});
