import type { components } from '../api/schema';
import type { PackedRule } from '../api/views';
import type { Profile } from '../session/session';
import type { CodeLists } from '../ui/labels';
import { type CaseSummary, inWorklistOrder, summaryOf } from './case-summary';
import { logDeviceRead } from './device-reads';
import { whenVaultOpens } from './open-vault';
import type { PlanItemTitle } from './phone-db';
import type { PhoneVault } from './phone-vault';

export type SyncedCase = components['schemas']['SyncedCaseView'];

/**
 * The names of what the sync keeps sealed under DK (SPEC §12 "What the phone holds"). A name holds
 * an id at most, never a value about a person.
 */
export const STORED = {
  case: (id: string) => `case/${id}`,
  cases: 'case/',
  summary: (id: string) => `case-summary/${id}`,
  summaries: 'case-summary/',
  cursor: 'sync/cursor',
  profile: 'me/profile',
  rules: 'me/rules',
} as const;

/**
 * The vault once this page has opened it: a screen drawn by the unlock may ask a moment before the
 * unlock hands the vault over. A locked page is replaced by the lock page, so none waits for long.
 */
function opened(): Promise<PhoneVault> {
  return new Promise((resolve) => {
    // The listener may run before `whenVaultOpens` returns: the unsubscribe waits a microtask.
    const stop = whenVaultOpens((vault) => {
      resolve(vault);
      queueMicrotask(() => stop());
    });
  });
}

/** The ids of names listed under `prefix` (`case/<id>` gives `<id>`). */
export const idsOf = (names: string[], prefix: string): string[] => names.map((name) => name.slice(prefix.length));

/**
 * Her synced cases as the worklist draws them, in its order: each case's summary, never the case.
 * Only a case held without one (synced by a version of the app before summaries, until its next
 * sync writes them) is opened whole, and summarised in memory: the worklist writes nothing. A
 * summary whose case is not held is left out: the case is the authority on what the phone holds.
 */
export async function storedSummaries(): Promise<CaseSummary[]> {
  const vault = await opened();
  const [caseNames, summaryNames] = await Promise.all([vault.names(STORED.cases), vault.names(STORED.summaries)]);
  const held = idsOf(caseNames, STORED.cases);
  const summarised = new Set(idsOf(summaryNames, STORED.summaries));
  const summaries = await Promise.all(
    held.map(async (id) => {
      if (summarised.has(id)) return vault.get<CaseSummary>(STORED.summary(id));
      const whole = await vault.get<SyncedCase>(STORED.case(id));
      return whole && summaryOf(whole);
    }),
  );
  return summaries.filter((item): item is CaseSummary => item !== undefined).sort(inWorklistOrder);
}

/** Her synced cases whole, by case number: what the review list of capture-only mode attaches a record to. */
export async function storedCases(): Promise<SyncedCase[]> {
  const vault = await opened();
  const names = await vault.names(STORED.cases);
  const cases = await Promise.all(names.map((name) => vault.get<SyncedCase>(name)));
  return cases
    .filter((item): item is SyncedCase => item !== undefined)
    .sort((a, b) => (a.caseNumber ?? '').localeCompare(b.caseNumber ?? ''));
}

export const storedCase = async (id: string): Promise<SyncedCase | undefined> =>
  (await opened()).get<SyncedCase>(STORED.case(id));

/**
 * A stored case opened on its page: its identifying and sensitive fields are logged as a device
 * read (SPEC §12 "Sync") before the page shows them.
 */
export const caseOpened = async (id: string, synced: SyncedCase): Promise<void> =>
  logDeviceRead(await opened(), id, synced);

/** `/me` and the rules of `/me/abilities` as of the last sync: the frame of an offline unlock. */
export async function heldProfile(vault: PhoneVault): Promise<{ profile: Profile; rules: PackedRule[] } | undefined> {
  const [profile, rules] = await Promise.all([
    vault.get<Profile>(STORED.profile),
    vault.get<PackedRule[]>(STORED.rules),
  ]);
  return profile && rules ? { profile, rules } : undefined;
}

/** The code lists the last sync kept (outside DK, SPEC §12 "Capture only"). */
export async function storedCodeLists(): Promise<CodeLists> {
  const codes = await (await opened()).formList('code-lists');
  if (!codes) throw new Error('this phone has not synced its code lists yet');
  return codes as CodeLists;
}

/**
 * The plan items she may report an activity on, as the last sync kept them (outside DK, SPEC §12
 * "Capture only"). An item kept by a sync older than the plan's id in the list is left out until
 * the next sync: its report could not be sent.
 */
export async function storedPlanItems(): Promise<PlanItemTitle[]> {
  const items = (await (await opened()).formList('plan-items')) ?? [];
  return items.filter((item) => typeof item.planId === 'string');
}
