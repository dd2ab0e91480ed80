/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import type { Watched } from './browser-harness';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';
import { markersOnDisk } from './phone-profile';
import {
  ACTIVITY_FORM,
  CAPTURE_SAVED,
  captureFollowUp,
  confirmCapturedFollowUp,
  fillIntakeRest,
  fillIntakeSurvivor,
  FOLLOW_UP_FORM,
  goWithin,
  setUpPhone,
  storeKeys,
  syncedToPhone,
  unlockWithPin,
} from './phone-steps';
import { approvedPlanItem, canaryMarkers, plantControl, serverCounts } from './phone-world';

/**
 * Capture-only mode of SPEC §12, end to end through a proxy it cuts: five wrong PINs end PIN
 * unlock; with no signal she still takes in a case and a follow-up, sealed to the phone's public
 * key, and the app is killed mid-way through a second follow-up. Nothing of it opens before an
 * online sign-in, and the closed profile holds no canary; once her password recovers the phone, the
 * review list shows all three (the unfinished one with what she typed), she attaches and confirms
 * them, and each arrives exactly once. Chosen at the lock screen by a companion who knows her PIN,
 * the mode keeps the PIN working, and the PIN's unlock opens the review list.
 */

const NEW_PIN = '86420975';
const WRONG_PINS = ['11112221', '11112222', '11112223', '11112224', '11112225'];

const CANARIES = {
  caseNote: 'Kanari catatan kasus Ibu Marta di Oesao',
  followUpNotes: 'Kanari kunjungan rumah pertama tanpa kunci',
  draftNote: 'Kanari catatan kasus kedua yang belum selesai',
  draftNotes: 'Kanari tindak lanjut yang diketik sebelum aplikasi mati',
  activitySummary: 'Kanari ringkasan penyuluhan tanpa kunci',
  discardedSummary: 'Kanari laporan yang akan dibuang',
  newSurvivorName: 'Kanari Agustina Selan',
  newNarrative: 'Kanari cerita kejadian di pasar',
};

/** Opens capture-only mode from the lock screen whose PIN copy is gone. */
async function openCapture(page: Page): Promise<void> {
  await page.waitForSelector('.phone-lock[data-state=pin-gone] .capture-without-unlocking');
  await page.click('.capture-without-unlocking');
  await page.waitForSelector('.capture-only');
}

describe('capture-only mode of SPEC §12, in a real browser through a proxy it cuts', () => {
  const suite = BrowserSuite.register(
    'capture-only',
    async (setup) => {
      const org = await createOrganisation(setup, 'Tangkap Saja');
      const assigned = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      const { itemId } = await approvedPlanItem(setup, org);
      const pinKept = await createCase(setup, org.companionB, newCaseBody(org.villages.b));
      return {
        pinKept: {
          email: org.companionB.email,
          caseId: pinKept.id as string,
          caseNumber: String(pinKept.caseNumber),
        },
        companion: { id: org.companionA.id, email: org.companionA.email },
        caseId: assigned.id as string,
        caseNumber: String(assigned.caseNumber),
        itemId,
        place: `group:${org.groups.a}:${org.villages.a}`,
      };
    },
    {},
    { throughProxy: true },
  );

  /** Closes the browser and searches its profile: no canary, while the planted control is found. */
  async function profileHoldsNoCanary(watched: Watched, folder: string): Promise<void> {
    await plantControl(watched.page);
    await watched.context.close();
    expect(Object.keys(markersOnDisk(folder, canaryMarkers(CANARIES))).sort()).toEqual(['control']);
  }

  it('takes in records with no DK, restores nothing before recovery, and delivers each once after review', async () => {
    const { companion, caseNumber, itemId, place } = suite.world;
    const folder = mkdtempSync(join(tmpdir(), 'pendamping-capture-'));
    let watched: Watched | undefined;
    try {
      watched = await suite.openOnDisk(folder);
      let page = watched.page;
      await signIn(page, companion.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page, 'HP tangkap');
      await syncedToPhone(page, { cases: [suite.world.caseId], forms: ['code-lists', 'plan-items'] });

      // No signal, and five wrong PINs: PIN unlock ends, capture-only mode is offered.
      suite.network.interrupt();
      await page.goto('/');
      for (const [index, wrong] of WRONG_PINS.entries()) {
        await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
        await page.fill('input[name=pin]', wrong);
        await page.press('input[name=pin]', 'Enter');
        const left = WRONG_PINS.length - index - 1;
        if (left > 0)
          await page.waitForFunction(
            (tries) =>
              document.querySelector('.phone-lock .alert')?.textContent === `PIN salah. Sisa percobaan: ${tries}.`,
            left,
          );
      }
      await openCapture(page);
      await suite.checkScreen(watched, 'capture-only', '.capture-only');

      // A new case, the whole intake from the lists kept outside DK.
      await page.click('.capture-only button[data-kind=intake]');
      await page.waitForSelector('.capture-form[data-kind=intake] input[name="survivor.name"]');
      expect(await page.$$('.duplicate-check')).toHaveLength(0);
      await fillIntakeSurvivor(page, CANARIES.newSurvivorName);
      await fillIntakeRest(page, place, CANARIES.newNarrative);
      await page.click('form.intake button[type=submit]');
      await page.waitForSelector(`.capture-form[data-kind=intake] > p.saved:text-is("${CAPTURE_SAVED}")`);
      await page.click('.capture-back');

      // Two activity reports, one for a plan item chosen from the ids and titles kept outside DK.
      await page.click('.capture-only button[data-kind=activity]');
      await page.waitForSelector(ACTIVITY_FORM);
      await suite.checkScreen(watched, 'capture-activity', ACTIVITY_FORM);
      await page.selectOption('select[name=item]', itemId);
      await page.fill(`${ACTIVITY_FORM} input[name=women]`, '7');
      await page.fill(`${ACTIVITY_FORM} textarea[name=summary]`, CANARIES.activitySummary);
      await page.click(`${ACTIVITY_FORM} button[type=submit]`);
      await page.waitForSelector(`${ACTIVITY_FORM} .saved:text-is("${CAPTURE_SAVED}")`);
      await page.fill(`${ACTIVITY_FORM} textarea[name=summary]`, CANARIES.discardedSummary);
      await page.click(`${ACTIVITY_FORM} button[type=submit]`);
      await page.waitForFunction(
        (form) => document.querySelector<HTMLTextAreaElement>(`${form} textarea[name=summary]`)?.value === '',
        ACTIVITY_FORM,
      );
      await page.click('.capture-back');

      // A follow-up, with her own note of the case, saved.
      await page.click('.capture-only button[data-kind=follow-up]');
      await page.waitForSelector(FOLLOW_UP_FORM);
      await suite.checkScreen(watched, 'capture-follow-up', FOLLOW_UP_FORM);
      await page.fill('textarea[name=note]', CANARIES.caseNote);
      await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
      await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, CANARIES.followUpNotes);
      await page.click(`${FOLLOW_UP_FORM} button[type=submit]`);
      await page.waitForSelector(`${FOLLOW_UP_FORM} .saved:text-is("${CAPTURE_SAVED}")`);
      expect(await page.inputValue('textarea[name=note]')).toBe('');

      // A second one typed, and the app killed (the browser closed) before it is saved.
      await page.fill('textarea[name=note]', CANARIES.draftNote);
      await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'phone_call');
      await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, CANARIES.draftNotes);
      const sealedBefore = await storeKeys(page, 'sealed');
      for (let attempt = 0; attempt < 40; attempt++) {
        if ((await storeKeys(page, 'sealed')).filter((name) => name.startsWith('capture/')).length === 5) break;
        await page.waitForTimeout(250);
      }
      // The last burst of typing is sealed after a short pause (use-capture.ts); the kill comes after it.
      await page.waitForTimeout(2000);
      const captured = (await storeKeys(page, 'sealed')).filter((name) => name.startsWith('capture/'));
      expect(captured).toHaveLength(5);
      expect(captured.every((name) => /^capture\/[0-9a-f-]{36}$/.test(name))).toBe(true);
      expect(sealedBefore.filter((name) => !name.startsWith('capture/')).length).toBeGreaterThan(0);
      expect(await storeKeys(page, 'forms')).toEqual(expect.not.arrayContaining([expect.stringMatching(/capture/)]));
      await profileHoldsNoCanary(watched, folder);

      // Opened again, still with no signal: three records wait, none can be read back.
      watched = await suite.openOnDisk(folder);
      page = watched.page;
      await page.goto('/');
      await openCapture(page);
      await page.waitForSelector('.capture-count:text-is("Catatan menunggu diperiksa: 5.")');
      await page.click('.capture-only button[data-kind=follow-up]');
      await page.waitForSelector(FOLLOW_UP_FORM);
      expect(await page.inputValue('textarea[name=note]')).toBe('');
      expect(await page.inputValue(`${FOLLOW_UP_FORM} textarea[name=notes]`)).toBe('');
      const shownLocked = (await page.textContent('body')) ?? '';
      for (const value of Object.values(CANARIES)) expect(shownLocked).not.toContain(value);
      await profileHoldsNoCanary(watched, folder);

      // Signal again: her password recovers the phone, and the review list opens with all three.
      suite.network.restore();
      watched = await suite.openOnDisk(folder);
      page = watched.page;
      await page.goto('/');
      await page.waitForSelector('.phone-lock[data-state=pin-gone] .forgot-pin');
      await page.click('.forgot-pin');
      await page.fill('.phone-recovery input[name=email]', companion.email);
      await page.fill('.phone-recovery input[name=password]', TEST_PASSWORD);
      await page.fill('.phone-recovery input[name=pin]', NEW_PIN);
      await page.fill('.phone-recovery input[name=pin-again]', NEW_PIN);
      await page.click('.phone-recovery button[type=submit]');
      // The sign-in, a new PIN's Argon2id and the first sync: slow on a loaded machine.
      await page.waitForSelector('.captured-list', { timeout: 90_000 });
      expect(new URL(page.url()).pathname).toBe('/captured');
      await page.waitForSelector('.captured-list > li:nth-child(5)');
      await suite.checkScreen(watched, 'captured-review', '.captured-list');
      const review = (await page.textContent('main')) ?? '';
      expect(review).toContain(CANARIES.caseNote);
      expect(review).toContain(CANARIES.draftNote);
      expect(review).toContain(CANARIES.draftNotes);
      expect(await serverCounts(suite)).toEqual([1, 0, 0]);

      // Sign-out counts the records waiting for review, not only the outbox's: refused unless she
      // confirms discarding all five.
      await page.click('header button:text-is("Keluar")');
      await page.waitForSelector('.sign-out-step');
      expect(await page.textContent('.sign-out-step')).toContain('(5)');
      await page.click('.sign-out-step button:text-is("Jangan keluar")');
      await page.waitForSelector('.sign-out-step', { state: 'detached' });
      await goWithin(page, '/captured');
      await page.waitForSelector('.captured-list > li:nth-child(5)');

      // The second report discarded behind its confirm step, with the keyboard: cancelled once, then confirmed.
      const discarded = `section[data-kind=activity]:has-text("${CANARIES.discardedSummary}")`;
      await page.focus(`${discarded} .captured-discard`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${discarded} .captured-discard-step`);
      await suite.checkScreen(watched, 'captured-discard', `${discarded} .captured-discard-step`);
      await page.click(`${discarded} .captured-discard-step button[type=button]`);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('captured-discard');
      await page.keyboard.press('Enter');
      await page.click(`${discarded} .captured-discard-step button[type=submit]`);
      await page.waitForSelector(discarded, { state: 'detached' });
      await page.waitForSelector('.captured-outcome:text-is("Catatan dibuang.")');

      // The first report, its plan item already chosen, confirmed.
      const report = `section[data-kind=activity]:has-text("${CANARIES.activitySummary}")`;
      expect(await page.inputValue(`${report} select[name=item]`)).toBe(itemId);
      await page.click(`${report} button[type=submit]`);
      await page.waitForSelector(report, { state: 'detached' });

      // Each follow-up attached to her case and confirmed: into the outbox, and delivered.
      const caseOption = await page.$eval(
        'section[data-kind=follow-up] select[name=case]',
        (select, wanted) =>
          [...(select as HTMLSelectElement).options].find((option) => option.text.includes(wanted))?.value ?? '',
        caseNumber,
      );
      for (const state of ['done', 'draft']) {
        const section = `section[data-kind=follow-up][data-state=${state}]`;
        await page.selectOption(`${section} select[name=case]`, caseOption);
        await page.click(`${section} button[type=submit]`);
        await page.waitForSelector(section, { state: 'detached' });
      }
      // The intake, confirmed at its last step.
      await page.click('section[data-kind=intake] button.primary');
      await page.waitForSelector('h2.step-title:text-is("Periksa lalu simpan")');
      expect((await page.textContent('main')) ?? '').toContain(CANARIES.newSurvivorName);
      await page.click('form.intake button[type=submit]');
      await page.waitForFunction(() => !location.pathname.startsWith('/captured'));
      await goWithin(page, '/captured');
      await page.waitForSelector('.captured-empty');
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-empty', { timeout: 60_000 });
      expect(await serverCounts(suite)).toEqual([2, 2, 1]);
      const notes = await suite.stored<{ n: number }>(
        'SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1 AND type IN ($2, $3)',
        [suite.world.caseId, 'home_visit', 'phone_call'],
      );
      expect(notes[0]!.n).toBe(2);
      expect((await storeKeys(page, 'sealed')).filter((name) => name.startsWith('capture/'))).toEqual([]);
    } finally {
      await watched?.context.close();
      suite.network.restore();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 400_000);

  it('capture-only chosen beside the PIN: the PIN still opens the phone, on the review list, and the record is delivered once', async () => {
    const { email, caseId, caseNumber } = suite.world.pinKept;
    const followUpsOfCase = async () =>
      (await suite.stored<{ n: number }>('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', [caseId]))[0]!
        .n;
    await suite.inContext(async ({ page }) => {
      await signIn(page, email, TEST_PASSWORD, '.worklist');
      await setUpPhone(page, 'HP dengan PIN');
      await syncedToPhone(page, { cases: [caseId] });

      // Locked, she takes a follow-up in without unlocking; the PIN copy stays.
      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=pin]');
      await captureFollowUp(page, 'Catatan kasus tanpa membuka kunci', 'Kunjungan dicatat di layar kunci');
      expect(await page.$('.phone-lock[data-state=pin] input[name=pin]')).not.toBeNull();
      expect(await storeKeys(page, 'keys')).toContain('dk-by-pin');

      // The PIN opens the phone on the review list, which shows it; confirmed, it is delivered once.
      await unlockWithPin(page);
      await page.waitForSelector('.captured-list > li');
      expect(new URL(page.url()).pathname).toBe('/captured');
      expect(await page.$$('.captured-list > li')).toHaveLength(1);
      expect(await page.textContent('.captured-list')).toContain('Catatan kasus tanpa membuka kunci');
      expect(await followUpsOfCase()).toBe(0);
      await confirmCapturedFollowUp(page, 'Kunjungan dicatat di layar kunci', caseNumber);
      expect(await followUpsOfCase()).toBe(1);
      expect((await storeKeys(page, 'sealed')).filter((name) => name.startsWith('capture/'))).toEqual([]);
      await goWithin(page, '/captured');
      await page.waitForSelector('.captured-empty');
    });
  }, 180_000);
});
