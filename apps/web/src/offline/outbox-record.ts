import type { components } from '../api/schema';

/** The records a phone makes (SPEC §12 "What works offline"), each sent to its own route. */
export type OutboxRequest =
  | { kind: 'case'; body: components['schemas']['CreateCaseDto'] }
  | { kind: 'follow-up'; caseId: string; body: components['schemas']['CreateFollowUpDto'] }
  | {
      kind: 'activity';
      planId: string;
      itemId: string;
      body: components['schemas']['CreateActivityReportDto'];
    };

export type OutboxKind = OutboxRequest['kind'];

/** A field the server refused, in its own words (`errors` of a `validation-failed` or `business-rule` problem). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The last answer that was not a delivery: what the companion is shown, and why the record waits. */
export interface LastProblem {
  /** 0 when the request never reached the server. */
  status: number;
  kind: string;
  errors: FieldProblem[];
}

/**
 * Where a record stands (SPEC §12 "Outbox"):
 * - `waiting`: not tried yet, sent at the next delivery;
 * - `retry`: a try failed for a passing reason, tried again at `nextTryAt`, at once on `online` and on unlock;
 * - `waits-sign-in`: 401, sent again once a session is opened (unlock, sign-in);
 * - `waits-password-change`: 403 `password-change-required`, sent again once a session is opened;
 * - `needs-correction`: refused for what it holds; sent again only once she corrected it;
 * - `orphaned`: 404, its case or plan item is gone or no longer hers; kept until she discards it;
 * - `needs-attention`: 409 `id-taken`, never sent again;
 * - `delivered`: the server holds it; removed from the outbox at once.
 */
export type OutboxState =
  | 'waiting'
  | 'retry'
  | 'waits-sign-in'
  | 'waits-password-change'
  | 'needs-correction'
  | 'orphaned'
  | 'needs-attention'
  | 'delivered';

/**
 * A record made on the phone and not yet delivered, sealed under DK at `outbox/<id>`. `id` is the
 * device-made UUID sent as the record's `id`, which makes the delivery exactly once; the
 * Idempotency-Key is fixed at creation, so a repeat of the same request is a replay.
 */
export interface OutboxRecord {
  id: string;
  request: OutboxRequest;
  idempotencyKey: string;
  /** Milliseconds since the epoch, the phone's clock: shown, never used to order (a clock can be set back). */
  createdAt: number;
  /** The order the phone made its records in, counted by the phone (`Outbox.add`), whatever its clock says. */
  sequence: number;
  state: OutboxState;
  tries: number;
  nextTryAt?: number;
  problem?: LastProblem;
}

export const OUTBOX_PREFIX = 'outbox/';
export const outboxName = (id: string) => `${OUTBOX_PREFIX}${id}`;

/**
 * The records that go out in order together: a case and its follow-ups, by the case's id (SPEC §12:
 * a follow-up of a case taken in offline waits for its case). An activity report waits for no one.
 */
export function queueOf(request: OutboxRequest, id: string): string {
  if (request.kind === 'case') return `case/${id}`;
  if (request.kind === 'follow-up') return `case/${request.caseId}`;
  return `activity/${id}`;
}

/** The order records were made in: the phone's own count, then the id, so every tab orders alike. */
export const madeBefore = (a: OutboxRecord, b: OutboxRecord): number =>
  a.sequence - b.sequence || a.id.localeCompare(b.id);

/** A case goes before its follow-ups, whatever else the records say: none of them exists on the server without it. */
const caseFirst = (a: OutboxRecord, b: OutboxRecord): number =>
  Number(b.request.kind === 'case') - Number(a.request.kind === 'case');

/**
 * The records grouped into their queues, each oldest first (SPEC §12 "Outbox"): a record goes only
 * once every record before it in its queue was delivered. The order is the phone's count of the
 * records it made, never its clock: a clock set back would put a follow-up before its case, which
 * the server then answers 404, and the orphaned follow-up would hold its case back for good.
 */
export function queuesOf(records: OutboxRecord[]): OutboxRecord[][] {
  const queues = new Map<string, OutboxRecord[]>();
  const ordered = [...records].sort((a, b) => caseFirst(a, b) || madeBefore(a, b));
  for (const record of ordered) {
    const key = queueOf(record.request, record.id);
    queues.set(key, [...(queues.get(key) ?? []), record]);
  }
  return [...queues.values()];
}

export function newOutboxRecord(id: string, request: OutboxRequest, now: number, sequence: number): OutboxRecord {
  return { id, request, idempotencyKey: crypto.randomUUID(), createdAt: now, sequence, state: 'waiting', tries: 0 };
}
