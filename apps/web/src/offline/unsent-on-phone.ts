import { capturedCount } from './capture-store';
import { openVault } from './open-vault';
import { unsentRecords } from './outbox';

/**
 * What sign-out would discard (SPEC §12 "Sign-out and other users"): the outbox's records and
 * those taken in capture-only mode that wait for review. Captured records are counted by their
 * names, so nothing of them is opened.
 */
export async function unsentOnPhone(): Promise<number> {
  const vault = openVault();
  const outbox = (await unsentRecords()).length;
  return vault ? outbox + (await capturedCount(vault)) : outbox;
}
