import { randomUUID } from 'node:crypto';
import { chainHash } from '@pendamping/auth/audit/audit-chain';
import { AuditEventEntity } from '@pendamping/auth/entities';
import { MAX_SYNC_CASES } from '@pendamping/cases';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import { addFollowUp, addReferral, createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { createOrganisation, createUser, Organisation, SignedInUser } from './support/world';

/**
 * A companion's phone (SPEC §12 "Sync"; docs/offline.md): the complete list of her current cases,
 * those changed since the cursor in full with their follow-ups and referrals, one audit event per
 * sync, and the reads made on the phone recorded in the audit log.
 */

const API = '/api/v1';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sorted = (values: readonly string[]) => [...values].sort();

describe('Sync', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let companion: SignedInUser;
  let colleague: SignedInUser;
  let other: Organisation;
  const cases: Record<'own' | 'coAssigned' | 'restricted' | 'closed' | 'colleagues' | 'otherOrg', Json> = {} as never;

  const sync = (user: SignedInUser, since?: string) => {
    const request = http().get(`${API}/sync/cases`).set(user.auth());
    return since === undefined ? request : request.query({ since });
  };
  const syncOk = async (user: SignedInUser, since?: string): Promise<Json> =>
    (await sync(user, since).expect(200)).body;
  const reads = (user: SignedInUser, body: unknown) =>
    http()
      .post(`${API}/sync/reads`)
      .set(user.auth())
      .send(body as object);
  /** The users whose reads were recorded under this read id. */
  const receivedIds = async (readId: string): Promise<string[]> =>
    (await suite.dataSource.query(`SELECT user_id FROM device_reads_received WHERE read_id = $1`, [readId])).map(
      (row: { user_id: string }) => row.user_id,
    );
  const eventsOf = (actorId: string, action?: string) =>
    suite.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { actorId, ...(action ? { action } : {}) }, order: { id: 'ASC' } });
  const assign = (id: string, body: Json) =>
    http().put(`${API}/cases/${id}/assignment`).set(suite.org.coordinatorA.auth()).send(body).expect(200);
  const caseBody = (tag: string) =>
    newCaseBody(suite.org.villages.a, { survivor: { sex: 'female', name: `Survivor ${tag}`, phone: '081234567890' } });

  beforeAll(async () => {
    companion = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    colleague = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    other = await createOrganisation(suite.api, 'Lain');

    cases.own = await createCase(suite.api, companion, caseBody('own'));
    cases.coAssigned = await createCase(suite.api, colleague, caseBody('co'));
    await assign(cases.coAssigned.id, { assignedCompanionId: colleague.id, coCompanionId: companion.id, version: 1 });
    // Restricted against her while assigned to her: the API refuses to make this, but the row scope must still hide it.
    cases.restricted = await createCase(suite.api, companion, caseBody('restricted'));
    await suite.dataSource.query(
      `UPDATE cases SET restricted = true, excluded_user_ids = ARRAY[$2::uuid] WHERE id = $1`,
      [cases.restricted.id, companion.id],
    );
    cases.closed = await createCase(suite.api, companion, caseBody('closed'));
    await suite.dataSource.query(`UPDATE cases SET status = 'closed' WHERE id = $1`, [cases.closed.id]);
    cases.colleagues = await createCase(suite.api, colleague, caseBody('colleague'));
    cases.otherOrg = await createCase(
      suite.api,
      other.companionA,
      newCaseBody(other.villages.a, { survivor: { sex: 'female', name: 'Elsewhere' } }),
    );
    await addFollowUp(suite.api, companion, cases.own.id, { notes: 'Visited at home' });
  });

  describe('GET /sync/cases', () => {
    it('lists exactly her current cases (companion and co-companion), none restricted against her, closed, a colleague’s or another group’s', async () => {
      const answer = await syncOk(companion);
      expect(answer.ids).toEqual(sorted([cases.own.id, cases.coAssigned.id]));
      expect(answer.more).toBe(false);
      expect(typeof answer.cursor).toBe('string');
      expect(sorted(answer.cases.map((view: Json) => view.id))).toEqual(answer.ids);
      const own = answer.cases.find((view: Json) => view.id === cases.own.id);
      expect(own).toMatchObject({
        survivor: { name: 'Survivor own' },
        allowed: { actions: expect.arrayContaining(['read', 'update']) },
      });
      expect(own.followUps).toEqual([
        expect.objectContaining({ caseId: cases.own.id, notes: 'Visited at home', allowed: expect.any(Object) }),
      ]);
      expect(own.referrals).toEqual([]);
      // A colleague is synced her own, not this companion's.
      expect((await syncOk(colleague)).ids).toEqual(sorted([cases.coAssigned.id, cases.colleagues.id]));
      expect((await syncOk(other.companionA)).ids).toEqual([cases.otherOrg.id]);
    });

    it('with a cursor sends in full only the cases whose record, follow-ups or referrals changed', async () => {
      let cursor = (await syncOk(companion)).cursor as string;
      const next = async (): Promise<string[]> => {
        const answer = await syncOk(companion, cursor);
        expect(answer.ids).toEqual(sorted([cases.own.id, cases.coAssigned.id]));
        cursor = answer.cursor;
        return answer.cases.map((view: Json) => view.id);
      };
      expect(await next()).toEqual([]);

      await addFollowUp(suite.api, companion, cases.own.id, { date: '2026-03-05', notes: 'Second visit' });
      const withFollowUp = await syncOk(companion, cursor);
      expect(withFollowUp.cases.map((view: Json) => view.id)).toEqual([cases.own.id]);
      expect(withFollowUp.cases[0].followUps.map((view: Json) => view.notes)).toEqual([
        'Visited at home',
        'Second visit',
      ]);
      cursor = withFollowUp.cursor;
      expect(await next()).toEqual([]);

      const referral = await addReferral(suite.api, companion, cases.coAssigned.id, { note: 'To the clinic' });
      expect(await next()).toEqual([cases.coAssigned.id]);

      await http()
        .patch(`${API}/cases/${cases.coAssigned.id}/referrals/${referral.id}`)
        .set(companion.auth())
        .send({ status: 'accepted', version: referral.version })
        .expect(200);
      expect(await next()).toEqual([cases.coAssigned.id]);

      const current = (await http().get(`${API}/cases/${cases.own.id}`).set(companion.auth()).expect(200)).body;
      await http()
        .patch(`${API}/cases/${cases.own.id}`)
        .set(companion.auth())
        .send({ riskLevel: 'high', version: current.version })
        .expect(200);
      expect(await next()).toEqual([cases.own.id]);
      expect(await next()).toEqual([]);
    });

    it('sends a change that a transaction begun before a sync commits after it (the cursor overlaps, never skips)', async () => {
      const late = suite.dataSource.createQueryRunner();
      await late.connect();
      let cursor: string;
      let syncedAt: Date;
      try {
        await late.startTransaction();
        // Its updated_at is its transaction's start: earlier than the sync below, committed after it.
        await late.query(`UPDATE cases SET risk_level = 'low', updated_at = now() WHERE id = $1`, [
          cases.coAssigned.id,
        ]);
        const previous = (await syncOk(companion)).cursor;
        syncedAt = new Date();
        const during = await syncOk(companion, previous);
        expect(during.cases).toEqual([]);
        cursor = during.cursor;
        await late.commitTransaction();
      } finally {
        await late.release();
      }
      const [{ stamped }] = await suite.dataSource.query(`SELECT updated_at AS stamped FROM cases WHERE id = $1`, [
        cases.coAssigned.id,
      ]);
      // A cursor that were the sync's own time would have skipped it.
      expect((stamped as Date).getTime()).toBeLessThan(syncedAt.getTime());
      const after = await syncOk(companion, cursor);
      expect(after.cases.map((view: Json) => view.id)).toEqual([cases.coAssigned.id]);
      expect(after.cases[0].riskLevel).toBe('low');
    });

    it('drops a reassigned case from the ids, and sends a case newly hers in full', async () => {
      const mine = await createCase(suite.api, companion, caseBody('moving'));
      const before = await syncOk(companion);
      expect(before.ids).toContain(mine.id);
      await assign(mine.id, { assignedCompanionId: colleague.id, version: mine.version });
      const after = await syncOk(companion, before.cursor);
      expect(after.ids).not.toContain(mine.id);
      expect(after.cases.map((view: Json) => view.id)).not.toContain(mine.id);
      const theirs = await syncOk(colleague, (await syncOk(colleague)).cursor);
      expect(theirs.ids).toContain(mine.id);
      // Moved back to her: her next sync sends it in full again.
      await assign(mine.id, { assignedCompanionId: companion.id, version: mine.version + 1 });
      const back = await syncOk(companion, after.cursor);
      expect(back.ids).toContain(mine.id);
      expect(back.cases.map((view: Json) => view.id)).toContain(mine.id);
    });

    it('refuses roles that do not work offline with 403, and a cursor it did not give out with 400', async () => {
      for (const user of [suite.org.reviewer, suite.org.coordinatorA, suite.org.admin])
        expect((await sync(user).expect(403)).body.type).toBe('urn:pendamping:problem:forbidden');
      for (const since of ['nonsense', 's1.bm9wZQ', 's1.' + Buffer.from('{"since":"yesterday"}').toString('base64url')])
        await sync(companion, since).expect(400);
    });

    it('answers 400, not 500, to a cursor whose watermark has the shape of a time but is none', async () => {
      const cursor = (json: object) => 's1.' + Buffer.from(JSON.stringify(json)).toString('base64url');
      const after = '11111111-1111-4111-8111-111111111111';
      for (const since of [
        cursor({ since: '2026-13-45T99:00:00.000000Z' }),
        cursor({ since: '2026-02-30T10:00:00.000000Z' }),
        cursor({ since: '2026-12-01T24:00:00.000000Z' }),
        cursor({ since: '0000-01-01T00:00:00.000000Z' }),
        cursor({ since: null, until: '2026-12-01T10:61:00.000000Z', after }),
      ]) {
        const answer = await sync(companion, since).expect(400);
        expect(answer.body.type).toBe('urn:pendamping:problem:validation-failed');
      }
      await sync(companion, cursor({ since: '2026-12-01T10:00:00.123456Z' })).expect(200);
    });

    it('writes ONE audit event per sync, naming the cases sent and the fields shown, never a value', async () => {
      const before = await eventsOf(companion.id);
      const answer = await syncOk(companion);
      const written = (await eventsOf(companion.id)).slice(before.length);
      expect(written).toHaveLength(1);
      const [event] = written;
      expect(event).toMatchObject({ action: 'sync', subject: 'Case', subjectId: null, outcome: 'success' });
      expect(sorted(event.subjectIds ?? [])).toEqual(sorted(answer.cases.map((view: Json) => view.id)));
      expect(event.fields).toEqual(
        expect.arrayContaining(['survivor.name', 'survivor.phone', 'followUps.notes', 'referrals.note']),
      );
      const stored = JSON.stringify(event);
      for (const value of ['Survivor own', '081234567890', 'Visited at home', 'To the clinic'])
        expect(stored).not.toContain(value);
      // A sync with nothing changed is a read of record too.
      const quiet = await syncOk(companion, (await syncOk(companion)).cursor);
      expect(quiet.cases).toEqual([]);
      const last = (await eventsOf(companion.id, 'sync')).pop();
      expect(last).toMatchObject({ subjectIds: [], fields: [] });
    });

    it(`pages the full cases, at most ${MAX_SYNC_CASES} an answer, and loses none between pages`, async () => {
      const busy = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
      const created: string[] = [];
      for (let index = 0; index < MAX_SYNC_CASES + 3; index++)
        created.push((await createCase(suite.api, busy, caseBody(`many ${index}`))).id);
      const first = await syncOk(busy);
      expect(first.ids).toEqual(sorted(created));
      expect(first.cases).toHaveLength(MAX_SYNC_CASES);
      expect(first.more).toBe(true);
      const second = await syncOk(busy, first.cursor);
      expect(second.more).toBe(false);
      expect(sorted([...first.cases, ...second.cases].map((view: Json) => view.id))).toEqual(sorted(created));
      expect(second.cases).toHaveLength(3);
    });
  });

  describe('POST /sync/reads', () => {
    const at = '2026-12-01T08:30:00.000Z';

    it('records each read of a case she may read, or held before, as a device read with the phone’s time; nothing of other cases', async () => {
      const held = await createCase(suite.api, companion, caseBody('held'));
      await assign(held.id, { assignedCompanionId: colleague.id, version: held.version });
      const before = await eventsOf(companion.id, 'device_read');
      const response = await reads(companion, {
        reads: [
          { id: randomUUID(), caseId: cases.own.id, fields: ['survivor.name', 'narrative'], at },
          {
            id: randomUUID(),
            caseId: cases.coAssigned.id,
            fields: ['referrals.note'],
            at: '2026-12-01T09:00:00+08:00',
          },
          { id: randomUUID(), caseId: held.id, fields: ['survivor.phone'], at },
          { id: randomUUID(), caseId: cases.colleagues.id, fields: ['survivor.name'], at },
          { id: randomUUID(), caseId: cases.otherOrg.id, fields: ['survivor.name'], at },
          { id: randomUUID(), caseId: '00000000-0000-4000-8000-000000000000', fields: ['survivor.name'], at },
        ],
      }).expect(202);
      expect(response.body).toEqual({ received: 6 });
      const written = (await eventsOf(companion.id, 'device_read')).slice(before.length);
      expect(
        written.map((event) => [event.subjectId, event.fields, event.deviceReadAt?.toISOString(), event.subject]),
      ).toEqual(
        expect.arrayContaining([
          [cases.own.id, ['narrative', 'survivor.name'], at, 'Case'],
          [cases.coAssigned.id, ['referrals.note'], '2026-12-01T01:00:00.000Z', 'Case'],
          [held.id, ['survivor.phone'], at, 'Case'],
        ]),
      );
      expect(written).toHaveLength(3);
      // The server's time of receipt stays beside the phone's.
      for (const event of written) expect(Date.now() - event.occurredAt.getTime()).toBeLessThan(60_000);
      const otherOrgEvents = await suite.dataSource
        .getRepository(AuditEventEntity)
        .count({ where: { organizationId: other.id, action: 'device_read' } });
      expect(otherOrgEvents).toBe(0);
    });

    it('records reads of a case restricted against her since, and of one only its history says she followed', async () => {
      const followed = await createCase(suite.api, colleague, caseBody('followed'));
      await assign(followed.id, { assignedCompanionId: companion.id, version: followed.version });
      await assign(followed.id, { assignedCompanionId: colleague.id, version: followed.version + 1 });
      const before = (await eventsOf(companion.id, 'device_read')).length;
      await reads(companion, {
        reads: [
          { id: randomUUID(), caseId: cases.restricted.id, fields: ['narrative'], at },
          { id: randomUUID(), caseId: followed.id, fields: ['survivor.name'], at },
        ],
      }).expect(202);
      const written = (await eventsOf(companion.id, 'device_read')).slice(before);
      expect(written.map((event) => [event.subjectId, event.fields])).toEqual([
        [cases.restricted.id, ['narrative']],
        [followed.id, ['survivor.name']],
      ]);
    });

    it('shows the sync and device-read events in the audit log, and their chains still verify', async () => {
      const admin = suite.org.admin;
      const listed = async (action: string): Promise<Json[]> =>
        (await http().get(`${API}/audit`).query({ actor: companion.id, action }).set(admin.auth()).expect(200)).body
          .items;
      const [deviceRead] = await listed('device_read');
      expect(deviceRead).toMatchObject({ subject: 'Case', deviceReadAt: expect.any(String) });
      const [synced] = await listed('sync');
      expect(synced).toMatchObject({ subjectId: null, subjectIds: expect.any(Array), deviceReadAt: null });
      const report = (await http().get(`${API}/audit/verify`).set(admin.auth()).expect(200)).body;
      expect(report).toMatchObject({ valid: true });
      expect(report.firstBroken).toBeUndefined();
    });

    it('chains the case ids and the phone’s time: changing either breaks the event’s hash', async () => {
      const [event] = (await eventsOf(companion.id, 'device_read')).slice(-1);
      const [synced] = (await eventsOf(companion.id, 'sync')).slice(-1);
      const key = Buffer.from(suite.api.app.get<AppConfig>(APP_CONFIG).AUDIT_CHAIN_KEY, 'base64');
      expect(chainHash(key, event)).toBe(event.hash);
      expect(chainHash(key, { ...event, deviceReadAt: new Date(event.deviceReadAt!.getTime() + 1) })).not.toBe(
        event.hash,
      );
      expect(chainHash(key, synced)).toBe(synced.hash);
      expect(chainHash(key, { ...synced, subjectIds: [cases.colleagues.id] })).not.toBe(synced.hash);
    });

    it('refuses bad input with 400 and records nothing', async () => {
      const before = (await eventsOf(companion.id, 'device_read')).length;
      const good = { id: randomUUID(), caseId: cases.own.id, fields: ['survivor.name'], at };
      for (const body of [
        {},
        { reads: [] },
        { reads: 'all' },
        { reads: [{ ...good, caseId: 'not-an-id' }] },
        { reads: [{ ...good, fields: [] }] },
        { reads: [{ ...good, fields: ['survivor.secretValue'] }] },
        { reads: [{ ...good, at: 'yesterday' }] },
        { reads: [{ ...good, at: '2026-12-01' }] },
        { reads: [{ ...good, at: '2026-12-01T08:30:00' }] },
        { reads: [{ ...good, extra: 'value' }] },
        { reads: [good], extra: true },
        { reads: [good, { ...good, at: undefined }] },
        { reads: [{ ...good, id: undefined }] },
        { reads: [{ ...good, id: 'not-an-id' }] },
        { reads: [{ ...good, id: 42 }] },
        { reads: [good, { ...good, id: `${good.id}0` }] },
      ]) {
        const response = await reads(companion, body).expect(400);
        expect(response.body.type).toBe('urn:pendamping:problem:validation-failed');
      }
      expect(await eventsOf(companion.id, 'device_read')).toHaveLength(before);
      expect(await receivedIds(good.id)).toEqual([]);
    });

    it('records a read once per id: repeated in a batch (its id in any case), sent again after a lost answer', async () => {
      const before = (await eventsOf(companion.id, 'device_read')).length;
      const once = { id: randomUUID(), caseId: cases.own.id, fields: ['survivor.name'], at };
      const again = { ...once, id: once.id.toUpperCase(), fields: ['narrative'] };
      const other = { id: randomUUID(), caseId: cases.coAssigned.id, fields: ['survivor.phone'], at };
      expect((await reads(companion, { reads: [once, again] }).expect(202)).body).toEqual({ received: 2 });
      // The phone lost that answer and sends its log again, with one read more.
      expect((await reads(companion, { reads: [once, other] }).expect(202)).body).toEqual({ received: 2 });
      expect((await reads(companion, { reads: [other, once] }).expect(202)).body).toEqual({ received: 2 });
      const written = (await eventsOf(companion.id, 'device_read')).slice(before);
      expect(written.map((event) => [event.subjectId, event.fields])).toEqual([
        [cases.own.id, ['survivor.name']],
        [cases.coAssigned.id, ['survivor.phone']],
      ]);
    });

    it('records a read once when two requests carry it at once (two tabs, a retry racing the first try), failing neither', async () => {
      const before = (await eventsOf(companion.id, 'device_read')).length;
      const raced = Array.from({ length: 4 }, () => ({
        id: randomUUID(),
        caseId: cases.own.id,
        fields: ['survivor.name'],
        at,
      }));
      const statuses = await Promise.all(
        [raced, [...raced].reverse(), raced.slice(1, 3)].map(
          async (batch) => (await reads(companion, { reads: batch })).status,
        ),
      );
      expect(statuses).toEqual([202, 202, 202]);
      expect((await eventsOf(companion.id, 'device_read')).slice(before)).toHaveLength(raced.length);
    });

    it('keeps read ids apart per user: another user’s read with the same id is hers to record', async () => {
      const id = randomUUID();
      const before = (await eventsOf(colleague.id, 'device_read')).length;
      await reads(companion, { reads: [{ id, caseId: cases.own.id, fields: ['survivor.name'], at }] }).expect(202);
      await reads(colleague, { reads: [{ id, caseId: cases.coAssigned.id, fields: ['narrative'], at }] }).expect(202);
      const written = (await eventsOf(colleague.id, 'device_read')).slice(before);
      expect(written.map((event) => [event.subjectId, event.fields])).toEqual([[cases.coAssigned.id, ['narrative']]]);
      expect(sorted(await receivedIds(id))).toEqual(sorted([companion.id, colleague.id]));
    });

    it('takes reads from every role (recording is history), recording only cases she held: another role’s reach is not a phone’s', async () => {
      const taken = await createCase(suite.api, suite.org.coordinatorA, caseBody('taken in by the coordinator'));
      const body = {
        reads: [
          { id: randomUUID(), caseId: cases.own.id, fields: ['survivor.name'], at },
          { id: randomUUID(), caseId: taken.id, fields: ['survivor.phone'], at },
        ],
      };
      for (const user of [suite.org.reviewer, suite.org.coordinatorA]) {
        const before = (await eventsOf(user.id, 'device_read')).length;
        expect((await reads(user, body).expect(202)).body).toEqual({ received: 2 });
        const written = (await eventsOf(user.id, 'device_read')).slice(before);
        // The coordinator may read her region's cases, but only the one she took in was ever hers to hold.
        expect(written.map((event) => [event.subjectId, event.fields])).toEqual(
          user === suite.org.coordinatorA ? [[taken.id, ['survivor.phone']]] : [],
        );
      }
    });
  });
});
