import type { Response } from 'supertest';
import { addFollowUp, createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { createUser, SignedInUser } from './support/world';

/**
 * SPEC §8: a companion's worklist (`GET /cases?assignedTo=me`) is ordered active cases first,
 * then by the next follow-up due (soonest first, none last), then by case number as numbers,
 * with a cursor that walks that order.
 */

const API = '/api/v1';
const problem = (kind: string) => `urn:pendamping:problem:${kind}`;

describe('Worklist order', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let colleague: SignedInUser;
  /** The worklist of companion A, in the order the SPEC gives it. */
  const expected: string[] = [];
  let otherCompanionsCase: string;

  const transition = (user: SignedInUser, id: string, body: Record<string, unknown>) =>
    http().post(`${API}/cases/${id}/transitions`).set(user.auth()).send(body).expect(200);
  const followUpDue = (user: SignedInUser, id: string, dueDate: string) =>
    addFollowUp(suite.api, user, id, { date: '2026-11-20', nextAction: 'Kunjungan rumah', dueDate });
  const ids = (response: Response) => (response.body.items as { id: string }[]).map((item) => item.id);

  async function walk(user: SignedInUser, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const response = await http()
        .get(`${API}/cases`)
        .query({ assignedTo: 'me', limit: String(limit), ...(cursor ? { cursor } : {}) })
        .set(user.auth())
        .expect(200);
      pages.push(ids(response));
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  beforeAll(async () => {
    const { companionA, coordinatorA } = suite.org;
    colleague = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    const create = async (user: SignedInUser, extra: Record<string, unknown> = {}) =>
      (await createCase(suite.api, user, newCaseBody(suite.org.villages.a, extra))).id as string;

    // Created first and due soonest, but closed: the end of the list.
    const closed = await create(companionA, { intakeDate: '2025-02-03' });
    await followUpDue(companionA, closed, '2026-11-21');
    await transition(companionA, closed, { to: 'active', reason: 'Kunjungan pertama' });
    await transition(companionA, closed, {
      to: 'closure_requested',
      reason: 'Kebutuhan terpenuhi',
      closureReason: 'needs_met',
    });
    await transition(coordinatorA, closed, { to: 'closed', reason: 'Disetujui' });

    const withoutFollowUp = await create(companionA);
    await transition(companionA, withoutFollowUp, { to: 'active', reason: 'Kunjungan pertama' });

    const dueLater = await create(companionA);
    await followUpDue(companionA, dueLater, '2027-01-15');

    // Two cases due the same day, numbered across 9999: 10000 must come after 9999.
    await suite.dataSource.query(
      `UPDATE case_number_counters SET last_sequence = 9998 WHERE organization_id = $1 AND region_id = $2 AND year = 2026`,
      [suite.org.id, suite.org.regions.a],
    );
    const number9999 = await create(companionA);
    const number10000 = await create(companionA);
    for (const id of [number10000, number9999]) await followUpDue(companionA, id, '2026-12-20');

    // The colleague's case on which companion A is co-companion, due between the others.
    const coAssigned = await create(colleague);
    await http()
      .put(`${API}/cases/${coAssigned}/assignment`)
      .set(coordinatorA.auth())
      .send({ assignedCompanionId: colleague.id, coCompanionId: companionA.id })
      .expect(200);
    await followUpDue(colleague, coAssigned, '2026-12-28');

    const dueSoonest = await create(companionA);
    await followUpDue(companionA, dueSoonest, '2026-12-10');

    otherCompanionsCase = await create(colleague);
    await followUpDue(colleague, otherCompanionsCase, '2026-12-08');

    expected.push(dueSoonest, number9999, number10000, coAssigned, dueLater, withoutFollowUp, closed);
  });

  it("a companion's worklist starts with her active cases, soonest follow-up due first", async () => {
    const response = await http()
      .get(`${API}/cases`)
      .query({ assignedTo: 'me' })
      .set(suite.org.companionA.auth())
      .expect(200);
    expect(ids(response)).toEqual(expected);
    expect(response.body.items.map((item: { caseNumber: string }) => item.caseNumber).slice(1, 3)).toEqual([
      'KPG-2026-9999',
      'KPG-2026-10000',
    ]);
    expect(response.body.nextCursor).toBeUndefined();
  });

  it('places a co-assigned case by the same order as her own cases, and leaves out a colleague case she is not on', async () => {
    const response = await http()
      .get(`${API}/cases`)
      .query({ assignedTo: 'me' })
      .set(suite.org.companionA.auth())
      .expect(200);
    expect(ids(response)).not.toContain(otherCompanionsCase);
    const colleagues = await http().get(`${API}/cases`).query({ assignedTo: 'me' }).set(colleague.auth()).expect(200);
    expect(ids(colleagues)).toEqual([otherCompanionsCase, expected[3]]);
  });

  it('walks the worklist by cursor in its order, page after page, with no gaps or repeats', async () => {
    for (const limit of [1, 2, 3]) {
      const pages = await walk(suite.org.companionA, limit);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.flat()).toEqual(expected);
    }
  });

  it('moves a case in the worklist when a new follow-up changes its next due date', async () => {
    const [, , , , dueLater] = expected;
    await followUpDue(suite.org.companionA, dueLater, '2026-12-09');
    try {
      const response = await http()
        .get(`${API}/cases`)
        .query({ assignedTo: 'me' })
        .set(suite.org.companionA.auth())
        .expect(200);
      expect(ids(response)[0]).toBe(dueLater);
    } finally {
      await followUpDue(suite.org.companionA, dueLater, '2027-01-15');
    }
  });

  it('refuses a cursor of another order, or one tampered with, with 400 naming the cursor', async () => {
    const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const creationCursor = forged(['2026-03-02T10:00:00.000000Z', expected[0]]);
    const bad = [
      creationCursor,
      forged(['false', '2026-02-30', '2026', '1', expected[0]]),
      forged(['false', '0000-01-01', '2026', '1', expected[0]]),
      forged(['maybe', '2026-12-10', '2026', '1', expected[0]]),
      forged(['false', '2026-12-10', '2026', '99999999999', expected[0]]),
      forged(['false', '2026-12-10', '2026', '1', 'not-a-uuid']),
      forged(['false', 'infinity', '2026', 1, expected[0]]),
      'not base64 json',
    ];
    for (const cursor of bad) {
      const response = await http()
        .get(`${API}/cases`)
        .query({ assignedTo: 'me', cursor })
        .set(suite.org.companionA.auth())
        .expect(400);
      expect(response.body.type).toBe(problem('validation-failed'));
      expect(response.body.errors).toEqual([{ field: 'cursor', message: 'is not valid' }]);
    }
  });

  it('refuses a worklist cursor on the list in creation order with 400', async () => {
    const first = await http()
      .get(`${API}/cases`)
      .query({ assignedTo: 'me', limit: '1' })
      .set(suite.org.companionA.auth())
      .expect(200);
    await http()
      .get(`${API}/cases`)
      .query({ cursor: first.body.nextCursor })
      .set(suite.org.companionA.auth())
      .expect(400);
  });
});
