import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { whenVaultOpens } from './open-vault';
import type { PhoneVault } from './phone-vault';

export interface PhoneFormLists {
  codes: CodeLists;
  groups: components['schemas']['GroupView'][];
  villages: components['schemas']['VillageView'][];
}

/** The vault once this page opened it: a form drawn by an offline unlock may ask a moment before the unlock hands it over. */
function opened(): Promise<PhoneVault> {
  return new Promise((resolve) => {
    // The listener may run before `whenVaultOpens` returns: the unsubscribe waits a microtask.
    const stop = whenVaultOpens((vault) => {
      resolve(vault);
      queueMicrotask(() => stop());
    });
  });
}

/**
 * The lists a form needs as the phone's last sync kept them (outside DK, SPEC §12 "Capture only"),
 * for a form opened with no signal; none until one online sync has stored all of them.
 */
export async function phoneFormLists(): Promise<PhoneFormLists | undefined> {
  const vault = await opened();
  const [codes, groups, villages] = await Promise.all([
    vault.formList('code-lists'),
    vault.formList('groups'),
    vault.formList('villages'),
  ]);
  if (!codes || !Array.isArray(groups) || !Array.isArray(villages)) return undefined;
  return { codes: codes as CodeLists, groups: groups as PhoneFormLists['groups'], villages };
}
