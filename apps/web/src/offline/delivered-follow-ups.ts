import { hearOtherTabs, tellOtherTabs } from './outbox-channel';

/**
 * How many follow-ups of each case this phone's outbox has delivered since this page opened, in
 * this tab or another (delivery runs in whichever tab holds the outbox's Web Lock), and who wants
 * to hear of the next: a case page that read its follow-ups before one of them was delivered (the
 * recovery or an unlock opens the page where she was while the outbox starts sending; another tab
 * open on the case) reads them again, so the delivered one shows without a reload instead of
 * seeming lost. Kept apart from the outbox so that asking loads nothing else.
 */
const delivered = new Map<string, number>();
const listeners = new Set<(caseId: string) => void>();
let hearing = false;

function count(caseId: string): void {
  delivered.set(caseId, (delivered.get(caseId) ?? 0) + 1);
  for (const listener of listeners) listener(caseId);
}

/** Counts the deliveries of the other tabs too, from the first question on: a case page asks before it reads. */
function hear(): void {
  if (hearing) return;
  hearing = true;
  hearOtherTabs((message) => message.kind === 'follow-up-delivered' && count(message.caseId));
}

export function followUpsDelivered(caseId: string): number {
  hear();
  return delivered.get(caseId) ?? 0;
}

/** The outbox of this tab delivered a follow-up of the case: this tab and the others hear of it (its id only). */
export function followUpDelivered(caseId: string): void {
  count(caseId);
  tellOtherTabs({ kind: 'follow-up-delivered', caseId });
}

/** Runs `listener` at every follow-up delivered from now on, in any tab; returns the unsubscribe. */
export function whenFollowUpDelivered(listener: (caseId: string) => void): () => void {
  hear();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
