/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn } from './browser-suite';
import { fillIntakeRest, fillIntakeSurvivor, goWithin, PHONE_DB, setUpPhone } from './phone-steps';

/**
 * A case taken in on a phone (SPEC §12 "What works offline", "Outbox"): with signal it goes at
 * once and a double tap makes one case; with no signal the form opens from the lists the phone
 * kept (or says it needs one online sync first), the duplicate check says it could not ask, and the
 * case waits in the outbox until "Send now" delivers it, once, under the id the phone chose.
 */

const NEW_CASE_PATH = '/cases/new';
const LISTS = ['code-lists', 'groups', 'villages'] as const;

/** The form lists held in the phone's store outside DK, by name; `replace` writes these instead first (undefined deletes). */
async function formLists(page: Page, replace?: Record<string, unknown>): Promise<Record<string, unknown>> {
  return page.evaluate(
    ([name, lists, written]) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const forms = db.transaction('forms', 'readwrite').objectStore('forms');
          const held: Record<string, unknown> = {};
          for (const list of lists) {
            if (written) {
              if (written[list] === undefined) forms.delete(list);
              else forms.put(written[list], list);
            }
            const reading = forms.get(list);
            reading.onsuccess = () => {
              if (reading.result !== undefined) held[list] = reading.result;
            };
          }
          forms.transaction.oncomplete = () => {
            db.close();
            resolve(held);
          };
          forms.transaction.onerror = () => reject(forms.transaction.error);
        };
      }),
    [PHONE_DB, LISTS, replace] as const,
  );
}

describe('a case taken in on a phone, in a real browser with the API as its own process', () => {
  const suite = BrowserSuite.register('phone-intake', async (setup) => {
    const org = await createOrganisation(setup, 'Ponsel');
    return {
      companion: { id: org.companionA.id, email: org.companionA.email },
      place: `group:${org.groups.a}:${org.villages.a}`,
    };
  });

  const casesOfHers = async () =>
    suite.stored<{ id: string; case_number: string | null }>(
      'SELECT id, case_number FROM cases WHERE assigned_companion_id = $1 ORDER BY created_at',
      [suite.world.companion.id],
    );

  it('goes at once with signal, once for a double tap; with none it waits in the outbox and is delivered once', async () => {
    const { companion, place } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, companion.email, TEST_PASSWORD, 'nav');
      await setUpPhone(page);

      // With signal, through the outbox: delivered at once, the case's page opens; a double tap makes one case.
      await goWithin(page, NEW_CASE_PATH);
      await fillIntakeSurvivor(page, 'Ani Canary Ponsel');
      await fillIntakeRest(page, place, 'Dipukul di rumah.');
      await page.dblclick('form.intake button[type=submit]');
      await page.waitForSelector('.carried-notice:has-text("sudah tersimpan")');
      const [first] = await casesOfHers();
      expect(await casesOfHers()).toHaveLength(1);
      expect(new URL(page.url()).pathname).toBe(`/cases/${first!.id}`);
      expect(await page.textContent('.carried-notice')).toBe(`Kasus ${first!.case_number} sudah tersimpan.`);
      expect(await page.$$('.outbox-line')).toHaveLength(0);

      // The phone's sync keeps the form's lists outside DK.
      let kept = await formLists(page);
      for (let tries = 0; Object.keys(kept).length < LISTS.length && tries < 50; tries++) {
        await page.waitForTimeout(200);
        kept = await formLists(page);
      }
      expect(Object.keys(kept).sort()).toEqual([...LISTS].sort());

      // No signal, and no list kept (as on a phone whose sync never finished): the form says it needs one online sync first.
      await suite.stopApi();
      await formLists(page, {});
      await goWithin(page, '/outbox');
      await goWithin(page, NEW_CASE_PATH);
      await page.waitForSelector('[role=alert]:has-text("belum pernah menyimpan daftar pilihannya")');
      await suite.checkScreen(watched, 'phone-intake-needs-sync', '[role=alert]');

      // With the lists the sync kept: the form opens from them, with no signal.
      expect(Object.keys(await formLists(page, kept)).sort()).toEqual([...LISTS].sort());
      await goWithin(page, '/outbox');
      await goWithin(page, NEW_CASE_PATH);
      await page.waitForSelector('.intake-from-phone');
      await fillIntakeSurvivor(page, 'Budi Canary Luring');
      await page.click('.duplicate-check button');
      await page.waitForSelector('.duplicate-check [role=status]:has-text("Tanpa sinyal")');
      await suite.checkScreen(watched, 'phone-intake-offline', '.duplicate-check [role=status]:not(:empty)');
      await fillIntakeRest(page, place, 'Dipukul di rumah.');
      await page.dblclick('form.intake button[type=submit]');

      // Kept on the phone: the outbox shows the new case waiting.
      await page.waitForSelector('.outbox-list li[data-state=retry]');
      expect(new URL(page.url()).pathname).toBe('/outbox');
      expect(await page.textContent('.carried-notice')).toBe(
        'Kasus baru tersimpan di ponsel ini; akan dikirim saat ada sinyal.',
      );
      expect(await page.$$('.outbox-list li')).toHaveLength(1);
      expect(await page.textContent('.outbox-list li .card-title')).toBe('Kasus baru');
      await suite.checkScreen(watched, 'phone-intake-kept', '.outbox-list li[data-state=retry]');

      // Signal again: "Send now" delivers it, once, under the id the phone chose, numbered by the server.
      await suite.restartApi();
      const posted = page.waitForRequest(
        (request) => request.url().endsWith('/api/v1/cases') && request.method() === 'POST',
      );
      await page.click('button.send-now');
      const chosenId = ((await posted).postDataJSON() as { id: string }).id;
      await page.waitForSelector('.outbox-empty');
      const stored = await casesOfHers();
      expect(stored).toHaveLength(2);
      expect(stored[1]!.id).toBe(chosenId);
      expect(stored[1]!.case_number).toMatch(/\S/);
    });
  }, 150_000);
});
