import { AuditEventEntity } from '@pendamping/auth/entities';
import { Response } from 'supertest';
import { addFollowUp, addReferral, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';

/**
 * Item 3 of issue 11: every response that shows identifying or sensitive values audits a read of
 * them by field name, whatever the route (SPEC §8 audit). Before, only GET and lists did; the
 * answers to PATCH, transitions, assignment and creation showed a survivor's name unaudited.
 */
describe('read audit of every answer', () => {
  const suite = organisationSuite();
  const API = '/api/v1';
  const http = () => suite.api.http();

  /** The read events of one request (a replay's reads carry the replaying request as the client's id). */
  const readsOf = async (response: Response) => {
    const requestId = response.headers['x-request-id'];
    const events = await suite.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.organizationId = :organizationId', { organizationId: suite.org.id })
      .andWhere(`event.action = 'read'`)
      .andWhere('(event.requestId = :requestId OR event.clientRequestId = :requestId)', { requestId })
      .getMany();
    return events.map((event) => ({ subject: event.subject, subjectId: event.subjectId, fields: event.fields }));
  };

  const newCase = async () => {
    const body = newCaseBody(suite.org.villages.a, {
      survivor: { sex: 'female', name: 'Maria Bria', nik: '5301010101010001' },
      narrative: 'Dipukul suami.',
    });
    return (await http().post(`${API}/cases`).set(suite.org.companionA.auth()).send(body).expect(201)).body;
  };

  it('a created case answered with identities audits a read with their field names', async () => {
    const response = await http()
      .post(`${API}/cases`)
      .set(suite.org.companionA.auth())
      .send(newCaseBody(suite.org.villages.a, { survivor: { sex: 'female', name: 'Yuliana Tefa' } }))
      .expect(201);
    expect(response.body.survivor.name).toBe('Yuliana Tefa');
    expect(await readsOf(response)).toEqual([
      { subject: 'Case', subjectId: response.body.id, fields: ['survivor.name'] },
    ]);
  });

  it('concurrent creations, each auditing its change and the read of its answer in one transaction, never deadlock', async () => {
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        http()
          .post(`${API}/cases`)
          .set(suite.org.companionA.auth())
          .send(newCaseBody(suite.org.villages.a, { survivor: { sex: 'female', name: `Penyintas ${index}` } })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const lanes = await Promise.all(
      responses.map(async (response) =>
        suite.dataSource.query<{ lanes: number }[]>(
          `SELECT count(DISTINCT lane)::int AS lanes FROM audit_events WHERE request_id = $1`,
          [response.headers['x-request-id']],
        ),
      ),
    );
    expect(lanes.map(([row]) => row.lanes)).toEqual(responses.map(() => 1));
  });

  it('a PATCH answer that carries identities audits a read with their field names', async () => {
    const created = await newCase();
    const response = await http()
      .patch(`${API}/cases/${created.id}`)
      .set(suite.org.companionA.auth())
      .send({ version: created.version })
      .expect(200);
    expect(response.body.survivor.nik).toBe('5301010101010001');
    expect(await readsOf(response)).toEqual([
      { subject: 'Case', subjectId: created.id, fields: ['narrative', 'survivor.name', 'survivor.nik'] },
    ]);
  });

  it('a transition answer that carries identities audits a read with their field names', async () => {
    const created = await newCase();
    const response = await http()
      .post(`${API}/cases/${created.id}/transitions`)
      .set(suite.org.companionA.auth())
      .send({ to: 'active', reason: 'Pendampingan dimulai.' })
      .expect(200);
    expect(await readsOf(response)).toEqual([
      {
        subject: 'Case',
        subjectId: created.id,
        fields: ['narrative', 'statusReason', 'survivor.name', 'survivor.nik'],
      },
    ]);
  });

  it('an assignment answer that carries identities audits a read with their field names', async () => {
    const created = await newCase();
    const response = await http()
      .put(`${API}/cases/${created.id}/assignment`)
      .set(suite.org.coordinatorA.auth())
      .send({ assignedCompanionId: suite.org.companionA.id, version: created.version })
      .expect(200);
    expect(response.body.survivor.name).toBe('Maria Bria');
    expect(await readsOf(response)).toEqual([
      { subject: 'Case', subjectId: created.id, fields: ['narrative', 'survivor.name', 'survivor.nik'] },
    ]);
  });

  it('a created referral or follow-up answered with its notes audits a read of them', async () => {
    const created = await newCase();
    const referral = await http()
      .post(`${API}/cases/${created.id}/referrals`)
      .set(suite.org.companionA.auth())
      .send({ serviceType: 'health', referredAt: '2026-03-03', note: 'Ke puskesmas.' })
      .expect(201);
    expect(await readsOf(referral)).toEqual([{ subject: 'Referral', subjectId: referral.body.id, fields: ['note'] }]);
    const followUp = await http()
      .post(`${API}/cases/${created.id}/follow-ups`)
      .set(suite.org.companionA.auth())
      .send({ date: '2026-03-04', type: 'home_visit', notes: 'Aman.' })
      .expect(201);
    expect(await readsOf(followUp)).toEqual([{ subject: 'FollowUp', subjectId: followUp.body.id, fields: ['notes'] }]);
  });

  it('a referral PATCH answer with its note audits a read of it', async () => {
    const created = await newCase();
    const referral = await addReferral(suite.api, suite.org.companionA, created.id, { note: 'Ke polisi.' });
    const response = await http()
      .patch(`${API}/cases/${created.id}/referrals/${referral.id}`)
      .set(suite.org.companionA.auth())
      .send({ outcomeNote: 'Diterima.', version: referral.version })
      .expect(200);
    expect(await readsOf(response)).toEqual([
      { subject: 'Referral', subjectId: referral.id, fields: ['note', 'outcomeNote'] },
    ]);
  });

  it('a list and a get still audit what they show, once each', async () => {
    const created = await newCase();
    await addFollowUp(suite.api, suite.org.companionA, created.id, { notes: 'Baik.' });
    const list = await http().get(`${API}/cases/${created.id}/follow-ups`).set(suite.org.companionA.auth()).expect(200);
    const listed = await suite.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ requestId: list.headers['x-request-id'] });
    expect(listed.map((event) => ({ action: event.action, fields: event.fields }))).toEqual([
      { action: 'list', fields: ['notes'] },
    ]);
    const read = await http().get(`${API}/cases/${created.id}`).set(suite.org.companionA.auth()).expect(200);
    expect(await readsOf(read)).toEqual([
      { subject: 'Case', subjectId: created.id, fields: ['narrative', 'survivor.name', 'survivor.nik'] },
    ]);
  });

  it('an answer without identities or sensitive values audits no read', async () => {
    const created = await newCase();
    const response = await http().get(`${API}/cases/${created.id}`).set(suite.org.reviewer.auth());
    expect(response.status).toBe(200);
    expect(response.body.survivor?.name).toBeUndefined();
    expect(await readsOf(response)).toEqual([]);
  });

  it('an idempotent replay of a creation audits the read it answers with', async () => {
    const body = newCaseBody(suite.org.villages.a, { survivor: { sex: 'female', name: 'Agustina Nope' } });
    const post = () =>
      http()
        .post(`${API}/cases`)
        .set(suite.org.companionA.auth())
        .set('idempotency-key', 'read-audit-create')
        .send(body);
    const first = await post().expect(201);
    const replay = await post().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.survivor.name).toBe('Agustina Nope');
    expect(await readsOf(replay)).toEqual([{ subject: 'Case', subjectId: first.body.id, fields: ['survivor.name'] }]);
  });

  it('a transition retried with the same Idempotency-Key answers the case again, audited', async () => {
    const created = await newCase();
    const post = () =>
      http()
        .post(`${API}/cases/${created.id}/transitions`)
        .set(suite.org.companionA.auth())
        .set('idempotency-key', 'read-audit-transition')
        .send({ to: 'active', reason: 'Mulai.' });
    const first = await post().expect(200);
    const replay = await post();
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await readsOf(replay)).toEqual([
      {
        subject: 'Case',
        subjectId: created.id,
        fields: ['narrative', 'statusReason', 'survivor.name', 'survivor.nik'],
      },
    ]);
  });
});

describe('request ids in the audit log', () => {
  const suite = organisationSuite();

  it("audits under our own request id and keeps the client's X-Request-Id apart, cleaned", async () => {
    const response = await suite.api
      .http()
      .get('/api/v1/regions')
      .set(suite.org.admin.auth())
      .set('x-request-id', 'forged id;=HYPERLINK("x")<b>')
      .expect(200);
    const ours = response.headers['x-request-id'];
    expect(ours).not.toContain('forged');
    const [event] = await suite.dataSource.getRepository(AuditEventEntity).findBy({ requestId: ours });
    expect(event).toMatchObject({ action: 'list', subject: 'Region', clientRequestId: 'forgedidHYPERLINKxb' });
    expect(await suite.dataSource.getRepository(AuditEventEntity).countBy({ requestId: 'forged-id' })).toBe(0);
    const verified = await suite.api.http().get('/api/v1/audit/verify').set(suite.org.admin.auth()).expect(200);
    expect(verified.body.valid).toBe(true);
  });
});
