/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { BrowserContext, Page } from 'playwright-core';

/**
 * What a companion does on her phone, and what a test reads of the phone's store, shared by the
 * browser suites of SPEC §12: set-up, PIN unlock, moving within the app without a reload, a
 * follow-up added, the names (never the values) the phone's database holds.
 */

export const PIN = '24681357';
export const PHONE_DB = 'pendamping-phone';
export const FOLLOW_UP_FORM = 'form[aria-labelledby=follow-up-form-title]';
export const ACTIVITY_FORM = 'form[aria-labelledby=activity-form-title]';
/** What a form says of a record kept in the outbox rather than delivered at once. */
export const SAVED_ON_PHONE = 'Tersimpan di ponsel ini; akan dikirim saat ada sinyal.';

/** "Use this phone offline" from her account, filled and sent with the mouse; done when the account says so. */
export async function setUpPhone(page: Page, label = 'HP lapangan', pin = PIN): Promise<void> {
  await page.click('.who a');
  await page.waitForSelector('.phone-setup');
  await page.fill('input[name=label]', label);
  await page.fill('input[name=pin]', pin);
  await page.fill('input[name=pin-again]', pin);
  await page.click('.phone-setup button[type=submit]');
  await page.waitForSelector('.account-setup p.saved');
}

/** The PIN typed at the lock screen and sent; the caller waits for the screen it expects next. */
export async function unlockWithPin(page: Page, pin = PIN): Promise<void> {
  await page.waitForSelector('.phone-lock[data-state=pin] input[name=pin]');
  await page.fill('input[name=pin]', pin);
  await page.press('input[name=pin]', 'Enter');
}

/** Another tab of the phone, opened at the lock screen and unlocked with the PIN, once its frame shows. */
export async function unlockedTab(context: BrowserContext, pin = PIN): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto('/');
  await unlockWithPin(tab, pin);
  await tab.waitForSelector('nav');
  return tab;
}

/**
 * The recovery form (a forgotten PIN, a reset) typed with the keyboard from its email field, which
 * the caller has focused: her email, a password and the new PIN twice, sent with Enter.
 */
export async function typeRecovery(page: Page, email: string, password: string, newPin: string): Promise<void> {
  for (const [index, text] of [email, password, newPin, newPin].entries()) {
    if (index > 0) await page.keyboard.press('Tab');
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Enter');
}

/** A path of the app reached as its links do, without loading the page again (a reload shows the PIN lock). */
export async function goWithin(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** A case's page, reached within the app, once its follow-up form shows. */
export async function openCase(page: Page, caseId: string): Promise<void> {
  await goWithin(page, `/cases/${caseId}`);
  await page.waitForSelector(FOLLOW_UP_FORM);
}

/** What the form says once saved. */
export async function savedText(page: Page, form: string): Promise<string> {
  await page.waitForFunction(
    (selector) => (document.querySelector(`${selector} .saved`)?.textContent ?? '') !== '',
    form,
  );
  return (await page.textContent(`${form} .saved`)) ?? '';
}

/**
 * A home visit added on the case page open now, sent by a click, by the keyboard alone, or by a
 * double tap (one record all the same); what the form says once saved, and blank again for the next.
 */
export async function addFollowUp(
  page: Page,
  notes: string,
  sentBy: 'click' | 'keyboard' | 'double-tap' = 'click',
): Promise<string> {
  if (sentBy === 'keyboard') {
    await page.focus(`${FOLLOW_UP_FORM} select[name=type]`);
    await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
    await page.focus(`${FOLLOW_UP_FORM} textarea[name=notes]`);
    await page.keyboard.type(notes);
    await page.focus(`${FOLLOW_UP_FORM} button[type=submit]`);
    await page.keyboard.press('Enter');
  } else {
    await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
    await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, notes);
    if (sentBy === 'double-tap') await page.dblclick(`${FOLLOW_UP_FORM} button[type=submit]`);
    else await page.click(`${FOLLOW_UP_FORM} button[type=submit]`);
  }
  const said = await savedText(page, FOLLOW_UP_FORM);
  await page.waitForFunction(
    (form) => document.querySelector<HTMLTextAreaElement>(`${form} textarea[name=notes]`)?.value === '',
    FOLLOW_UP_FORM,
  );
  return said;
}

/** What a capture-only form says once its record is sealed. */
export const CAPTURE_SAVED = 'Tersimpan terkunci di ponsel ini. Periksa dan kirim setelah masuk dengan kata sandi.';

/**
 * From the lock screen, a follow-up taken in capture-only mode with her note of the case, sealed;
 * then back to the lock screen.
 */
export async function captureFollowUp(page: Page, note: string, notes: string): Promise<void> {
  await page.click('.capture-without-unlocking');
  await page.click('.capture-only button[data-kind=follow-up]');
  await page.waitForSelector(FOLLOW_UP_FORM);
  await page.fill('textarea[name=note]', note);
  await page.selectOption(`${FOLLOW_UP_FORM} select[name=type]`, 'home_visit');
  await page.fill(`${FOLLOW_UP_FORM} textarea[name=notes]`, notes);
  await page.click(`${FOLLOW_UP_FORM} button[type=submit]`);
  await page.waitForSelector(`${FOLLOW_UP_FORM} .saved:text-is("${CAPTURE_SAVED}")`);
  await page.click('.capture-back');
  await page.click('.capture-only > button.link');
  await page.waitForSelector('.phone-lock .capture-without-unlocking');
}

/**
 * On the review list (`/captured`), the captured follow-up holding `notes` attached to her case
 * numbered `caseNumber` and confirmed, and the outbox then empty: delivered.
 */
export async function confirmCapturedFollowUp(page: Page, notes: string, caseNumber: string): Promise<void> {
  const section = `section[data-kind=follow-up]:has-text("${notes}")`;
  const option = await page.$eval(
    `${section} select[name=case]`,
    (select, wanted) =>
      [...(select as HTMLSelectElement).options].find((choice) => choice.text.includes(wanted))?.value ?? '',
    caseNumber,
  );
  await page.selectOption(`${section} select[name=case]`, option);
  await page.click(`${section} button[type=submit]`);
  await page.waitForSelector(section, { state: 'detached' });
  await goWithin(page, '/outbox');
  await page.waitForSelector('.outbox-empty', { timeout: 60_000 });
}

export type PhoneStore = 'keys' | 'sealed' | 'forms';

/** The keys of one object store of the phone's database: names and ids, never a value. */
export function storeKeys(page: Page, store: PhoneStore): Promise<string[]> {
  return page.evaluate(
    ([database, wanted]) =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open(database);
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
    [PHONE_DB, store] as const,
  );
}

/** A form list of the phone's `forms` store (kept outside DK), as stored. */
export function formList(page: Page, name: string): Promise<unknown> {
  return page.evaluate(
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
}

const sealedCases = async (page: Page) =>
  (await storeKeys(page, 'sealed')).filter((key) => key.startsWith('case/')).sort();

/**
 * Waits (a minute at most) until the phone's sync has kept these form lists and, when `cases` is
 * given, sealed exactly these cases; the lists are written last, so the set-up's sync is then done.
 */
export async function syncedToPhone(
  page: Page,
  { cases, forms = ['code-lists'] }: { cases?: string[]; forms?: string[] } = {},
): Promise<void> {
  const wanted = cases?.map((id) => `case/${id}`).sort();
  const holds = async () => ({
    cases: wanted ? await sealedCases(page) : undefined,
    forms: (await storeKeys(page, 'forms')).filter((list) => forms.includes(list)).sort(),
  });
  const expected = { cases: wanted, forms: [...forms].sort() };
  for (let attempt = 0; attempt < 240; attempt++) {
    if (JSON.stringify(await holds()) === JSON.stringify(expected)) return;
    await page.waitForTimeout(250);
  }
  expect(await holds()).toEqual(expected);
}

/** Whether the phone's database exists at all (a wipe deletes it). */
export function phoneStoreExists(page: Page): Promise<boolean> {
  return page.evaluate(
    async (name) => (await indexedDB.databases()).some((database) => database.name === name),
    PHONE_DB,
  );
}

/** The intake form's next step, once its title shows. */
export async function nextIntakeStep(page: Page, title: string): Promise<void> {
  await page.click('form.intake button[type=submit]');
  await page.waitForSelector(`h2.step-title:text-is("${title}")`);
}

/** The intake's survivor step: a girl of 16 with no disability, named `name`. */
export async function fillIntakeSurvivor(page: Page, name: string): Promise<void> {
  await page.waitForSelector('h2.step-title:text-is("Penyintas")');
  await page.fill('input[name="survivor.name"]', name);
  await page.selectOption('select[name="survivor.sex"]', 'female');
  await page.fill('input[name="survivor.birthDate"]', '2010-05-02');
  await page.fill('input[name="survivor.ageAtIntake"]', '16');
  await page.selectOption('select[name="survivor.disability"]', 'none');
}

/** The intake's steps after the survivor, up to the review: a beating at home at `place`, told as `narrative`. */
export async function fillIntakeRest(page: Page, place: string, narrative: string): Promise<void> {
  await nextIntakeStep(page, 'Kejadian');
  await page.selectOption('select[name=place]', place);
  await page.check('#case-violenceTypes-0');
  await page.selectOption('select[name=placeType]', 'home');
  await page.selectOption('select[name=referralSource]', 'family');
  await page.fill('textarea[name=narrative]', narrative);
  await nextIntakeStep(page, 'Pelaku');
  await nextIntakeStep(page, 'Risiko dan persetujuan');
  await page.selectOption('select[name=riskLevel]', 'medium');
  await page.check('input[name="consent.record"]');
  await page.selectOption('select[name="consent.givenBy"]', 'survivor');
  await nextIntakeStep(page, 'Periksa lalu simpan');
}
