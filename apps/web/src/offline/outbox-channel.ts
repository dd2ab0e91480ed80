/**
 * The one channel on which the tabs of this phone tell each other of the outbox, so that what one
 * tab does shows in the others without a reload: that the outbox changed (each tab reads its list
 * again), which records the tab delivering is sending now, and the case of a follow-up it
 * delivered. Ids only, never a value about a person. One per page, opened at first use, and a page
 * never hears its own messages. No imports, so a case page that listens loads nothing of the outbox.
 */
export type OutboxMessage = { kind: 'changed'; sending?: string[] } | { kind: 'follow-up-delivered'; caseId: string };

const NAME = 'pendamping-outbox';
const listeners = new Set<(message: OutboxMessage) => void>();
let channel: BroadcastChannel | null | undefined;

function opened(): BroadcastChannel | undefined {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(NAME) : null;
    channel?.addEventListener('message', (event: MessageEvent<OutboxMessage>) => {
      for (const listener of listeners) listener(event.data);
    });
  }
  return channel ?? undefined;
}

export function tellOtherTabs(message: OutboxMessage): void {
  opened()?.postMessage(message);
}

/** Runs `listener` at every message of another tab; returns the unsubscribe. */
export function hearOtherTabs(listener: (message: OutboxMessage) => void): () => void {
  opened();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
