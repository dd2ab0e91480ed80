import {
  afterTry,
  backoff,
  BACKOFF_CAP_MS,
  type DeliveryAnswer,
  isDue,
  revokesThePhone,
  stateOf,
} from './outbox-answer';
import { newOutboxRecord, type OutboxRecord } from './outbox-record';

const answer = (status: number, kind?: string): DeliveryAnswer => ({ status, ...(kind && { kind }) });
const NOW = Date.UTC(2026, 11, 6, 22, 0);

function followUp(): OutboxRecord {
  return newOutboxRecord(
    '3f0c6a8e-1d2b-4c5d-9e6f-7a8b9c0d1e2f',
    {
      kind: 'follow-up',
      caseId: '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f',
      body: { id: '3f0c6a8e-1d2b-4c5d-9e6f-7a8b9c0d1e2f', date: '2026-12-06', type: 'home_visit' },
    },
    NOW - 1000,
    1,
  );
}

describe('the outbox: each answer to a state, as SPEC §12 "Outbox" lists them', () => {
  it('delivers on every 2xx, the 200 {id} of a repeat included', () => {
    expect(stateOf(answer(201))).toBe('delivered');
    expect(stateOf(answer(200))).toBe('delivered');
  });

  it('retries a network error, 5xx, 429 and 409 idempotency-in-progress', () => {
    expect(stateOf({ network: true })).toBe('retry');
    expect(stateOf(answer(500, 'internal'))).toBe('retry');
    expect(stateOf(answer(502))).toBe('retry');
    expect(stateOf(answer(503, 'unavailable'))).toBe('retry');
    expect(stateOf(answer(429, 'too-many-requests'))).toBe('retry');
    expect(stateOf(answer(409, 'idempotency-in-progress'))).toBe('retry');
  });

  it('waits for a sign-in on 401, and wipes the phone on 401 device-revoked only', () => {
    expect(stateOf(answer(401, 'unauthenticated'))).toBe('waits-sign-in');
    expect(revokesThePhone(answer(401, 'unauthenticated'))).toBe(false);
    expect(revokesThePhone(answer(401, 'device-revoked'))).toBe(true);
    expect(revokesThePhone(answer(403, 'device-revoked'))).toBe(false);
    expect(revokesThePhone({ network: true })).toBe(false);
  });

  it('waits on 403 password-change-required; any other 403, 400, 413 and 422 need correction', () => {
    expect(stateOf(answer(403, 'password-change-required'))).toBe('waits-password-change');
    expect(stateOf(answer(403, 'forbidden'))).toBe('needs-correction');
    expect(stateOf(answer(403, 'forbidden-fields'))).toBe('needs-correction');
    expect(stateOf(answer(400, 'validation-failed'))).toBe('needs-correction');
    expect(stateOf(answer(413, 'payload-too-large'))).toBe('needs-correction');
    expect(stateOf(answer(422, 'business-rule'))).toBe('needs-correction');
  });

  it('orphans on 404 and needs attention on 409 id-taken (or any other conflict)', () => {
    expect(stateOf(answer(404, 'not-found'))).toBe('orphaned');
    expect(stateOf(answer(409, 'id-taken'))).toBe('needs-attention');
    expect(stateOf(answer(409, 'idempotency-key-reused'))).toBe('needs-attention');
  });

  it('backs off exponentially from 2 seconds, capped at 60', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoff)).toEqual([
      2_000,
      4_000,
      8_000,
      16_000,
      32_000,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
    ]);
  });

  it('counts the try, sets the next one and keeps the server field errors of a refusal', () => {
    const record = followUp();
    const failed = afterTry(record, { network: true }, NOW);
    expect(failed).toMatchObject({ state: 'retry', tries: 1, nextTryAt: NOW + 2_000 });
    expect(failed.problem).toEqual({ status: 0, kind: 'network', errors: [] });
    const again = afterTry(failed, answer(503), NOW + 2_000);
    expect(again).toMatchObject({ state: 'retry', tries: 2, nextTryAt: NOW + 6_000 });

    const errors = [{ field: 'date', message: 'date must not be in the future' }];
    const refused = afterTry(again, { status: 400, kind: 'validation-failed', errors }, NOW + 6_000);
    expect(refused.state).toBe('needs-correction');
    expect(refused.nextTryAt).toBeUndefined();
    expect(refused.problem).toEqual({ status: 400, kind: 'validation-failed', errors });
    // Nothing the record was made with changes: the same id, request and Idempotency-Key go out again.
    expect(refused).toMatchObject({ id: record.id, request: record.request, idempotencyKey: record.idempotencyKey });

    const delivered = afterTry(refused, answer(200), NOW + 7_000);
    expect(delivered.state).toBe('delivered');
    expect(delivered.problem).toBeUndefined();
  });

  it('sends the waiting and due records by itself; at once (online, unlock) also the retries and the waits for a session', () => {
    const waiting = followUp();
    const retry = afterTry(waiting, { network: true }, NOW);
    const signIn = afterTry(waiting, answer(401), NOW);
    const correction = afterTry(waiting, answer(422, 'business-rule'), NOW);
    const orphaned = afterTry(waiting, answer(404), NOW);
    const taken = afterTry(waiting, answer(409, 'id-taken'), NOW);
    expect(isDue(waiting, NOW, false)).toBe(true);
    expect(isDue(retry, NOW + 1_000, false)).toBe(false);
    expect(isDue(retry, NOW + 2_000, false)).toBe(true);
    expect(isDue(retry, NOW + 1_000, true)).toBe(true);
    expect(isDue(signIn, NOW + 60_000, false)).toBe(false);
    expect(isDue(signIn, NOW, true)).toBe(true);
    for (const stuck of [correction, orphaned, taken]) expect(isDue(stuck, NOW + 600_000, true)).toBe(false);
  });
});
