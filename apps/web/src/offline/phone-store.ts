import type { components } from '../api/schema';
import type { PackedRule } from '../api/views';
import type { Profile } from '../session/session';
import type { CodeLists } from '../ui/labels';
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

/** Her synced cases by case number: the server's worklist order rests on due dates the phone does not recompute. */
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
