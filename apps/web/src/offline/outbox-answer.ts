import type { FieldProblem, OutboxRecord, OutboxState } from './outbox-record';

/** What a try of delivery came back with: no answer at all, or the server's status and problem. */
export type DeliveryAnswer =
  { network: true } | { network?: false; status: number; kind?: string; errors?: FieldProblem[] };

/** SPEC §12: exponential backoff capped at 60 seconds. */
export const BACKOFF_FIRST_MS = 2_000;
export const BACKOFF_CAP_MS = 60_000;

export const backoff = (tries: number): number =>
  Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, tries - 1));

/** The state an answer puts a record in, exactly as SPEC §12 "Outbox" lists them. */
export function stateOf(answer: DeliveryAnswer): OutboxState {
  if (answer.network) return 'retry';
  const { status, kind } = answer;
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 500 || status === 429) return 'retry';
  if (status === 409) return kind === 'idempotency-in-progress' ? 'retry' : 'needs-attention';
  if (status === 401) return 'waits-sign-in';
  if (status === 403) return kind === 'password-change-required' ? 'waits-password-change' : 'needs-correction';
  if (status === 404) return 'orphaned';
  // 400, 413, 422 and any other refusal: what the record holds must change before it is sent again.
  return 'needs-correction';
}

/** A 401 `device-revoked` ends the phone (SPEC §12 "Resets, role changes, revocation"): the store is wiped. */
export const revokesThePhone = (answer: DeliveryAnswer): boolean =>
  !answer.network && answer.status === 401 && answer.kind === 'device-revoked';

/** The record after one try: its state, tries counted, the next try's time, and the problem kept. */
export function afterTry(record: OutboxRecord, answer: DeliveryAnswer, now: number): OutboxRecord {
  const state = stateOf(answer);
  const tries = record.tries + 1;
  const next: OutboxRecord = {
    id: record.id,
    request: record.request,
    idempotencyKey: record.idempotencyKey,
    createdAt: record.createdAt,
    sequence: record.sequence,
    state,
    tries,
  };
  if (state === 'retry') next.nextTryAt = now + backoff(tries);
  if (state !== 'delivered')
    next.problem = answer.network
      ? { status: 0, kind: 'network', errors: [] }
      : { status: answer.status, kind: answer.kind ?? '', errors: answer.errors ?? [] };
  return next;
}

/** States a delivery sends without her doing anything (a retry only once its time came, unless sent at once). */
export function isDue(record: OutboxRecord, now: number, atOnce: boolean): boolean {
  if (record.state === 'waiting') return true;
  if (record.state === 'retry') return atOnce || (record.nextTryAt ?? 0) <= now;
  return atOnce && (record.state === 'waits-sign-in' || record.state === 'waits-password-change');
}
