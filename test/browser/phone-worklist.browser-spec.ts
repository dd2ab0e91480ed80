/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { addFollowUp, createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';
import { goWithin, PHONE_DB, setUpPhone, storeKeys, syncedToPhone, unlockWithPin } from './phone-steps';

/**
 * The offline worklist drawn from the cases' sealed summaries alone (SPEC §11 "my cases", §12
 * "What the phone holds"): a companion with many synced cases, the API stopped. Every value the
 * page decrypts is recorded by its place (the associated data of AES-GCM, `sealed/<name>`), so the
 * test sees that drawing the list opens `case-summary/<id>` and never `case/<id>`. A case
 * reassigned meanwhile leaves the phone with its summary; summaries taken out (a phone synced by
 * an older app) are written back by the next sync. The time to draw the list is printed, with the
 * CPU slowed as on a cheap phone, and never asserted (the machine is shared).
 */

const CASES = 200;
/** Chromium's CPU throttling while the list is drawn: a cheap phone is several times slower than this machine. */
const SLOWER = 4;
const DRAWS = 3;

type Recorded = Window & { openedPlaces: string[] };

/** Records the place of every value the page decrypts, from its first script on. */
const recordDecryptions = (page: Page) =>
  page.addInitScript(() => {
    const recorded = window as unknown as Recorded;
    recorded.openedPlaces = [];
    const decrypt = SubtleCrypto.prototype.decrypt;
    SubtleCrypto.prototype.decrypt = function (algorithm, key, data) {
      const associated = (algorithm as AesGcmParams).additionalData;
      if (associated) recorded.openedPlaces.push(new TextDecoder().decode(associated as ArrayBuffer));
      return decrypt.call(this, algorithm, key, data);
    };
  });

const openedPlaces = (page: Page) =>
  page.evaluate(() => (window as unknown as Recorded).openedPlaces.splice(0) as string[]);

const drawnNumbers = (page: Page) =>
  page.$$eval('.worklist .case-number', (cells) => cells.map((cell) => cell.textContent));

const sealedUnder = async (page: Page, prefix: string) =>
  (await storeKeys(page, 'sealed'))
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length))
    .sort();

/** The summaries taken out of the store, as on a phone whose cases were synced before summaries existed. */
const dropSummaries = (page: Page) =>
  page.evaluate(
    (database) =>
      new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open(database);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const transaction = opening.result.transaction('sealed', 'readwrite');
          transaction.objectStore('sealed').delete(IDBKeyRange.bound('case-summary/', 'case-summary/\uffff'));
          transaction.oncomplete = () => {
            opening.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    PHONE_DB,
  );

describe('the offline worklist, drawn from case summaries, in a real browser with the API stopped', () => {
  const suite = BrowserSuite.register('phone-worklist', async (setup) => {
    const org = await createOrganisation(setup, 'Daftar kasus');
    const ids: string[] = [];
    for (let made = 0; made < CASES; made++)
      ids.push(String((await createCase(setup, org.companionA, newCaseBody(org.villages.a))).id));
    // Two follow-ups due put two later cases first, as the server orders the worklist.
    await addFollowUp(setup, org.companionA, ids[150]!, { dueDate: '2026-12-20' });
    await addFollowUp(setup, org.companionA, ids[100]!, { dueDate: '2026-12-10' });
    return { email: org.companionA.email, colleague: org.companionB.id, ids };
  });

  it(`draws ${CASES} synced cases from their summaries alone, in the server’s order; prints how long it took`, async () => {
    const { email, colleague, ids } = suite.world;
    const moved = ids[7]!;
    await suite.inContext(async ({ page, context }) => {
      await recordDecryptions(page);
      await signIn(page, email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      const onlineOrder = await drawnNumbers(page);
      await setUpPhone(page);
      await syncedToPhone(page, { cases: ids });

      await suite.stopApi();
      try {
        await page.reload();
        await unlockWithPin(page);
        await page.waitForSelector('nav');
        await openedPlaces(page);
        const cdp = await context.newCDPSession(page);
        const drawTimes: number[] = [];
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWER });
        for (let draw = 0; draw < DRAWS; draw++) {
          await goWithin(page, '/outbox');
          await page.waitForSelector('.outbox');
          const started = performance.now();
          await page.click('nav a[href="/"]');
          await page.waitForFunction((count) => document.querySelectorAll('.worklist li').length === count, CASES, {
            polling: 'raf',
          });
          drawTimes.push(performance.now() - started);
        }
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        const opened = await openedPlaces(page);
        const offlineOrder = await drawnNumbers(page);
        console.log(
          `phone-worklist: ${CASES} synced cases drawn offline at ${SLOWER}x CPU slowdown in ` +
            `${drawTimes.map((ms) => Math.round(ms)).join(', ')} ms (median ${Math.round([...drawTimes].sort((a, b) => a - b)[1]!)} ms)`,
        );

        // Summaries only: every case's, never a case whole; the phone logs no device read.
        expect(opened.filter((place) => place.startsWith('sealed/case/'))).toEqual([]);
        expect([...new Set(opened.filter((place) => place.startsWith('sealed/case-summary/')))].sort()).toEqual(
          ids.map((id) => `sealed/case-summary/${id}`).sort(),
        );
        expect(await sealedUnder(page, 'device-read/')).toEqual([]);
        // The server's order, as the online worklist's first page showed it.
        expect(offlineOrder.slice(0, onlineOrder.length)).toEqual(onlineOrder);

        // Meanwhile the server gives one of her cases to a colleague.
        await suite.stored(`UPDATE cases SET assigned_companion_id = $2, updated_at = now() WHERE id = $1`, [
          moved,
          colleague,
        ]);
      } finally {
        await suite.restartApi();
      }

      // The signal returns and the page syncs: the reassigned case leaves the phone with its summary.
      const kept = ids.filter((id) => id !== moved);
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await page.waitForSelector('.offline-note', { state: 'detached' });
      await syncedToPhone(page, { cases: kept });
      expect(await sealedUnder(page, 'case-summary/')).toEqual([...kept].sort());

      // A phone whose cases were synced before summaries existed: the next sync writes them back.
      await dropSummaries(page);
      expect(await sealedUnder(page, 'case-summary/')).toEqual([]);
      await page.click('header >> text=Kunci');
      await unlockWithPin(page);
      await page.waitForSelector('nav');
      for (let attempt = 0; attempt < 240 && (await sealedUnder(page, 'case-summary/')).length < kept.length; attempt++)
        await page.waitForTimeout(250);
      expect(await sealedUnder(page, 'case-summary/')).toEqual([...kept].sort());
    });
  }, 300_000);
});
