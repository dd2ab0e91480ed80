import { randomUUID } from 'node:crypto';
import { addFollowUp, createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { SignedInUser } from './support/world';

/**
 * The case keeps its next follow-up due (the worklist's order and the overdue filter read it from
 * indexes), so it must never drift from the follow-up log it summarises: the newest follow-up's
 * due date (docs/cases.md, "Referrals and follow-ups"). After a series of writes, the kept value
 * of every case is compared with the one computed from the log.
 */

const API = '/api/v1';

/** Cases of the organisation whose kept next-due differs from the one their follow-ups give. */
const DRIFTED = `
  SELECT c.id, c.next_follow_up_due::text AS kept, computed.due_date::text AS computed
    FROM cases c
    LEFT JOIN LATERAL (SELECT f.due_date FROM follow_ups f WHERE f.case_id = c.id
                        ORDER BY f.date DESC, f.created_at DESC, f.id DESC LIMIT 1) computed ON true
   WHERE c.organization_id = $1 AND c.next_follow_up_due IS DISTINCT FROM computed.due_date`;

describe('next follow-up due kept on the case', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  const cases: Record<string, string> = {};

  const create = async (user: SignedInUser) =>
    (await createCase(suite.api, user, newCaseBody(suite.org.villages.a))).id as string;
  const transition = (user: SignedInUser, id: string, body: Record<string, unknown>) =>
    http().post(`${API}/cases/${id}/transitions`).set(user.auth()).send(body).expect(200);
  const keptDue = async (id: string) =>
    (await suite.dataSource.query('SELECT next_follow_up_due::text AS due FROM cases WHERE id = $1', [id]))[0].due;

  beforeAll(async () => {
    const { companionA, coordinatorA } = suite.org;

    // Logged out of order: a follow-up dated earlier, added later, does not move the next due.
    cases.outOfOrder = await create(companionA);
    await addFollowUp(suite.api, companionA, cases.outOfOrder, { date: '2026-11-10', dueDate: '2026-11-30' });
    await addFollowUp(suite.api, companionA, cases.outOfOrder, { date: '2026-11-01', dueDate: '2026-11-05' });

    // The newest follow-up names no next action: the case has no next follow-up due any more.
    cases.cleared = await create(companionA);
    await addFollowUp(suite.api, companionA, cases.cleared, { date: '2026-11-02', dueDate: '2026-11-20' });
    await addFollowUp(suite.api, companionA, cases.cleared, { date: '2026-11-03' });

    // Closed and reopened with follow-ups on either side.
    cases.reopened = await create(companionA);
    await addFollowUp(suite.api, companionA, cases.reopened, { date: '2026-10-01', dueDate: '2026-10-15' });
    await transition(companionA, cases.reopened, { to: 'active', reason: 'Kunjungan pertama' });
    await transition(companionA, cases.reopened, {
      to: 'closure_requested',
      reason: 'Kebutuhan terpenuhi',
      closureReason: 'needs_met',
    });
    await transition(coordinatorA, cases.reopened, { to: 'closed', reason: 'Disetujui' });
    await transition(coordinatorA, cases.reopened, { to: 'reopened', reason: 'Ada ancaman baru' });
    await addFollowUp(suite.api, companionA, cases.reopened, { date: '2026-11-15', dueDate: '2026-11-25' });

    // A phone's outbox delivering the same follow-up twice, and a refused follow-up: no change.
    cases.replayed = await create(companionA);
    const delivery = { id: randomUUID(), date: '2026-11-04', type: 'phone_call', dueDate: '2026-11-18' };
    await addFollowUp(suite.api, companionA, cases.replayed, delivery);
    await http().post(`${API}/cases/${cases.replayed}/follow-ups`).set(companionA.auth()).send(delivery).expect(200);
    await http()
      .post(`${API}/cases/${cases.replayed}/follow-ups`)
      .set(companionA.auth())
      .send({ date: '2026-11-20', type: 'phone_call', dueDate: '2026-11-19' })
      .expect(400);

    // Companion and coordinator logging on one case at the same moment, the later date last to start.
    cases.raced = await create(companionA);
    const days = ['2026-11-11', '2026-11-16', '2026-11-13', '2026-11-12', '2026-11-15', '2026-11-14'];
    await Promise.all(
      days.map((date, index) =>
        addFollowUp(suite.api, index % 2 ? coordinatorA : companionA, cases.raced, {
          date,
          dueDate: date.replace('2026-11-', '2026-12-'),
        }),
      ),
    );
  });

  it('is, for every case, the due date of its newest follow-up', async () => {
    expect(await suite.dataSource.query(DRIFTED, [suite.org.id])).toEqual([]);
    expect({
      outOfOrder: await keptDue(cases.outOfOrder),
      cleared: await keptDue(cases.cleared),
      reopened: await keptDue(cases.reopened),
      replayed: await keptDue(cases.replayed),
      raced: await keptDue(cases.raced),
    }).toEqual({
      outOfOrder: '2026-11-30',
      cleared: null,
      reopened: '2026-11-25',
      replayed: '2026-11-18',
      raced: '2026-12-16',
    });
  });

  it('the drift check finds a kept value the follow-ups do not give (positive control)', async () => {
    await suite.dataSource.query(`UPDATE cases SET next_follow_up_due = '2027-01-01' WHERE id = $1`, [
      cases.outOfOrder,
    ]);
    try {
      expect(await suite.dataSource.query(DRIFTED, [suite.org.id])).toEqual([
        { id: cases.outOfOrder, kept: '2027-01-01', computed: '2026-11-30' },
      ]);
    } finally {
      await suite.dataSource.query(`UPDATE cases SET next_follow_up_due = '2026-11-30' WHERE id = $1`, [
        cases.outOfOrder,
      ]);
    }
  });
});
