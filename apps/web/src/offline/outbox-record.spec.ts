import type { components } from '../api/schema';
import { newOutboxRecord, type OutboxRecord, queuesOf } from './outbox-record';

const CASE = '11111111-1111-4111-8111-111111111111';
const OTHER_CASE = '22222222-2222-4222-8222-222222222222';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Records made `made`-th on the phone, at the clock's `at` (by default a clock that never moved back). */
const followUp = (n: number, caseId: string, made: number, at = made): OutboxRecord =>
  newOutboxRecord(
    id(n),
    { kind: 'follow-up', caseId, body: { id: id(n), date: '2026-12-06', type: 'home_visit' } },
    at,
    made,
  );

const intake = (caseId: string, made: number, at = made): OutboxRecord =>
  newOutboxRecord(caseId, { kind: 'case', body: { id: caseId } as components['schemas']['CreateCaseDto'] }, at, made);

const activity = (n: number, made: number): OutboxRecord =>
  newOutboxRecord(
    id(n),
    {
      kind: 'activity',
      planId: id(90),
      itemId: id(91),
      body: {
        id: id(n),
        date: '2026-12-06',
        participants: { women: 1, men: 0, girls: 0, boys: 0, disability: 0 },
        summary: 'Penyuluhan',
      },
    },
    made,
    made,
  );

describe('the outbox queues (SPEC §12: in order per case)', () => {
  it('puts a case taken in offline before its follow-ups, oldest first, and other cases and reports in queues of their own', () => {
    const records = [
      followUp(3, CASE, 30),
      activity(5, 5),
      followUp(2, CASE, 20),
      intake(CASE, 10),
      followUp(4, OTHER_CASE, 1),
      activity(6, 6),
    ];
    const queues = queuesOf(records).map((queue) => queue.map((record) => record.id));
    expect(queues).toHaveLength(4);
    expect(queues).toContainEqual([CASE, id(2), id(3)]);
    expect(queues).toContainEqual([id(4)]);
    expect(queues).toContainEqual([id(5)]);
    expect(queues).toContainEqual([id(6)]);
  });

  it('orders by what the phone counted, not its clock: a clock set back never puts a follow-up before its case', () => {
    // The case at 10:00 by the clock; the clock then set back an hour, and two follow-ups made after it.
    const records = [followUp(3, CASE, 3, 3_000), intake(CASE, 1, 10_000), followUp(2, CASE, 2, 6_000)];
    const queues = queuesOf(records).map((queue) => queue.map((record) => record.id));
    expect(queues).toEqual([[CASE, id(2), id(3)]]);
  });

  it('puts a case first in its queue even when a follow-up was counted before it', () => {
    const queues = queuesOf([followUp(2, CASE, 1), intake(CASE, 2)]);
    expect(queues.map((queue) => queue.map((record) => record.id))).toEqual([[CASE, id(2)]]);
  });

  it('orders records counted alike in every tab alike, by id', () => {
    const queues = queuesOf([followUp(8, CASE, 1), followUp(7, CASE, 1)]);
    expect(queues.map((queue) => queue.map((record) => record.id))).toEqual([[id(7), id(8)]]);
  });

  it('fixes a fresh Idempotency-Key per record at creation, and starts it waiting, untried', () => {
    const [a, b] = [followUp(1, CASE, 1), followUp(2, CASE, 1)];
    expect(a.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
    expect(a).toMatchObject({ state: 'waiting', tries: 0, createdAt: 1, sequence: 1 });
  });
});
