/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import type { TestApi } from '../support/test-app';
import { addItem, createPlan, itemBody, step } from '../support/work-plans';
import type { Organisation } from '../support/world';
import type { BrowserSuite } from './browser-suite';
import { textForms } from './phone-profile';

/**
 * What the phone suites of SPEC §12 prepare before the browser opens, and the canary search they
 * share: her group's approved plan item to report on, the records the server holds, a control
 * planted in clear that the search of the profile folder must find.
 */

/** The title of the item of her group's plan that the phone keeps, outside DK, to report on. */
export const PLAN_ITEM_TITLE = 'Penyuluhan di balai desa';

/** Her group's plan of this year with one item, submitted by companion A and approved by her coordinator. */
export async function approvedPlanItem(setup: TestApi, org: Organisation): Promise<{ planId: string; itemId: string }> {
  const plan = await createPlan(setup, org.companionA, { groupId: org.groups.a, year: new Date().getUTCFullYear() });
  const item = await addItem(setup, org.companionA, plan.id, itemBody({ title: PLAN_ITEM_TITLE }));
  await step(setup, org.companionA, plan.id, 'submit');
  await step(setup, org.coordinatorA, plan.id, 'approve');
  return { planId: plan.id as string, itemId: item.id as string };
}

/** What a suite counts on the server: her cases, the follow-ups of her case, the activity reports of the item. */
interface CountedWorld {
  companion: { id: string };
  caseId: string;
  itemId: string;
}

/** [her cases, the follow-ups of her case, the activity reports of the item], as the server holds them. */
export async function serverCounts(suite: BrowserSuite<CountedWorld>): Promise<number[]> {
  const count = async (sql: string, value: string) => (await suite.stored<{ n: number }>(sql, [value]))[0]!.n;
  const { companion, caseId, itemId } = suite.world;
  return [
    await count('SELECT count(*)::int AS n FROM cases WHERE assigned_companion_id = $1', companion.id),
    await count('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', caseId),
    await count('SELECT count(*)::int AS n FROM activity_reports WHERE plan_item_id = $1', itemId),
  ];
}

/** Planted in clear (localStorage and an IndexedDB database of its own) so the search must find it. */
export const CONTROL = 'Kontrol kanari yang harus ditemukan';

/** The control, written in clear into the page's localStorage and an IndexedDB database of its own. */
export async function plantControl(page: Page): Promise<void> {
  await page.evaluate((control) => {
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
}

/** The byte forms to search the profile for: the control's, and each canary's under its name. */
export function canaryMarkers(canaries: Record<string, string>): Record<string, Buffer[]> {
  const markers: Record<string, Buffer[]> = { control: textForms(CONTROL) };
  for (const [name, value] of Object.entries(canaries)) markers[name] = textForms(value);
  return markers;
}
