/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { addItem, createPlan, itemBody, step } from '../support/work-plans';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import type { Watched } from './browser-harness';
import { BrowserSuite, serviceWorkerReady, signIn } from './browser-suite';
import { markersOnDisk, textForms } from './phone-profile';

/**
 * The proof of SPEC §12, end to end through a TCP proxy in front of the API (Playwright's offline
 * mode does not reach service workers; a proxy cuts everything): with the network off a companion
 * unlocks her phone, takes in a case, adds two follow-ups and an activity report, reloads and unlocks again; when
 * the network returns everything arrives exactly once, also when an answer is lost on its way back
 * and when the API is killed (SIGKILL) during the upload. After each step, with the browser closed,
 * no canary of an identifying or sensitive field, and no refresh token, is found in the profile
 * folder, searched as bytes in UTF-8 and UTF-16, with a positive control the search must find.
 */

const PIN = '97531864';
const FOLLOW_UP_FORM = 'form[aria-labelledby=follow-up-form-title]';
const ACTIVITY_FORM = 'form[aria-labelledby=activity-form-title]';
const SAVED_ON_PHONE = 'Tersimpan di ponsel ini; akan dikirim saat ada sinyal.';

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
/** Planted in clear (localStorage and an IndexedDB database of its own) so the search must find it. */
const CONTROL = 'Kontrol kanari yang harus ditemukan';

async function unlockWithPin(page: Page): Promise<void> {
  await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
  await page.fill('input[name=pin]', PIN);
  await page.press('input[name=pin]', 'Enter');
  await page.waitForSelector('nav');
}

const savedText = async (page: Page, form: string): Promise<string> => {
  await page.waitForFunction(
    (selector) => (document.querySelector(`${selector} .saved`)?.textContent ?? '') !== '',
    form,
  );
  return (await page.textContent(`${form} .saved`)) ?? '';
};

async function addFollowUp(page: Page, notes: string): Promise<string> {
  await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
  await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, notes);
  await page.click(`${FOLLOW_UP_FORM} button[type=submit]`);
  const said = await savedText(page, FOLLOW_UP_FORM);
  await page.waitForFunction(
    (form) => document.querySelector<HTMLTextAreaElement>(`${form} textarea[name=notes]`)?.value === '',
    FOLLOW_UP_FORM,
  );
  return said;
}

async function nextStep(page: Page, title: string): Promise<void> {
  await page.click('form.intake button[type=submit]');
  await page.waitForSelector(`h2.step-title:text-is("${title}")`);
}

/** The whole intake, step by step, from the lists the phone keeps; saved into the outbox. */
async function takeInCase(page: Page, place: string): Promise<void> {
  await goWithin(page, '/cases/new');
  await page.waitForSelector('.intake-from-phone');
  await page.fill('input[name="survivor.name"]', CANARIES.newSurvivorName);
  await page.selectOption('select[name="survivor.sex"]', 'female');
  await page.fill('input[name="survivor.birthDate"]', '2009-08-17');
  await page.fill('input[name="survivor.ageAtIntake"]', '17');
  await page.selectOption('select[name="survivor.disability"]', 'none');
  await nextStep(page, 'Kejadian');
  await page.selectOption('select[name=place]', place);
  await page.check('#case-violenceTypes-0');
  await page.selectOption('select[name=placeType]', 'home');
  await page.selectOption('select[name=referralSource]', 'family');
  await page.fill('textarea[name=narrative]', CANARIES.newNarrative);
  await nextStep(page, 'Pelaku');
  await nextStep(page, 'Risiko dan persetujuan');
  await page.selectOption('select[name=riskLevel]', 'medium');
  await page.check('input[name="consent.record"]');
  await page.selectOption('select[name="consent.givenBy"]', 'survivor');
  await nextStep(page, 'Periksa lalu simpan');
  await page.click('form.intake button[type=submit]');
  await page.waitForSelector('.outbox-list li .card-title:text-is("Kasus baru")');
}

/** The names in one object store of the phone's database: ids and list names, never a value. */
const storeKeys = (page: Page, store: 'sealed' | 'forms') =>
  page.evaluate(
    (wanted) =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open('pendamping-phone');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const request = opening.result.transaction(wanted).objectStore(wanted).getAllKeys();
          request.onsuccess = () => {
            opening.result.close();
            resolve(request.result.map(String));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );

/** Waits for the set-up's sync to have stored the case and, last of all, the plan items. */
async function syncedToPhone(page: Page, caseId: string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const [sealed, forms] = [await storeKeys(page, 'sealed'), await storeKeys(page, 'forms')];
    if (sealed.includes(`case/${caseId}`) && forms.includes('plan-items')) return;
    await page.waitForTimeout(250);
  }
  throw new Error('the set-up’s sync never stored the case and the plan items');
}

/** Moves within the app as its links do, so the page (and what it holds unlocked) stays. */
const goWithin = (page: Page, to: string) =>
  page.evaluate((path) => {
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, to);

describe('the offline proof of SPEC §12, in a real browser through a proxy it cuts', () => {
  const year = new Date().getUTCFullYear();
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
        place: `group:${org.groups.a}:${org.villages.a}`,
      };
    },
    {},
    { throughProxy: true },
  );

  const count = async (sql: string, values: unknown[]) => (await suite.stored<{ n: number }>(sql, values))[0]!.n;
  const casesOfHers = () =>
    count('SELECT count(*)::int AS n FROM cases WHERE assigned_companion_id = $1', [suite.world.companion.id]);
  const followUps = () => count('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', [suite.world.caseId]);
  const activities = () =>
    count('SELECT count(*)::int AS n FROM activity_reports WHERE plan_item_id = $1', [suite.world.itemId]);
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
   * canary and no refresh token, while the planted control is found.
   */
  async function profileHoldsNothingReadable(watched: Watched, folder: string): Promise<void> {
    await watched.page.evaluate((control) => {
      localStorage.setItem('kontrol', control);
      const opening = indexedDB.open('kontrol-positif');
      opening.onupgradeneeded = () => opening.result.createObjectStore('nilai');
      return new Promise<void>((done) => {
        opening.onsuccess = () => {
          const writing = opening.result.transaction('nilai', 'readwrite');
          writing.objectStore('nilai').put(control, 'kontrol');
          writing.oncomplete = () => {
            opening.result.close();
            done();
          };
        };
      });
    }, CONTROL);
    await watched.context.close();
    const markers: Record<string, Buffer[]> = { control: textForms(CONTROL) };
    for (const [name, value] of Object.entries(CANARIES)) markers[name] = textForms(value);
    [...refreshTokens].forEach((token, index) => (markers[`refreshToken${index}`] = textForms(token)));
    const found = markersOnDisk(folder, markers);
    expect(Object.keys(found).sort()).toEqual(['control']);
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
      await serviceWorkerReady(page);
      await page.click('.who a');
      await page.waitForSelector('.phone-setup');
      await page.fill('input[name=label]', 'HP bukti');
      await page.fill('input[name=pin]', PIN);
      await page.fill('input[name=pin-again]', PIN);
      await page.click('.phone-setup button[type=submit]');
      await page.waitForSelector('.account-setup p.saved');
      // Closing the browser before the set-up's sync is done would leave the phone without its lists.
      await syncedToPhone(page, suite.world.caseId);
      await profileHoldsNothingReadable(watched, folder);

      // Network off: the app opens from its precache, the PIN unlocks it, and she works.
      suite.network.interrupt();
      watched = await suite.openOnDisk(folder);
      collectRefreshTokens(watched);
      page = watched.page;
      await page.goto('/');
      await unlockWithPin(page);
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
      await unlockWithPin(page);
      await page.waitForSelector('.outbox-line a');
      expect(await page.textContent('.outbox-line a')).toBe('Belum terkirim: 4 catatan');
      expect([await casesOfHers(), await followUps(), await activities()]).toEqual([1, 0, 0]);
      await profileHoldsNothingReadable(watched, folder);

      // The network returns, and the first follow-up's answer is lost on its way back: the server
      // has it, the phone sends it again and is answered 200 {id}; each record arrives once (the
      // case taken in offline goes alone in its queue; the follow-ups are of the synced case).
      watched = await suite.openOnDisk(folder);
      collectRefreshTokens(watched);
      page = watched.page;
      await page.goto('/');
      await unlockWithPin(page);
      const repeats: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/follow-ups') && response.request().method() === 'POST')
          repeats.push(response.status());
      });
      suite.network.loseNextAnswerTo('/follow-ups HTTP');
      suite.network.restore();
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-empty', { timeout: 60_000 });
      expect([await casesOfHers(), await followUps(), await activities()]).toEqual([2, 2, 1]);
      // The page heard one follow-up created and the other's repeat, answered 200 {id}: its 201 was lost.
      expect(repeats.sort()).toEqual([200, 201]);

      // Killed during the upload: the API dies (SIGKILL) as a follow-up reaches it, and comes back;
      // the record arrives once.
      suite.network.interrupt();
      await goWithin(page, `/cases/${suite.world.caseId}`);
      await page.waitForSelector(FOLLOW_UP_FORM);
      expect(await addFollowUp(page, CANARIES.thirdNote)).toBe(SAVED_ON_PHONE);
      const killed = new Promise<void>((done) =>
        suite.network.onNextRequest('/follow-ups HTTP', () => void suite.killApi().then(done)),
      );
      suite.network.restore();
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await killed;
      await suite.restartApi();
      await goWithin(page, '/outbox');
      await page.waitForSelector('.outbox-empty', { timeout: 90_000 });
      expect([await casesOfHers(), await followUps(), await activities()]).toEqual([2, 3, 1]);
      await profileHoldsNothingReadable(watched, folder);
    } finally {
      await watched?.context.close();
      suite.network.restore();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
