import { api } from '../api/client';
import { answered } from '../api/problem';
import type { PackedRule } from '../api/views';
import { worksOffline } from '../session/navigation';
import { sendDeviceReads } from './device-reads';
import type { PhoneVault } from './phone-vault';
import { summaryOf } from './case-summary';
import { idsOf, STORED, type SyncedCase } from './phone-store';

/**
 * SPEC §12's `SYNC_MINUTES`, a constant of the client: the server has no setting for it, and a
 * phone that syncs more or less often changes nothing the server enforces.
 */
export const SYNC_MINUTES = 15;

/** One page of plans holds a companion's groups' plans of the year (a few). */
const PLANS_PAGE = 100;
const LOCK = 'pendamping-sync';

export type SyncOutcome = 'synced' | 'busy' | 'not-offline-role';

interface CasePage {
  ids: string[];
  cases: SyncedCase[];
  more: boolean;
  cursor: string;
}

const casesSince = (since: string | undefined): Promise<CasePage> =>
  answered(api.GET('/api/v1/sync/cases', { params: { query: since ? { since } : {} } }));

/**
 * Pages through the changed cases until `more` is false, sealing each whole under `case/<id>` and
 * its summary under `case-summary/<id>` in one transaction, and the cursor after each page (the
 * cases of a page are stored before the cursor that skips them). Then every held case not in `ids`
 * is deleted with its summary, in one transaction; an id it does not hold (a lost store, a case
 * that changed hands twice) sends it round again without a cursor, once.
 */
async function syncCases(vault: PhoneVault, fresh = false): Promise<void> {
  let since = fresh ? undefined : await vault.get<string>(STORED.cursor);
  let page: CasePage;
  do {
    page = await casesSince(since);
    for (const item of page.cases)
      if (item.id)
        await vault.putTogether({ [STORED.case(item.id)]: item, [STORED.summary(item.id)]: summaryOf(item) });
    await vault.put(STORED.cursor, page.cursor);
    since = page.cursor;
  } while (page.more);
  const current = new Set(page.ids);
  const held = idsOf(await vault.names(STORED.cases), STORED.cases);
  const summarised = idsOf(await vault.names(STORED.summaries), STORED.summaries);
  const gone = [...new Set([...held, ...summarised])].filter((id) => !current.has(id));
  await vault.deleteTogether(gone.flatMap((id) => [STORED.case(id), STORED.summary(id)]));
  const heldNow = new Set(held);
  if (!fresh && page.ids.some((id) => !heldNow.has(id))) return syncCases(vault, true);
  await summariseUnsummarised(
    vault,
    held.filter((id) => current.has(id)),
    new Set(summarised),
  );
}

/**
 * A phone that synced before summaries existed holds its unchanged cases without one: each is
 * opened once here and its summary sealed, so the worklist need not open it again. Under the sync's
 * Web Lock, the only writer of cases, so no newer case can slip in between the read and the write.
 */
async function summariseUnsummarised(vault: PhoneVault, held: string[], summarised: Set<string>): Promise<void> {
  for (const id of held) {
    if (summarised.has(id)) continue;
    const whole = await vault.get<SyncedCase>(STORED.case(id));
    if (whole) await vault.put(STORED.summary(id), summaryOf(whole));
  }
}

/**
 * The items she may report an activity on, of her groups' approved plans of this year, as the
 * item page decides online: the plan's `allowed` gives `update` and the item is not cancelled.
 * Only their ids and titles are kept (outside DK).
 */
async function planItems(): Promise<{ id: string; planId: string; title: string }[]> {
  const year = new Date().getFullYear();
  const plans = await answered(
    api.GET('/api/v1/work-plans', { params: { query: { status: 'approved', year, limit: PLANS_PAGE } } }),
  );
  const withItems = await Promise.all(
    plans.items.flatMap((plan) =>
      plan.id ? [answered(api.GET('/api/v1/work-plans/{id}', { params: { path: { id: plan.id } } }))] : [],
    ),
  );
  return withItems
    .filter((plan) => plan.status === 'approved' && plan.allowed.actions.includes('update'))
    .flatMap((plan) =>
      plan.items.flatMap(({ id, title, status }) =>
        plan.id && id && title && status !== 'cancelled' ? [{ id, planId: plan.id, title }] : [],
      ),
    );
}

/**
 * What forms need, outside DK (SPEC §12 "Capture only"): code lists, villages, groups, plan items.
 * Each list is kept as last fetched when its fetch fails: a form offline is better served by an
 * older list than by none.
 */
async function syncFormLists(vault: PhoneVault): Promise<void> {
  const keep = async <Value>(fetch: () => Promise<Value>, store: (value: Value) => Promise<void>) => {
    const value = await fetch().catch(() => undefined);
    if (value !== undefined) await store(value);
  };
  await Promise.all([
    keep(
      () => answered(api.GET('/api/v1/code-lists')),
      (value) => vault.putFormList('code-lists', value),
    ),
    keep(
      () => answered(api.GET('/api/v1/villages', { params: { query: { limit: 200 } } })),
      (value) => vault.putFormList('villages', value.items),
    ),
    keep(
      () => answered(api.GET('/api/v1/groups', { params: { query: { limit: 200 } } })),
      (value) => vault.putFormList('groups', value.items),
    ),
    keep(planItems, (value) => vault.putFormList('plan-items', value)),
  ]);
}

/**
 * One sync of the phone (SPEC §12 "Sync"): her profile and rules sealed, the reads logged on the
 * phone sent, her cases, the form lists.
 * Single-flight across tabs: a tab that finds another syncing leaves it to that one. Rules that no
 * longer give `sync` on cases (a role changed) sync nothing and say so: the caller wipes the phone.
 */
export function syncPhone(vault: PhoneVault): Promise<SyncOutcome> {
  const work = async (): Promise<SyncOutcome> => {
    const [profile, abilities] = await Promise.all([
      answered(api.GET('/api/v1/me')),
      answered(api.GET('/api/v1/me/abilities')),
    ]);
    const rules = abilities.rules as PackedRule[];
    if (!worksOffline(rules)) return 'not-offline-role';
    const { resetNotice: _shownOnline, ...kept } = profile;
    await vault.put(STORED.profile, kept);
    await vault.put(STORED.rules, rules);
    // Unsent reads stay logged for the next sync; they hold up nothing else.
    await sendDeviceReads(vault).catch(() => undefined);
    await syncCases(vault);
    await syncFormLists(vault);
    return 'synced';
  };
  if (!navigator.locks) return work();
  return navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? work() : 'busy'));
}
