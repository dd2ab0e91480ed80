/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';
import {
  ACTIVITY_FORM,
  addFollowUp,
  FOLLOW_UP_FORM,
  formList,
  goWithin,
  SAVED_ON_PHONE,
  savedText,
  setUpPhone,
  syncedToPhone,
  unlockWithPin,
} from './phone-steps';
import { approvedPlanItem, PLAN_ITEM_TITLE } from './phone-world';

/**
 * Offline capture (SPEC §12 "What works offline"): with the API process stopped (Playwright's
 * offline mode does not reach service workers), a companion unlocks her phone with the PIN, adds
 * two follow-ups to an assigned case and reports an activity on an item of her group's approved
 * plan, reached from the work plans screen. The records wait sealed in the outbox across a reload;
 * once the API is back and the page goes online, all three reach the server exactly once.
 */

describe('offline capture, in a real browser with the API stopped', () => {
  const suite = BrowserSuite.register('offline-capture', async (setup) => {
    const org = await createOrganisation(setup, 'Tangkap');
    const assigned = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    return {
      companion: { id: org.companionA.id, email: org.companionA.email },
      caseId: assigned.id as string,
      caseNumber: String(assigned.caseNumber),
      ...(await approvedPlanItem(setup, org)),
    };
  });

  const followUps = async () =>
    (await suite.stored<{ id: string }>('SELECT id FROM follow_ups WHERE case_id = $1', [suite.world.caseId])).map(
      (row) => row.id,
    );
  const activities = async () =>
    (
      await suite.stored<{ id: string }>('SELECT id FROM activity_reports WHERE plan_item_id = $1', [
        suite.world.itemId,
      ])
    ).map((row) => row.id);

  it('adds two follow-ups and an activity report with no signal; they wait across a reload and arrive exactly once', async () => {
    const { companion, caseId, caseNumber, planId, itemId } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, companion.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);

      // The set-up's sync keeps the plan item outside DK with its plan's id and title, nothing else.
      await syncedToPhone(page, { cases: [caseId], forms: ['plan-items'] });
      expect(await formList(page, 'plan-items')).toEqual([{ id: itemId, planId, title: PLAN_ITEM_TITLE }]);
      expect(await followUps()).toEqual([]);
      expect(await activities()).toEqual([]);

      await suite.stopApi();
      try {
        await page.reload();
        await unlockWithPin(page);
        await page.waitForSelector('nav');

        // Her case, read from the store, offers a follow-up and nothing else.
        await page.click('nav a[href="/"]');
        await page.focus(`.worklist a:has-text("${caseNumber}")`);
        await page.keyboard.press('Enter');
        await page.waitForSelector(FOLLOW_UP_FORM);
        await page.waitForSelector('.offline-note');
        expect(await page.$('#case-actions')).toBeNull();
        expect(await page.$('a[href$="/edit"]')).toBeNull();
        expect(await page.$('#case-referrals form')).toBeNull();
        await suite.checkScreen(watched, 'offline-case-follow-up-form', FOLLOW_UP_FORM);

        expect(await addFollowUp(page, 'Kunjungan tanpa sinyal pertama', 'keyboard')).toBe(SAVED_ON_PHONE);
        expect(await addFollowUp(page, 'Kunjungan tanpa sinyal kedua', 'keyboard')).toBe(SAVED_ON_PHONE);
        await page.waitForFunction(() => document.querySelectorAll('.waiting-follow-ups li').length === 2);
        const waiting = await page.textContent('.waiting-follow-ups');
        expect(waiting).toContain('Kunjungan tanpa sinyal pertama');
        expect(waiting).toContain('Kunjungan tanpa sinyal kedua');
        expect(waiting).toContain('Menunggu dikirim');
        await suite.checkScreen(watched, 'offline-case-waiting-follow-ups', '.waiting-follow-ups');

        // The work plans screen offline lists the item; its page takes an activity report.
        await page.click('nav a[href="/work-plans"]');
        await page.waitForSelector('.offline-plan-items');
        await suite.checkScreen(watched, 'offline-plan-items', '.offline-plan-items');
        await page.focus(`.offline-plan-items a:has-text("${PLAN_ITEM_TITLE}")`);
        await page.keyboard.press('Enter');
        await page.waitForSelector(ACTIVITY_FORM);
        await suite.checkScreen(watched, 'offline-plan-item', ACTIVITY_FORM);
        await page.focus(`${ACTIVITY_FORM} input[name=women]`);
        await page.keyboard.press('Control+A');
        await page.keyboard.type('7');
        await page.focus(`${ACTIVITY_FORM} textarea[name=summary]`);
        await page.keyboard.type('Penyuluhan tanpa sinyal.');
        await page.focus(`${ACTIVITY_FORM} button[type=submit]`);
        await page.keyboard.press('Enter');
        expect(await savedText(page, ACTIVITY_FORM)).toBe(SAVED_ON_PHONE);

        // A reload with the API still stopped: the PIN opens the phone and the three records wait.
        await page.reload();
        await unlockWithPin(page);
        await page.waitForSelector('.outbox-line a');
        expect(await page.textContent('.outbox-line a')).toBe('Belum terkirim: 3 catatan');
        await page.focus('.outbox-line a');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelectorAll('.outbox-list li').length === 3);
        expect(await followUps()).toEqual([]);
        expect(await activities()).toEqual([]);
      } finally {
        await suite.restartApi();
      }

      // The signal returns: the page renews, delivers the outbox, and each record arrives once.
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await page.waitForSelector('.outbox-empty');
      expect(await followUps()).toHaveLength(2);
      expect(await activities()).toHaveLength(1);

      // Sent again by nothing: another `online`, and the case page read from the API, change no count.
      const delivered = { followUps: (await followUps()).sort(), activities: await activities() };
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await goWithin(page, `/cases/${caseId}`);
      await page.waitForSelector('.follow-ups >> text=Kunjungan tanpa sinyal kedua');
      expect(await page.$('.waiting-follow-ups')).toBeNull();
      expect({ followUps: (await followUps()).sort(), activities: await activities() }).toEqual(delivered);
    });
  }, 240_000);
});
