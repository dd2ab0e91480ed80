/**
 * How many follow-ups of each case this page's outbox has delivered, and who wants to hear of the
 * next: a case page that read its follow-ups before one of them was delivered (the recovery or an
 * unlock opens the page where she was while the outbox starts sending) reads them again, so the
 * delivered one shows without a reload instead of seeming lost. Kept apart from the outbox so that
 * asking loads nothing else.
 */
const delivered = new Map<string, number>();
const listeners = new Set<(caseId: string) => void>();

export const followUpsDelivered = (caseId: string): number => delivered.get(caseId) ?? 0;

export function followUpDelivered(caseId: string): void {
  delivered.set(caseId, followUpsDelivered(caseId) + 1);
  for (const listener of listeners) listener(caseId);
}

/** Runs `listener` at every follow-up delivered from now on; returns the unsubscribe. */
export function whenFollowUpDelivered(listener: (caseId: string) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
