import { randomBytes } from 'node:crypto';
import { CaseStatCompaction } from '@pendamping/cases';
import type { Response } from 'supertest';
import { organisationSuite } from './support/organisation-suite';
import { createUser, SignedInUser } from './support/world';

/**
 * The dashboard summary (SPEC §9) is summed from delta rows kept in step with the writes; it must
 * count exactly the cases the caller's scoped query returns, for every role, restrictions'
 * exclusions and a companion's own caseload included, before and after the rows are compacted.
 */

const API = '/api/v1';
const suffix = () => randomBytes(4).toString('hex');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type Body = Record<string, unknown>;
type Json = Response['body'];

/** The summary's figures, computed in SQL over the given cases the way a scan would count them. */
const FIGURES_OF_CASES = `
  WITH scoped AS (SELECT c.*, r.time_zone FROM cases c JOIN regions r ON r.id = c.region_id WHERE c.id = ANY($1::uuid[])),
       counted AS (
         SELECT 'status' AS measure, status AS key FROM scoped
         UNION ALL SELECT 'risk_level', risk_level FROM scoped WHERE risk_level IS NOT NULL
         UNION ALL SELECT 'violence_type', type FROM scoped, unnest(violence_types) AS type
         UNION ALL SELECT 'sex', survivor_sex FROM scoped
         UNION ALL SELECT 'intake_year', extract(year FROM intake_date)::int::text FROM scoped)
  SELECT (SELECT count(*)::int FROM scoped) AS total,
         (SELECT count(*)::int FROM scoped WHERE survivor_age_at_intake < 18) AS children,
         (SELECT count(*)::int FROM scoped
           WHERE status <> 'closed' AND next_follow_up_due < (now() AT TIME ZONE time_zone)::date) AS overdue,
         (SELECT coalesce(jsonb_agg(jsonb_build_array(measure, key, n)), '[]')
            FROM (SELECT measure, key, count(*)::int AS n FROM counted GROUP BY 1, 2) g) AS grouped`;

describe('Case statistics', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let companionA2: SignedInUser;
  let coordinatorA2: SignedInUser;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    companionA2 = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    coordinatorA2 = await createUser(suite.api, suite.org.admin, 'coordinator', { regionIds: [suite.org.regions.a] });
  });

  const everyone = () => ({
    reviewer: suite.org.reviewer,
    coordinatorA: suite.org.coordinatorA,
    coordinatorB: suite.org.coordinatorB,
    coordinatorA2,
    companionA: suite.org.companionA,
    companionB: suite.org.companionB,
    companionA2,
  });

  const ok = async (request: Promise<Response>, status = 200): Promise<Json> => {
    const response = await request;
    if (response.status !== status) throw new Error(`answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (response.body?.id && typeof response.body.version === 'number')
      versions.set(response.body.id, response.body.version);
    return response.body;
  };
  const create = (user: SignedInUser, extra: Body = {}) =>
    ok(
      http()
        .post(`${API}/cases`)
        .set(user.auth())
        .send({
          villageId: suite.org.villages.a,
          intakeDate: day(-40),
          violenceTypes: ['fisik'],
          survivor: { name: `Penyintas ${suffix()}`, sex: 'female', ageAtIntake: 30 },
          consent: { record: true, refer: true },
          ...extra,
        }),
      201,
    );
  const transition = (user: SignedInUser, id: string, to: string, extra: Body = {}) =>
    ok(
      http()
        .post(`${API}/cases/${id}/transitions`)
        .set(user.auth())
        .send({ to, reason: 'Langkah', ...extra }),
    );
  const assign = (user: SignedInUser, id: string, body: Body) =>
    ok(
      http()
        .put(`${API}/cases/${id}/assignment`)
        .set(user.auth())
        .send({ ...body, version: versions.get(id) }),
    );
  const patch = (user: SignedInUser, id: string, body: Body) =>
    ok(
      http()
        .patch(`${API}/cases/${id}`)
        .set(user.auth())
        .set('if-match', String(versions.get(id)))
        .send(body),
    );
  const followUpDue = (user: SignedInUser, id: string, dueDate: string) =>
    ok(
      http()
        .post(`${API}/cases/${id}/follow-ups`)
        .set(user.auth())
        .send({ date: day(-20), type: 'home_visit', nextAction: 'Kunjungan ulang', dueDate }),
      201,
    );

  async function visibleCaseIds(user: SignedInUser): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const body = await ok(
        http()
          .get(`${API}/cases`)
          .query({ limit: '100', ...(cursor ? { cursor } : {}) })
          .set(user.auth()),
      );
      ids.push(...(body.items as { id: string }[]).map((item) => item.id));
      cursor = body.nextCursor ?? undefined;
      if (!cursor) return ids;
    }
    throw new Error('GET /cases did not end after 100 pages');
  }

  /** What GET /cases returns to `user`, counted in SQL into the summary's shape. */
  async function expectedSummary(user: SignedInUser) {
    const [row] = await suite.dataSource.query(FIGURES_OF_CASES, [await visibleCaseIds(user)]);
    const grouped = row.grouped as [string, string, number][];
    const counts = (measure: string) =>
      Object.fromEntries(grouped.filter(([name]) => name === measure).map(([, key, n]) => [key, n]));
    return {
      total: row.total,
      byStatus: counts('status'),
      byRiskLevel: counts('risk_level'),
      byViolenceType: counts('violence_type'),
      bySex: counts('sex'),
      byIntakeYear: counts('intake_year'),
      children: row.children,
      overdueFollowUps: row.overdue,
    };
  }

  async function expectSummariesMatchScopedQueries(): Promise<void> {
    for (const [role, user] of Object.entries(everyone())) {
      const summary = (await http().get(`${API}/stats/summary`).set(user.auth()).expect(200)).body;
      expect({ role, summary }).toEqual({ role, summary: await expectedSummary(user) });
    }
  }

  it('counts for every role exactly the cases its scoped query returns, through creations, transitions, reassignments, restrictions and compaction', async () => {
    const { companionA, companionB, coordinatorA, reviewer } = suite.org;
    const first = await create(companionA, { riskLevel: 'high', violenceTypes: ['fisik', 'psikis'] });
    const child = await create(companionA, {
      riskLevel: 'medium',
      survivor: { name: `Anak ${suffix()}`, sex: 'male', ageAtIntake: 12 },
    });
    const closing = await create(companionA, { intakeDate: day(-400) });
    const coAssigned = await create(coordinatorA, {
      assignedCompanionId: companionA2.id,
      coCompanionId: companionA.id,
      violenceTypes: ['seksual'],
    });
    const inB = await create(companionB, { villageId: suite.org.villages.b, riskLevel: 'low' });
    await create(companionB, { villageId: suite.org.villages.b, violenceTypes: ['penelantaran', 'fisik'] });
    await expectSummariesMatchScopedQueries();

    await transition(companionA, first.id, 'active');
    await transition(companionA, closing.id, 'active');
    await followUpDue(companionA, closing.id, day(-10));
    await followUpDue(companionA, child.id, day(-5));
    await followUpDue(companionB, inB.id, day(30));
    await transition(companionA, closing.id, 'closure_requested', { closureReason: 'needs_met' });
    await transition(coordinatorA, closing.id, 'closed');
    await assign(coordinatorA, first.id, { assignedCompanionId: companionA2.id, coCompanionId: companionA.id });
    await assign(coordinatorA, child.id, { assignedCompanionId: companionA2.id });
    await patch(companionA, coAssigned.id, { riskLevel: 'high', violenceTypes: ['seksual', 'psikis'] });
    await patch(coordinatorA, child.id, { restricted: true, excludedUserIds: [reviewer.id, coordinatorA2.id] });
    await patch(coordinatorA, first.id, { restricted: true, excludedUserIds: [coordinatorA2.id] });
    await expectSummariesMatchScopedQueries();

    await suite.api.app.get(CaseStatCompaction).compact();
    const duplicates = await suite.dataSource.query(`
      SELECT 1 FROM case_stat_deltas
      GROUP BY organization_id, region_id, village_id, group_id, assigned_companion_id, co_companion_id,
               excluded_user_ids, measure, key
      HAVING count(*) > 1 OR sum(delta) = 0`);
    expect(duplicates).toEqual([]);
    await expectSummariesMatchScopedQueries();

    await patch(coordinatorA, child.id, { restricted: false, excludedUserIds: [] });
    await transition(coordinatorA, closing.id, 'reopened');
    await create(companionA, { survivor: { name: `Penyintas ${suffix()}`, sex: 'female', ageAtIntake: 16 } });
    await expectSummariesMatchScopedQueries();
  });

  it('does not count a restricted case for a user it excludes, and still counts it for the others', async () => {
    const before = (user: SignedInUser) => http().get(`${API}/stats/summary`).set(user.auth()).expect(200);
    const reviewerBefore = (await before(suite.org.reviewer)).body.total;
    const coordinatorBefore = (await before(suite.org.coordinatorA)).body.total;
    const hidden = await create(suite.org.companionA);
    await patch(suite.org.coordinatorA, hidden.id, { restricted: true, excludedUserIds: [suite.org.reviewer.id] });
    expect((await before(suite.org.reviewer)).body.total).toBe(reviewerBefore);
    expect((await before(suite.org.coordinatorA)).body.total).toBe(coordinatorBefore + 1);
  });

  it('counts overdue follow-ups from the due date, so the figure changes as days pass with no counter written', async () => {
    const overdue = async () =>
      (await http().get(`${API}/stats/summary`).set(suite.org.coordinatorA.auth()).expect(200)).body.overdueFollowUps;
    const created = await create(suite.org.companionA);
    await followUpDue(suite.org.companionA, created.id, day(3));
    const before = await overdue();
    const deltaRows = async () =>
      (await suite.dataSource.query('SELECT count(*)::int AS n FROM case_stat_deltas'))[0].n;
    const rowsBefore = await deltaRows();
    // Four days later, as far as the due date is concerned.
    await suite.dataSource.query('UPDATE cases SET next_follow_up_due = $2 WHERE id = $1', [created.id, day(-1)]);
    expect(await overdue()).toBe(before + 1);
    expect(await deltaRows()).toBe(rowsBefore);
  });
});
