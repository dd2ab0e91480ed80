import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import { phoneWiped } from '../session/session';
import { tokens } from '../session/tokens';
import { followUpDelivered } from './delivered-follow-ups';
import { openVault, whenVaultOpens } from './open-vault';
import { isSentElsewhere, noneSentElsewhere, Outbox, outboxChanged } from './outbox';
import { afterTry, type DeliveryAnswer, isDue, revokesThePhone } from './outbox-answer';
import { type FieldProblem, type OutboxRecord, queuesOf } from './outbox-record';
import type { PhoneVault } from './phone-vault';

/** One tab of the phone delivers at a time, so two tabs never send the same record at once. */
const LOCK = 'pendamping-outbox';

/** The records this tab is sending now: shown as "Sending…", here and in the other tabs. */
const sending = new Set<string>();
export const isSending = (id: string): boolean => sending.has(id) || isSentElsewhere(id);

let timer: ReturnType<typeof setTimeout> | undefined;
let started = false;

/** The server's field errors of a problem, as it gave them; nothing else of the problem is kept. */
function fieldErrors(body: unknown): FieldProblem[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((error): error is FieldProblem => typeof error?.field === 'string' && typeof error?.message === 'string')
    .map(({ field, message }) => ({ field, message }));
}

/**
 * A weak signal can swallow a request without an answer or a reset; the browser may wait minutes
 * before it gives up, holding the outbox's lock all that time. A record unanswered this long is
 * retried as after a network error: its id makes a repeat harmless if the server did get it.
 */
const SEND_TIMEOUT_MS = 30_000;

/** The record's own route, with its id in the body and its Idempotency-Key fixed at creation. */
function post(record: OutboxRecord) {
  const headers = { 'Idempotency-Key': record.idempotencyKey };
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
  const { request } = record;
  if (request.kind === 'case') return api.POST('/api/v1/cases', { body: request.body, headers, signal });
  if (request.kind === 'follow-up')
    return api.POST('/api/v1/cases/{id}/follow-ups', {
      params: { path: { id: request.caseId } },
      body: request.body,
      headers,
      signal,
    });
  return api.POST('/api/v1/work-plans/{id}/items/{itemId}/activities', {
    params: { path: { id: request.planId, itemId: request.itemId } },
    body: request.body,
    headers,
    signal,
  });
}

async function send(record: OutboxRecord): Promise<DeliveryAnswer> {
  try {
    const { response, error } = await post(record);
    if (response.ok) return { status: response.status };
    return {
      status: response.status,
      kind: ApiProblem.from(response.status, error).kind,
      errors: fieldErrors(error),
    };
  } catch {
    return { network: true };
  }
}

/**
 * One queue (a case and its follow-ups, or one activity report), oldest first: a record goes only
 * once every record before it was delivered. Returns false when the phone was revoked.
 */
async function deliverQueue(outbox: Outbox, queue: OutboxRecord[], atOnce: boolean): Promise<boolean> {
  for (const record of queue) {
    if (!isDue(record, Date.now(), atOnce)) return true;
    sending.add(record.id);
    outboxChanged([...sending]);
    let answer: DeliveryAnswer;
    try {
      answer = await send(record);
    } finally {
      sending.delete(record.id);
      outboxChanged([...sending]);
    }
    if (revokesThePhone(answer)) return false;
    const next = afterTry(record, answer, Date.now());
    if (next.state !== 'delivered') {
      await outbox.put(next);
      return true;
    }
    await outbox.remove(record.id);
    if (record.request.kind === 'follow-up') followUpDelivered(record.request.caseId);
  }
  return true;
}

/** False when a `device-revoked` answer wiped the phone. */
async function deliverAll(vault: PhoneVault, atOnce: boolean): Promise<boolean> {
  const outbox = new Outbox(vault);
  noneSentElsewhere();
  // Read inside the lock: another tab may have delivered some since this tab last looked.
  const queues = queuesOf(await outbox.records());
  // Records of different cases do not wait for each other.
  const outcomes = await Promise.all(queues.map((queue) => deliverQueue(outbox, queue, atOnce)));
  if (!outcomes.includes(false)) return true;
  await vault.wipe();
  phoneWiped();
  return false;
}

/** The next try of a record that waits for its time; none when nothing waits for one. */
async function schedule(vault: PhoneVault): Promise<void> {
  clearTimeout(timer);
  const times = (await new Outbox(vault).records())
    .filter((record) => record.state === 'retry' && record.nextTryAt !== undefined)
    .map((record) => record.nextTryAt!);
  if (times.length === 0) return;
  timer = setTimeout(() => void deliverNow(), Math.max(0, Math.min(...times) - Date.now()));
}

/**
 * Sends what is due, while the page is unlocked and holds an access token; `atOnce` also sends the
 * retries before their time and the records that waited for a session (SPEC §12: at once on
 * `online` and on unlock, and when she asks).
 */
export async function deliverNow(atOnce = false): Promise<void> {
  const vault = openVault();
  if (!vault || !tokens.access()) return;
  try {
    await navigator.locks.request(LOCK, () => deliverAll(vault, atOnce));
    await schedule(vault);
  } catch (error) {
    // Locked meanwhile: what was not sent stays sealed for the next unlock.
    if (vault.unlocked) throw error;
  }
}

/**
 * Every record tried at once, before the phone of a role that no longer works offline is wiped:
 * how many are still unsent, or `wiped` when a `device-revoked` answer wiped the phone meanwhile.
 */
export function deliverBeforeWipe(vault: PhoneVault): Promise<number | 'wiped'> {
  return navigator.locks.request(LOCK, async () => {
    if (!(await deliverAll(vault, true))) return 'wiped' as const;
    return (await new Outbox(vault).records()).length;
  });
}

/** Started once per page in a phone-bound session: delivers at unlock, on `online`, and at each retry's time. */
export function startDelivery(): void {
  if (started) return;
  started = true;
  whenVaultOpens(() => void deliverNow(true));
  addEventListener('online', () => void deliverNow(true));
}
