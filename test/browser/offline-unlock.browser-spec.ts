/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';
import {
  addFollowUp,
  goWithin,
  openCase,
  PHONE_DB,
  phoneStoreExists,
  setUpPhone,
  storeKeys,
  syncedToPhone,
  unlockWithPin,
} from './phone-steps';

/**
 * Offline unlock and the phone's sync (SPEC §12 "Sync", "Lock and unlock", "The offline window"):
 * a companion's phone syncs her cases at set-up; with the API stopped (Playwright's offline mode
 * does not reach service workers) the app opens from its precache, the PIN unlocks it, and her
 * worklist and a case are read from the store. With the API back the page goes online by itself
 * and syncs, and a case reassigned meanwhile leaves the phone. A clock a little behind still
 * unlocks; one set back more than 5 minutes ends PIN unlock and asks for recovery.
 */

describe('offline unlock and the phone’s sync, in a real browser with the API stopped', () => {
  const suite = BrowserSuite.register(
    'offline-unlock',
    async (setup) => {
      const org = await createOrganisation(setup, 'Tanpa sinyal');
      const kept = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      const moved = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      const promotedCase = await createCase(setup, org.companionB, newCaseBody(org.villages.b));
      const ref = (created: Record<string, unknown>) => ({
        id: String(created.id),
        number: String(created.caseNumber),
      });
      return {
        companion: { id: org.companionA.id, email: org.companionA.email },
        colleague: org.companionB.id,
        promoted: { id: org.companionB.id, email: org.companionB.email, caseId: String(promotedCase.id) },
        kept: ref(kept),
        moved: ref(moved),
      };
      // A role changed in the database keeps its session: here the one without offline work needs no
      // second factor, so the phone's session reaches `/me/abilities` and the rules decide.
    },
    { MFA_REQUIRED_ROLES: 'org_admin' },
  );

  const lastSync = async (userId: string): Promise<number> => {
    const [row] = await suite.stored<{ at: Date | null }>('SELECT last_sync_at AS at FROM devices WHERE user_id = $1', [
      userId,
    ]);
    return row?.at ? row.at.getTime() : 0;
  };

  it('unlocks with no network, reads the synced cases, goes online by itself and syncs; the window ends on a clock set back', async () => {
    const { companion, colleague, kept, moved } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, companion.email, TEST_PASSWORD, '.worklist');
      await serviceWorkerReady(page);
      await setUpPhone(page);

      // The set-up's sync: both her cases sealed, the form lists kept, the phone's last sync recorded.
      await syncedToPhone(page, { cases: [kept.id, moved.id] });
      const firstSync = await lastSync(companion.id);
      expect(firstSync).toBeGreaterThan(0);

      // No network: the API process is gone. The app opens from the precache at the PIN lock.
      await suite.stopApi();
      try {
        const reloaded = await page.reload();
        expect(reloaded?.fromServiceWorker()).toBe(true);
        // The frame opens where she was (her account), with her name and navigation from the store.
        await unlockWithPin(page);
        await page.waitForSelector('.who >> text=Test companion');
        await page.click('nav a[href="/"]');
        await page.waitForSelector(`.worklist >> text=${kept.number}`);
        await page.waitForSelector(`.worklist >> text=${moved.number}`);
        expect(await page.textContent('.offline-note')).toContain('Tanpa sinyal');
        expect(await page.$('nav')).not.toBeNull();
        await suite.checkScreen(watched, 'phone-offline-worklist', '.worklist');

        // A case page, read from the store: its follow-ups, no history, no action.
        await page.click(`.worklist >> text=${kept.number}`);
        await page.waitForSelector('#case-follow-ups');
        await page.waitForSelector('.offline-note');
        expect(await page.$('#case-actions')).toBeNull();
        expect(await page.$('a[href$="/edit"]')).toBeNull();
        await suite.checkScreen(watched, 'phone-offline-case', '#case-follow-ups');

        // Meanwhile the server gives one of her cases to a colleague.
        await suite.stored(`UPDATE cases SET assigned_companion_id = $2, updated_at = now() WHERE id = $1`, [
          moved.id,
          colleague,
        ]);
      } finally {
        await suite.restartApi();
      }

      // The signal returns: the page renews with its sealed token, goes online and syncs, without a reload.
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await page.waitForSelector('.offline-note', { state: 'detached' });
      await syncedToPhone(page, { cases: [kept.id] });
      for (let attempt = 0; attempt < 40 && (await lastSync(companion.id)) <= firstSync; attempt++)
        await page.waitForTimeout(250);
      expect(await lastSync(companion.id)).toBeGreaterThan(firstSync);
      await page.click('nav a[href="/"]');
      await page.waitForSelector(`.worklist >> text=${kept.number}`);
      expect(await page.$(`.worklist >> text=${moved.number}`)).toBeNull();

      // A phone clock 2 minutes behind the latest reading (and the server) still unlocks.
      const now = Date.now();
      await page.click('header >> text=Kunci');
      await page.waitForSelector('.phone-lock[data-state=pin]');
      await page.clock.install({ time: now - 2 * 60_000 });
      await page.reload();
      await unlockWithPin(page);
      await page.waitForSelector(`.worklist >> text=${kept.number}`);

      // Set back more than 5 minutes: PIN unlock ends before any PIN is tried, and recovery is asked.
      await page.click('header >> text=Kunci');
      await page.waitForSelector('.phone-lock[data-state=pin]');
      await page.clock.setSystemTime(now - 10 * 60_000);
      await page.reload();
      await page.waitForSelector('.phone-lock[data-state=window-closed]');
      expect(await page.textContent('.phone-lock p')).toContain('Jam ponsel ini dimundurkan');
      expect(await page.$('input[name=pin]')).toBeNull();
      expect(await page.$('.phone-lock .forgot-pin')).not.toBeNull();
      expect(await storeKeys(page, 'keys')).not.toContain('dk-by-pin');
      await suite.checkScreen(watched, 'phone-window-closed', '.phone-lock[data-state=window-closed]');
    });
  }, 180_000);

  it('wipes the phone of a role without offline work only once its outbox is empty: a record refused under the new role keeps it, and says why', async () => {
    const { promoted } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, promoted.email, TEST_PASSWORD, '.worklist');
      await setUpPhone(page, 'HP kedua');
      await syncedToPhone(page);

      // A follow-up made with no signal waits in the outbox.
      await page.route('**/follow-ups', (route) =>
        route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
      );
      await openCase(page, promoted.caseId);
      await addFollowUp(page, 'Kunjungan sebelum ganti peran');
      await page.unroute('**/follow-ups');

      // Her role no longer works offline: the unlock's sync delivers first; the reviewer's 403 keeps the record, and the store.
      await suite.stored(`UPDATE users SET role = 'reviewer' WHERE id = $1`, [promoted.id]);
      await page.click('header >> text=Kunci');
      await unlockWithPin(page);
      await page.waitForSelector('.who');
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox .role-wipe-waits');
      await page.waitForSelector('.outbox-list li[data-state=needs-correction]');
      expect(await page.textContent('.outbox .role-wipe-waits')).toContain('ponsel ini akan dihapus');
      expect(await phoneStoreExists(page)).toBe(true);
      await suite.checkScreen(watched, 'outbox-role-wipe-waits', '.outbox .role-wipe-waits');

      // Discarded, the last record lets the wipe go on.
      await page.focus('.outbox-list li button.discard');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.discard-step');
      await page.focus('.discard-step button.primary');
      await page.keyboard.press('Enter');
      await page.waitForSelector('input[name=email]');
      await page.waitForFunction(
        async (name) => !(await indexedDB.databases()).some((db) => db.name === name),
        PHONE_DB,
      );
      expect(await phoneStoreExists(page)).toBe(false);
    });
  }, 120_000);
});
