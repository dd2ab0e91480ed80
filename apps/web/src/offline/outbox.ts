import { hearOtherTabs, tellOtherTabs } from './outbox-channel';
import type { PhoneVault } from './phone-vault';
import { openVault } from './open-vault';
import {
  madeBefore,
  newOutboxRecord,
  OUTBOX_PREFIX,
  outboxName,
  type OutboxRecord,
  type OutboxRequest,
} from './outbox-record';

/**
 * The count of records this phone made, sealed under DK (outside `outbox/`, so never read as a
 * record): the outbox's order, which a clock set back cannot change. Counted under a Web Lock, so
 * two tabs saving at once never take the same number.
 */
const SEQUENCE = 'outbox-sequence';
const SEQUENCE_LOCK = 'pendamping-outbox-sequence';
const listeners = new Set<() => void>();
/**
 * The records another tab is sending now, as the tab delivering last said: only one tab delivers at
 * a time (the outbox's Web Lock), so its word is the whole of it.
 */
const sendingElsewhere = new Set<string>();
// Other tabs of this phone tell of every change, so the lists and counts of this one follow.
hearOtherTabs((message) => {
  if (message.kind === 'follow-up-delivered') return;
  if (message.sending) {
    sendingElsewhere.clear();
    for (const id of message.sending) sendingElsewhere.add(id);
  }
  tell();
});

export const isSentElsewhere = (id: string): boolean => sendingElsewhere.has(id);

/**
 * This tab holds the outbox's Web Lock: no other is sending, whatever it said last (a tab closed
 * while it sent never says that it stopped).
 */
export function noneSentElsewhere(): void {
  if (sendingElsewhere.size === 0) return;
  sendingElsewhere.clear();
  tell();
}

function tell(): void {
  for (const listener of listeners) listener();
}

/** Runs `listener` whenever the outbox changed, in this tab or another; returns the unsubscribe. */
export function whenOutboxChanges(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Tells this tab and the others that the outbox changed; the tab delivering also says what it is sending now. */
export function outboxChanged(sending?: string[]): void {
  tell();
  tellOtherTabs({ kind: 'changed', ...(sending ? { sending } : {}) });
}

/**
 * The records made on this phone and not yet delivered (SPEC §12 "Outbox"), each sealed under DK
 * at `outbox/<record id>`: the name is the device-made UUID, which says nothing of anyone.
 */
export class Outbox {
  constructor(private readonly vault: PhoneVault) {}

  /** Every record, oldest first. */
  async records(): Promise<OutboxRecord[]> {
    const names = await this.vault.names(OUTBOX_PREFIX);
    const records = await Promise.all(names.map((name) => this.vault.get<OutboxRecord>(name)));
    return records.filter((record) => record !== undefined).sort(madeBefore);
  }

  find(id: string): Promise<OutboxRecord | undefined> {
    return this.vault.get<OutboxRecord>(outboxName(id));
  }

  /**
   * Keeps a new record. A second save of the same record (a double tap, a save after a lost answer)
   * finds it kept already and adds nothing: one id is one record.
   */
  async add(id: string, request: OutboxRequest): Promise<OutboxRecord> {
    const kept = await this.find(id);
    if (kept) return kept;
    const record = newOutboxRecord(id, request, Date.now(), await this.nextSequence());
    await this.vault.put(outboxName(id), record);
    outboxChanged();
    return record;
  }

  /**
   * Her correction of a refused record: the same id (a refused request consumed nothing), the
   * corrected request under a new Idempotency-Key (the body changed), sent as a new record would be.
   */
  async correct(id: string, request: OutboxRequest): Promise<OutboxRecord> {
    const kept = await this.find(id);
    const record = kept
      ? newOutboxRecord(id, request, kept.createdAt, kept.sequence)
      : newOutboxRecord(id, request, Date.now(), await this.nextSequence());
    await this.put(record);
    return record;
  }

  private nextSequence(): Promise<number> {
    const count = async () => {
      const next = ((await this.vault.get<number>(SEQUENCE)) ?? 0) + 1;
      await this.vault.put(SEQUENCE, next);
      return next;
    };
    return navigator.locks ? navigator.locks.request(SEQUENCE_LOCK, count) : count();
  }

  async put(record: OutboxRecord): Promise<void> {
    await this.vault.put(outboxName(record.id), record);
    outboxChanged();
  }

  /** Delivered, or discarded by her: the phone keeps no copy of what the server holds or she gave up. */
  async remove(id: string): Promise<void> {
    await this.vault.delete(outboxName(id));
    outboxChanged();
  }
}

/** The records of this page's unlocked phone; none when it is locked. */
export async function unsentRecords(): Promise<OutboxRecord[]> {
  const vault = openVault();
  return vault ? new Outbox(vault).records() : [];
}
