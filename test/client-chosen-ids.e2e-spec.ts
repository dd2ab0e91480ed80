import { randomUUID } from 'node:crypto';
import { requestHash } from '@pendamping/auth/idempotency/request-hash';
import { IdempotencyKeyEntity } from '@pendamping/auth/entities';
import { newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { activityBody, addItem, createPlan } from './support/work-plans';
import { createUser, SignedInUser } from './support/world';

const problem = (kind: string) => `urn:pendamping:problem:${kind}`;

/**
 * SPEC §12 "Outbox": a record made on a phone carries a device-made id, and the id is what makes
 * its delivery exactly once. Each kind of record that can be made offline is checked the same
 * way: cases, follow-ups, activity reports.
 */
describe('client-chosen ids on creation', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let secondCompanion: SignedInUser;
  let caseId: string;
  let activitiesPath: string;

  beforeAll(async () => {
    const { admin, companionA, groups, villages } = suite.org;
    secondCompanion = await createUser(suite.api, admin, 'companion', { groupIds: [groups.a] });
    caseId = (await http().post('/api/v1/cases').set(companionA.auth()).send(newCaseBody(villages.a)).expect(201)).body
      .id;
    const plan = await createPlan(suite.api, companionA, { groupId: groups.a, year: 2025 });
    const item = await addItem(suite.api, companionA, plan.id);
    activitiesPath = `/api/v1/work-plans/${plan.id}/items/${item.id}/activities`;
  });

  const kinds = () => [
    {
      kind: 'case',
      path: '/api/v1/cases',
      body: (id: string) => newCaseBody(suite.org.villages.a, { id }),
      table: 'cases',
    },
    {
      kind: 'follow-up',
      path: `/api/v1/cases/${caseId}/follow-ups`,
      body: (id: string) => ({ id, date: '2026-03-04', type: 'home_visit', notes: 'Bertemu di rumah ibunya' }),
      table: 'follow_ups',
    },
    {
      kind: 'activity report',
      path: activitiesPath,
      body: (id: string) => activityBody('2025-06-02', undefined, { id }),
      table: 'activity_reports',
    },
  ];
  const countOf = async (table: string) =>
    Number((await suite.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it.each(['case', 'follow-up', 'activity report'])(
    'answers the creator sending a %s again 200 with its id alone, before any idempotency replay, and creates it once',
    async (name) => {
      const { path, body, table } = kinds().find((kind) => kind.kind === name)!;
      const id = randomUUID();
      const before = await countOf(table);
      const first = await http().post(path).set(suite.org.companionA.auth()).set('idempotency-key', id).send(body(id));
      expect(first.status).toBe(201);
      expect(first.body.id).toBe(id);
      for (const key of [id, randomUUID()]) {
        const again = await http()
          .post(path)
          .set(suite.org.companionA.auth())
          .set('idempotency-key', key)
          .send(body(id));
        expect([again.status, again.body, again.headers['idempotent-replayed']]).toEqual([200, { id }, undefined]);
      }
      const withoutKey = await http().post(path).set(suite.org.companionA.auth()).send(body(id));
      expect([withoutKey.status, withoutKey.body]).toEqual([200, { id }]);
      expect(await countOf(table)).toBe(before + 1);
    },
  );

  it.each(['case', 'follow-up', 'activity report'])(
    "answers another user 409 id-taken for a %s's id, telling nothing of the record, and changes nothing",
    async (name) => {
      const { path, body, table } = kinds().find((kind) => kind.kind === name)!;
      const id = randomUUID();
      await http().post(path).set(suite.org.companionA.auth()).send(body(id)).expect(201);
      const before = await countOf(table);
      const taken = await http().post(path).set(secondCompanion.auth()).send(body(id));
      expect([taken.status, taken.body.type]).toEqual([409, problem('id-taken')]);
      expect(taken.text).not.toContain('Bertemu');
      expect(Object.keys(taken.body).sort()).toEqual([
        'detail',
        'fields',
        'instance',
        'requestId',
        'status',
        'title',
        'type',
      ]);
      expect(await countOf(table)).toBe(before);
    },
  );

  it('answers the creator 200 with the id even when the case and its follow-up are no longer hers to read', async () => {
    const { companionA, coordinatorA, villages } = suite.org;
    const id = randomUUID();
    const followUpId = randomUUID();
    const created = await http()
      .post('/api/v1/cases')
      .set(companionA.auth())
      .send(newCaseBody(villages.a, { id }))
      .expect(201);
    const followUp = { id: followUpId, date: '2026-03-05', type: 'phone_call' };
    await http().post(`/api/v1/cases/${id}/follow-ups`).set(companionA.auth()).send(followUp).expect(201);
    // Reassigned while her phone was offline: its retries must still count as delivered.
    await http()
      .put(`/api/v1/cases/${id}/assignment`)
      .set(coordinatorA.auth())
      .send({ assignedCompanionId: secondCompanion.id, version: created.body.version })
      .expect(200);
    await http().get(`/api/v1/cases/${id}`).set(companionA.auth()).expect(404);
    const caseAgain = await http().post('/api/v1/cases').set(companionA.auth()).send(newCaseBody(villages.a, { id }));
    expect([caseAgain.status, caseAgain.body]).toEqual([200, { id }]);
    const followUpAgain = await http().post(`/api/v1/cases/${id}/follow-ups`).set(companionA.auth()).send(followUp);
    expect([followUpAgain.status, followUpAgain.body]).toEqual([200, { id: followUpId }]);
  });

  it('creates one record when the same id is sent twice at once, answering the other 200 with the id', async () => {
    const id = randomUUID();
    const before = await countOf('follow_ups');
    const { path, body } = kinds().find((kind) => kind.kind === 'follow-up')!;
    const answers = await Promise.all(
      [0, 1, 2].map(() => http().post(path).set(suite.org.companionA.auth()).send(body(id))),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    expect(answers.every((answer) => answer.body.id === id)).toBe(true);
    expect(await countOf('follow_ups')).toBe(before + 1);
  });

  it('answers a request whose key is held by a running first request 409 idempotency-in-progress', async () => {
    const { companionA } = suite.org;
    const path = `/api/v1/cases/${caseId}/follow-ups`;
    const body = { date: '2026-03-06', type: 'home_visit' };
    const key = randomUUID();
    await suite.dataSource.getRepository(IdempotencyKeyEntity).insert({
      userId: companionA.id,
      key,
      requestHash: requestHash('POST', path, body),
      status: null,
      resourcePath: null,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const running = await http().post(path).set(companionA.auth()).set('idempotency-key', key).send(body);
    expect([running.status, running.body.type]).toEqual([409, problem('idempotency-in-progress')]);
  });

  it('lets a request that failed, in validation or in a business rule, consume no key and no id', async () => {
    const { companionA } = suite.org;
    const path = `/api/v1/cases/${caseId}/follow-ups`;
    const id = randomUUID();
    const key = randomUUID();
    const send = (body: object) => http().post(path).set(companionA.auth()).set('idempotency-key', key).send(body);
    await send({ id, date: '2026-03-07', type: 'not-a-type' }).expect(400);
    await send({ id, date: '2026-03-07', type: 'home_visit', dueDate: '2026-03-01' }).expect(400);
    const delivered = await send({ id, date: '2026-03-07', type: 'home_visit' });
    expect([delivered.status, delivered.body.id]).toEqual([201, id]);
  });
});
