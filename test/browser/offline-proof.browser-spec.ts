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
import { filesUnder, markersOnDisk, textForms } from './phone-profile';
import {
  ACTIVITY_FORM,
  addFollowUp,
  fillIntakeRest,
  fillIntakeSurvivor,
  FOLLOW_UP_FORM,
  goWithin,
  openCase,
  SAVED_ON_PHONE,
  savedText,
  setUpPhone,
  syncedToPhone,
  unlockWithPin,
} from './phone-steps';
import { approvedPlanItem, canaryMarkers, plantControl, serverCounts } from './phone-world';

/**
 * The proof of SPEC §12, end to end through a TCP proxy in front of the API (Playwright's offline
 * mode does not reach service workers; a proxy cuts everything): with the network off a companion
 * unlocks her phone, takes in a case, adds two follow-ups and an activity report, reloads and unlocks again; when
 * the network returns everything arrives exactly once, also when an answer is lost on its way back
 * and when the API is killed (SIGKILL) during the upload. After each step, with the browser closed,
 * no canary of an identifying or sensitive field, and no refresh token, is found in the profile
 * folder, searched as bytes in UTF-8 and UTF-16, with a positive control the search must find,
 * planted before the first canary so it lies wherever they may lie.
 */

/** Values of identifying and sensitive fields: the survivor's, and what she types offline. */
const CANARIES = {
  survivorName: 'Kanari Wulan Tapenu',
  survivorPhone: '+62 812 4477 9911',
  firstNote: 'Catatan kanari pertama di Oesao',
  secondNote: 'Catatan kanari kedua di Oesao',
  thirdNote: 'Catatan kanari ketiga setelah mati',
  activitySummary: 'Ringkasan kanari penyuluhan Oesao',
  newSurvivorName: 'Kanari Yuliana Baun',
  newNarrative: 'Cerita kanari kejadian di kebun',
};

/** The whole intake, step by step, from the lists the phone keeps; saved into the outbox. */
async function takeInCase(page: Page, place: string): Promise<void> {
  await goWithin(page, '/cases/new');
  await page.waitForSelector('.intake-from-phone');
  await fillIntakeSurvivor(page, CANARIES.newSurvivorName);
  await fillIntakeRest(page, place, CANARIES.newNarrative);
  await page.click('form.intake button[type=submit]');
  await page.waitForSelector('.outbox-list li .card-title:text-is("Kasus baru")');
}

/** The PIN typed at the lock, and the signed-in frame back. */
async function unlocked(page: Page): Promise<void> {
  await unlockWithPin(page);
  await page.waitForSelector('nav');
}

describe('the offline proof of SPEC §12, in a real browser through a proxy it cuts', () => {
  const suite = BrowserSuite.register(
    'offline-proof',
    async (setup) => {
      const org = await createOrganisation(setup, 'Bukti');
      const assigned = await createCase(
        setup,
        org.companionA,
        newCaseBody(org.villages.a, {
          survivor: { sex: 'female', name: CANARIES.survivorName, phone: CANARIES.survivorPhone },
        }),
      );
      return {
        companion: { id: org.companionA.id, email: org.companionA.email },
        caseId: assigned.id as string,
        caseNumber: String(assigned.caseNumber),
        ...(await approvedPlanItem(setup, org)),
        place: `group:${org.groups.a}:${org.villages.a}`,
      };
    },
    {},
    { throughProxy: true },
  );

  /** Every refresh token the server gave this phone, read off the answers as the page received them. */
  const refreshTokens = new Set<string>();
  const collectRefreshTokens = (watched: Watched) =>
    watched.page.on('response', (response) => {
      if (!/\/api\/v1\/(auth\/refresh|auth\/login|devices)/.test(response.url())) return;
      void response
        .json()
        .then((body: { refreshToken?: string }) => body.refreshToken && refreshTokens.add(body.refreshToken))
        .catch(() => undefined);
    });

  /**
   * Closes the browser (everything it kept is then on disk) and searches the profile folder: no
   * canary and no refresh token, while the control planted at the start is found (where, printed).
   * The search reads bytes as written: LevelDB's write-ahead logs hold values whole, its compacted
   * tables (`.ldb`) Snappy-compressed, where a value may be cut into back-references. The profile
   * holds no such table at this volume (a reopened store goes on in its log); should one appear,
   * the test fails here rather than search it blind.
   */
  async function profileHoldsNothingReadable(watched: Watched, folder: string, after: string): Promise<void> {
    await watched.context.close();
    const markers = canaryMarkers(CANARIES);
    [...refreshTokens].forEach((token, index) => (markers[`refreshToken${index}`] = textForms(token)));
    const found = markersOnDisk(folder, markers);
    console.log(`offline-proof, ${after}: the control found in ${found.control?.join(', ')}`);
    expect(Object.keys(found).sort()).toEqual(['control']);
    expect(filesUnder(folder).filter((file) => file.endsWith('.ldb'))).toEqual([]);
  }

  it('records made with no signal arrive exactly once, across a reload, a lost answer and a killed API; the profile holds nothing readable', async () => {
    const { companion, caseNumber, planId, itemId, place } = suite.world;
    const folder = mkdtempSync(join(tmpdir(), 'pendamping-proof-'));
    let watched: Watched | undefined;
    try {
      watched = await suite.openOnDisk(folder);
      collectRefreshTokens(watched);
      let page = watched.page;
      await signIn(page, companion.email, TEST_PASSWORD, '.worklist');
      // Planted before any canary is written, the control goes through every flush and compaction
      // of the browser's LevelDB stores the canaries go through, into the same Snappy-compressed
      // tables (`.ldb`), so finding it proves the byte search reads those too.
      await plantControl(page);
      await serviceWorkerReady(page);
      await setUpPhone(page, 'HP bukti');
      // Closing the browser before the set-up's sync is done would leave the phone without its lists.
      await syncedToPhone(page, { cases: [suite.world.caseId], forms: ['plan-items'] });
      await profileHoldsNothingReadable(watched, folder, 'the set-up');

      // Network off: the app opens from its precache, the PIN unlocks it, and she works.
      suite.network.interrupt();
      watched = await suite.openOnDisk(folder);
      collectRefreshTokens(watched);
      page = watched.page;
      await page.goto('/');
      await unlocked(page);
      await page.focus(`.worklist a:has-text("${caseNumber}")`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(FOLLOW_UP_FORM);
      expect(await page.textContent('h1')).toContain(caseNumber);
      expect(await page.textContent('main')).toContain(CANARIES.survivorName);
      expect(await addFollowUp(page, CANARIES.firstNote)).toBe(SAVED_ON_PHONE);
      expect(await addFollowUp(page, CANARIES.secondNote)).toBe(SAVED_ON_PHONE);
      await goWithin(page, `/work-plans/${planId}/items/${itemId}`);
      await page.waitForSelector(ACTIVITY_FORM);
      await page.fill(`${ACTIVITY_FORM} input[name=women]`, '6');
      await page.fill(`${ACTIVITY_FORM} textarea[name=summary]`, CANARIES.activitySummary);
      await page.click(`${ACTIVITY_FORM} button[type=submit]`);
      expect(await savedText(page, ACTIVITY_FORM)).toBe(SAVED_ON_PHONE);

      await takeInCase(page, place);

      // A reload, still with no signal: the PIN opens the phone again and the four records wait.
      await page.reload();
      await unlocked(page);
      await page.waitForSelector('.outbox-line a');
      expect(await page.textContent('.outbox-line a')).toBe('Belum terkirim: 4 catatan');
      expect(await serverCounts(suite)).toEqual([1, 0, 0]);
      await profileHoldsNothingReadable(watched, folder, 'the offline work');

      // The network returns, and the first follow-up's answer is lost on its way back: the server
      // has it, the phone sends it again and is answered 200 {id}; each record arrives once (the
      // case taken in offline goes alone in its queue; the follow-ups are of the synced case).
      watched = await suite.openOnDisk(folder);
      collectRefreshTokens(watched);
      page = watched.page;
      await page.goto('/');
      await unlocked(page);
      const repeats: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/follow-ups') && response.request().method() === 'POST')
          repeats.push(response.status());
      });
      suite.network.loseNextAnswerTo('/follow-ups HTTP');
      await suite.network.restore();
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-empty', { timeout: 60_000 });
      expect(await serverCounts(suite)).toEqual([2, 2, 1]);
      // The page heard one follow-up created and the other's repeat, answered 200 {id}: its 201 was lost.
      expect(repeats.sort()).toEqual([200, 201]);

      // Killed during the upload: the API dies (SIGKILL) as a follow-up reaches it, and comes back;
      // the record arrives once.
      suite.network.interrupt();
      await openCase(page, suite.world.caseId);
      expect(await addFollowUp(page, CANARIES.thirdNote)).toBe(SAVED_ON_PHONE);
      const killed = new Promise<void>((done) =>
        suite.network.onNextRequest('/follow-ups HTTP', () => void suite.killApi().then(done)),
      );
      await suite.network.restore();
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await killed;
      await suite.restartApi();
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-empty', { timeout: 90_000 });
      expect(await serverCounts(suite)).toEqual([2, 3, 1]);
      await profileHoldsNothingReadable(watched, folder, 'the delivery');
    } finally {
      await watched?.context.close();
      await suite.network.restore();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
