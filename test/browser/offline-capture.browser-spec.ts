/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { addItem, createPlan, itemBody, step } from '../support/work-plans';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';

/**
 * Offline capture (SPEC §12 "What works offline"): with the API process stopped (Playwright's
 * offline mode does not reach service workers), a companion unlocks her phone with the PIN, adds
 * two follow-ups to an assigned case and reports an activity on an item of her group's approved
 * plan, reached from the work plans screen. The records wait sealed in the outbox across a reload;
 * once the API is back and the page goes online, all three reach the server exactly once.
 */

const PIN = '86421357';
const PHONE_DB = 'pendamping-phone';
const FOLLOW_UP_FORM = 'form[aria-labelledby=follow-up-form-title]';
const ACTIVITY_FORM = 'form[aria-labelledby=activity-form-title]';
const SAVED_ON_PHONE = 'Tersimpan di ponsel ini; akan dikirim saat ada sinyal.';

/** A form list of the phone's `forms` store (outside DK), as stored. */
const formList = (page: Page, name: string) =>
  page.evaluate(
    ([database, wanted]) =>
      new Promise<unknown>((resolve, reject) => {
        const opening = indexedDB.open(database);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const request = opening.result.transaction('forms').objectStore('forms').get(wanted);
          request.onsuccess = () => {
            opening.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [PHONE_DB, name] as const,
  );

async function unlockWithPin(page: Page): Promise<void> {
  await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
  await page.fill('input[name=pin]', PIN);
  await page.press('input[name=pin]', 'Enter');
}

/** What the form says once saved. */
const savedText = async (page: Page, form: string): Promise<string> => {
  await page.waitForFunction(
    (selector) => (document.querySelector(`${selector} .saved`)?.textContent ?? '') !== '',
    form,
  );
  return (await page.textContent(`${form} .saved`)) ?? '';
};

/** A follow-up added with the keyboard on the case page open now; what the form says once saved. */
async function addFollowUp(page: Page, notes: string): Promise<string> {
  await page.focus(`${FOLLOW_UP_FORM} select[name=type]`);
  await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
  await page.focus(`${FOLLOW_UP_FORM} textarea[name=notes]`);
  await page.keyboard.type(notes);
  await page.focus(`${FOLLOW_UP_FORM} button[type=submit]`);
  await page.keyboard.press('Enter');
  const said = await savedText(page, FOLLOW_UP_FORM);
  // The form is blank again for the next one.
  await page.waitForFunction(
    (form) => document.querySelector<HTMLTextAreaElement>(`${form} textarea[name=notes]`)?.value === '',
    FOLLOW_UP_FORM,
  );
  return said;
}

describe('offline capture, in a real browser with the API stopped', () => {
  const year = new Date().getUTCFullYear();
  const suite = BrowserSuite.register('offline-capture', async (setup) => {
    const org = await createOrganisation(setup, 'Tangkap');
    const assigned = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    const plan = await createPlan(setup, org.companionA, { groupId: org.groups.a, year });
    const item = await addItem(setup, org.companionA, plan.id, itemBody({ title: 'Penyuluhan di balai desa' }));
    await step(setup, org.companionA, plan.id, 'submit');
    await step(setup, org.coordinatorA, plan.id, 'approve');
    return {
      companion: { id: org.companionA.id, email: org.companionA.email },
      caseId: assigned.id as string,
      caseNumber: String(assigned.caseNumber),
      planId: plan.id as string,
      itemId: item.id as string,
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
      await page.click('.who a');
      await page.waitForSelector('.phone-setup');
      await page.fill('input[name=label]', 'HP lapangan');
      await page.fill('input[name=pin]', PIN);
      await page.fill('input[name=pin-again]', PIN);
      await page.click('.phone-setup button[type=submit]');
      await page.waitForSelector('.account-setup p.saved');

      // The set-up's sync keeps the plan item outside DK with its plan's id and title, nothing else.
      let items: unknown;
      for (let attempt = 0; attempt < 60; attempt++) {
        items = await formList(page, 'plan-items');
        if (Array.isArray(items) && items.length > 0) break;
        await page.waitForTimeout(250);
      }
      expect(items).toEqual([{ id: itemId, planId, title: 'Penyuluhan di balai desa' }]);
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

        expect(await addFollowUp(page, 'Kunjungan tanpa sinyal pertama')).toBe(SAVED_ON_PHONE);
        expect(await addFollowUp(page, 'Kunjungan tanpa sinyal kedua')).toBe(SAVED_ON_PHONE);
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
        await page.focus('.offline-plan-items a:has-text("Penyuluhan di balai desa")');
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
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/cases/${caseId}`);
      await page.waitForSelector('.follow-ups >> text=Kunjungan tanpa sinyal kedua');
      expect(await page.$('.waiting-follow-ups')).toBeNull();
      expect({ followUps: (await followUps()).sort(), activities: await activities() }).toEqual(delivered);
    });
  }, 240_000);
});
