import { phoneWiped } from '../session/session';
import { sendReadsBeforeWipe } from './device-reads';
import { Outbox, outboxChanged, whenOutboxChanges } from './outbox';
import { deliverBeforeWipe } from './outbox-delivery';
import type { PhoneVault } from './phone-vault';

let waiting = false;

/** True while this page's phone no longer works offline and keeps its store only for its unsent records. */
export const wipeWaitsForOutbox = (): boolean => waiting;

/** Her reads go first: recording them is open to every role (the rules' `record_reads`), so the new one sends them. */
async function wipe(vault: PhoneVault): Promise<void> {
  await sendReadsBeforeWipe();
  await vault.wipe();
  phoneWiped();
}

/**
 * SPEC §12 "Resets, role changes, revocation": a phone whose role no longer works offline is wiped,
 * its outbox delivered first, its pending device reads sent last (best effort, a few seconds). Every record is tried at once; the phone is wiped when none is left.
 * A record that cannot go (no signal, or refused under the new role) keeps the store, and the
 * outbox says why: the wipe follows as soon as the last record is delivered or discarded by her.
 */
export async function wipeOnceDelivered(vault: PhoneVault): Promise<void> {
  // A delivery that could not run (the page locked meanwhile) keeps the store: the next sync tries again.
  const left = await deliverBeforeWipe(vault).catch(() => 'not-run' as const);
  if (left === 'wiped' || left === 'not-run') return;
  if (left === 0) return wipe(vault);
  if (waiting) return;
  waiting = true;
  const stop = whenOutboxChanges(() => {
    void new Outbox(vault)
      .records()
      .then((records) => {
        if (records.length > 0 || !waiting) return;
        waiting = false;
        stop();
        return wipe(vault);
      })
      .catch(() => undefined);
  });
  outboxChanged();
}
