/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { cacheStorageEntries, precacheResponses, precacheSize } from './browser-harness';
import { BrowserSuite, PRECACHE_BUDGET_GZIP_BYTES, serviceWorkerReady, signIn, typeCredentials } from './browser-suite';

/** Paths whose answers the service worker must never keep (SPEC §12): the API, its documentation, health. */
const NEVER_CACHED = /^\/(api|docs|health)(\/|$|-)/;

/**
 * The service worker (SPEC §12): after one visit with the network, the app opens from its precache
 * with the API process stopped (Playwright's offline mode does not reach service workers, so the
 * server itself is gone), and no API answer was ever kept in Cache Storage.
 */
describe('the offline app shell', () => {
  const suite = BrowserSuite.register('offline shell', async (setup) => {
    const org = await createOrganisation(setup, 'Offline shell');
    const created = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    return { companion: { email: org.companionA.email, caseNumber: created.caseNumber, caseId: created.id as string } };
  });

  it('opens from the precache with the API stopped, and keeps no API answer', async () => {
    await suite.inContext(async (watched) => {
      const { page } = watched;
      const { companion } = suite.world;
      await page.goto('/');
      await page.waitForSelector('input[name=email]');
      await suite.withinBudget(watched, 'sign-in');
      await typeCredentials(page, companion.email, TEST_PASSWORD);
      await page.waitForSelector(`.worklist >> text=${companion.caseNumber}`);
      await page.click(`.worklist >> text=${companion.caseNumber}`);
      await page.waitForSelector('#case-follow-ups');
      await serviceWorkerReady(page);

      // The service worker's own downloads were seen, the app's script among them, which the page
      // also loaded (once, on its one load): the page's own responses hold it once.
      const mainScript = /\/assets\/index-.*\.js$/;
      expect(precacheResponses(watched).map((response) => response.url())).toContainEqual(
        expect.stringMatching(mainScript),
      );
      expect(watched.pageResponses().filter((response) => mainScript.test(response.url()))).toHaveLength(1);

      const size = await precacheSize(page);
      console.log(
        `precache: ${size.files} files, ${(size.rawBytes / 1024).toFixed(1)} KB raw, ` +
          `${(size.gzipBytes / 1024).toFixed(1)} KB gzip (budget ${PRECACHE_BUDGET_GZIP_BYTES / 1024} KB)`,
      );
      expect({ gzipBytes: size.gzipBytes, overBudget: size.gzipBytes > PRECACHE_BUDGET_GZIP_BYTES }).toEqual({
        gzipBytes: size.gzipBytes,
        overBudget: false,
      });

      // What Cache Storage holds: the app's files (the inspection sees them), no API answer although
      // the page had many, and no other role's screens.
      const cached = (await cacheStorageEntries(page)).map((entry) => new URL(entry.url).pathname);
      expect(cached).toEqual(expect.arrayContaining(['/index.html', expect.stringMatching(mainScript)]));
      expect(watched.responses.some((response) => NEVER_CACHED.test(new URL(response.url()).pathname))).toBe(true);
      expect(cached.filter((path) => NEVER_CACHED.test(path))).toEqual([]);
      expect(cached.filter((path) => /\/(admin|report)-screens-|\/qrcode-/.test(path))).toEqual([]);

      await suite.stopApi();
      try {
        const reloaded = await page.reload();
        expect(reloaded?.fromServiceWorker()).toBe(true);
        // Without the API no session resumes: the app shell shows the sign-in form.
        await page.waitForSelector('input[name=email]');
        await suite.checkScreen(watched, 'offline-sign-in', 'input[name=email]');

        // Any path of the app opens the shell; an API path is answered from no cache.
        const deepLink = await page.goto(`/cases/${companion.caseId}`);
        expect(deepLink?.fromServiceWorker()).toBe(true);
        await page.waitForSelector('input[name=email]');
        for (const path of ['/api/v1/code-lists', '/api?x', '/health?x'])
          await expect(page.goto(path)).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
      } finally {
        await suite.restartApi();
      }
    });
  }, 240_000);

  it('asks a companion’s browser to keep its storage and says on her account whether it does', async () => {
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, suite.world.companion.email, TEST_PASSWORD, '.worklist');
      await page.click('header >> text=Akun saya');
      await page.waitForSelector('.storage p:not(:empty)');
      const persisted = await page.evaluate(() => navigator.storage.persisted());
      expect(await page.textContent('.storage p')).toBe(
        persisted
          ? 'Browser ini menyimpan data Pendamping secara tetap: data tidak dihapus walaupun ruang penyimpanan menipis.'
          : 'Browser ini belum menyimpan data Pendamping secara tetap: data bisa dihapus kalau ruang penyimpanan menipis. Memasang Pendamping di layar utama membantu.',
      );
      await suite.checkScreen(watched, 'account-storage', '.storage p:not(:empty)');
    });
  }, 120_000);

  it('sign-out clears Cache Storage (Clear-Site-Data), so nothing of the session outlives it', async () => {
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, suite.world.companion.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await page.evaluate(async () => (await caches.open('marker')).put('/marker', new Response('kept?')));
      expect(await page.evaluate(() => caches.keys())).toContain('marker');
      const signedOut = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/logout'));
      await page.click('header >> text=Keluar');
      expect((await (await signedOut).allHeaders())['clear-site-data']).toBe('"cache", "storage"');
      await page.waitForSelector('input[name=email]');
      expect(await page.evaluate(() => caches.keys())).not.toContain('marker');
    });
  }, 120_000);
});
