import { randomUUID } from 'node:crypto';
import { ActivityReportEntity, PlanItemEntity, WorkPlanEntity } from '@pendamping/cases/entities';
import type { Response } from 'supertest';
import { organisationSuite } from './support/organisation-suite';
import { SignedInUser, createUser } from './support/world';
import {
  activityBody,
  addActivity,
  addItem,
  createPlan,
  getItem,
  getPlan,
  getProgress,
  itemBody,
  Json,
  Participants,
  seededRandom,
  step,
  todayIn,
  WORK_PLANS,
} from './support/work-plans';

/**
 * Annual work plans end to end (SPEC §6, §8, §9): the draft → submitted → returned → approved
 * workflow and who may take each step, items frozen on approval, activity reports and the
 * progress computed from them, copying last year's plan, versions, idempotent creation, and who
 * reads what.
 */

const PLANNED_CATEGORIES = [
  'awareness_session',
  'prevention_campaign',
  'case_handling',
  'training',
  'advocacy',
  'network_meeting',
  'economic_empowerment',
  'community_meeting',
  'other',
];

const problem = (kind: string) => `urn:pendamping:problem:${kind}`;
const errorFields = (response: Response): string[] =>
  ((response.body.errors ?? []) as { field: string }[]).map((error) => error.field);
const names = (response: Response, field: string) =>
  errorFields(response).some((name) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`));

function expectProblem(response: Response, status: number, kind?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (kind) expect(response.body.type).toBe(problem(kind));
}

/** Rounded half up to one decimal, in integers: 100 × part / whole. */
const percentOf = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.floor((part * 2000 + whole) / (2 * whole)) / 10;

const ZERO: Participants = { women: 0, men: 0, girls: 0, boys: 0, disability: 0 };
const people = (p: Participants) => p.women + p.men + p.girls + p.boys;
const byPeople = (a: Participants, b: Participants) => JSON.stringify(a).localeCompare(JSON.stringify(b));
type Method = 'get' | 'post' | 'patch' | 'delete';

describe('Work plans', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  const api = () => suite.api;
  const plansOfGroup = (groupId: string, year: number) =>
    suite.dataSource.getRepository(WorkPlanEntity).countBy({ groupId, year });
  const itemRow = (id: string) => suite.dataSource.getRepository(PlanItemEntity).findOneByOrFail({ id });
  const reportsOfItem = (planItemId: string) =>
    suite.dataSource.getRepository(ActivityReportEntity).countBy({ planItemId });

  const newUser = (role: string, scope: { groupIds?: string[]; regionIds?: string[] }): Promise<SignedInUser> =>
    createUser(suite.api, suite.org.admin, role, scope);

  const regionTimeZone = async (regionId: string): Promise<string> =>
    (await http().get(`/api/v1/regions/${regionId}`).set(suite.org.admin.auth()).expect(200)).body.timeZone as string;

  // -------------------------------------------------------------------------------------------
  it('runs draft → submitted → returned with comments → submitted → approved, and refuses the wrong caller or state without changing anything', async () => {
    const { companionA, companionB, coordinatorA, coordinatorB, groups, villages, regions } = suite.org;
    const plan = await createPlan(api(), companionA, {
      groupId: groups.a,
      year: 2030,
      goals: 'Tidak ada perkawinan anak di Oesao',
    });
    expect(plan).toMatchObject({
      groupId: groups.a,
      villageId: villages.a,
      regionId: regions.a,
      year: 2030,
      status: 'draft',
      goals: 'Tidak ada perkawinan anak di Oesao',
      reviewComments: null,
      submittedAt: null,
      reviewedAt: null,
      copiedFromId: null,
    });
    expect(typeof plan.id).toBe('string');
    expect(Number.isInteger(plan.version)).toBe(true);
    const url = `${WORK_PLANS}/${plan.id}`;

    // A plan without items is not submitted.
    const empty = await http().post(`${url}/submit`).set(companionA.auth()).send({});
    expectProblem(empty, 422, 'business-rule');
    expect((await getPlan(api(), companionA, plan.id)).status).toBe('draft');

    const first = await addItem(
      api(),
      companionA,
      plan.id,
      itemBody({
        title: 'Penyuluhan pencegahan perkawinan anak',
        keyPersons: 'Kepala desa, pendeta jemaat',
        budget: 1_500_000,
        drppaIndicators: ['no_child_marriage'],
      }),
    );
    expect(first).toMatchObject({
      workPlanId: plan.id,
      title: 'Penyuluhan pencegahan perkawinan anak',
      category: 'awareness_session',
      targetCount: 4,
      targetUnit: 'sessions',
      plannedMonths: [3, 6],
      keyPersons: 'Kepala desa, pendeta jemaat',
      budget: 1_500_000,
      drppaIndicators: ['no_child_marriage'],
      status: 'planned',
      addedAfterApproval: false,
    });
    const second = await addItem(
      api(),
      companionA,
      plan.id,
      itemBody({
        title: 'Kampanye 16 hari anti kekerasan',
        category: 'prevention_campaign',
        targetCount: 200,
        targetUnit: 'participants',
        plannedMonths: [11, 12],
      }),
    );
    const third = await addItem(
      api(),
      companionA,
      plan.id,
      itemBody({ title: 'Kegiatan yang akan dihapus', category: 'other' }),
    );

    // The coordinator reviews submitted plans only.
    const early = await http().post(`${url}/approve`).set(coordinatorA.auth()).send({});
    expectProblem(early, 409);
    expect(early.body.detail).toContain('draft');

    const submitted = await step(api(), companionA, plan.id, 'submit');
    expect(submitted).toMatchObject({ id: plan.id, status: 'submitted', reviewComments: null, reviewedAt: null });
    expect(submitted.submittedAt).toEqual(expect.any(String));

    // While submitted, nothing in the plan changes.
    expectProblem(
      await http()
        .post(`${url}/items`)
        .set(companionA.auth())
        .send(itemBody({ title: 'Terlambat' })),
      409,
    );
    expectProblem(
      await http()
        .patch(`${url}/items/${first.id}`)
        .set(companionA.auth())
        .send({ title: 'Diubah', version: first.version }),
      409,
    );
    expectProblem(await http().delete(`${url}/items/${third.id}`).set(companionA.auth()), 409);
    expectProblem(
      await http().patch(url).set(companionA.auth()).send({ goals: 'Diubah', version: submitted.version }),
      409,
    );
    const twice = await http().post(`${url}/submit`).set(companionA.auth()).send({});
    expectProblem(twice, 409);
    expect(twice.body.detail).toContain('submitted');

    // The wrong role, or the wrong place.
    expectProblem(await http().post(`${url}/approve`).set(companionA.auth()).send({}), 403, 'forbidden');
    expectProblem(
      await http().post(`${url}/return`).set(companionA.auth()).send({ comments: 'Sendiri' }),
      403,
      'forbidden',
    );
    expectProblem(await http().get(url).set(companionB.auth()), 404, 'not-found');
    expectProblem(await http().post(`${url}/submit`).set(companionB.auth()).send({}), 404, 'not-found');
    expectProblem(await http().post(`${url}/approve`).set(coordinatorB.auth()).send({}), 404, 'not-found');
    expectProblem(
      await http().post(`${url}/return`).set(coordinatorB.auth()).send({ comments: 'Bukan wilayah saya' }),
      404,
      'not-found',
    );
    // A return says why.
    const silent = await http().post(`${url}/return`).set(coordinatorA.auth()).send({});
    expectProblem(silent, 400);
    expect(names(silent, 'comments')).toBe(true);
    expect((await getPlan(api(), companionA, plan.id)).status).toBe('submitted');

    const comments = 'Tambahkan kegiatan untuk anak perempuan dan libatkan tokoh adat.';
    const returned = await step(api(), coordinatorA, plan.id, 'return', { comments });
    expect(returned).toMatchObject({ status: 'returned', reviewComments: comments });
    expect(returned.reviewedAt).toEqual(expect.any(String));
    // The group sees the comments, on the plan and in the list.
    expect(await getPlan(api(), companionA, plan.id)).toMatchObject({ status: 'returned', reviewComments: comments });
    const listed = await http()
      .get(WORK_PLANS)
      .query({ groupId: groups.a, year: 2030, status: 'returned' })
      .set(companionA.auth())
      .expect(200);
    expect(listed.body.items.map((row: Json) => [row.id, row.reviewComments])).toEqual([[plan.id, comments]]);

    // Returned: the group changes anything again.
    const edited = await http()
      .patch(`${url}/items/${first.id}`)
      .set(companionA.auth())
      .send({ title: 'Penyuluhan untuk anak perempuan', version: first.version })
      .expect(200);
    expect(edited.body).toMatchObject({ title: 'Penyuluhan untuk anak perempuan', version: first.version + 1 });
    await http().delete(`${url}/items/${third.id}`).set(companionA.auth()).expect(204);
    expectProblem(await http().get(`${url}/items/${third.id}`).set(companionA.auth()), 404);
    const regoaled = await http()
      .patch(url)
      .set(companionA.auth())
      .send({ goals: 'Tidak ada perkawinan anak; tokoh adat terlibat', version: returned.version })
      .expect(200);

    const resubmitted = await step(api(), companionA, plan.id, 'submit', { version: regoaled.body.version });
    expect(resubmitted.status).toBe('submitted');
    const approved = await step(api(), coordinatorA, plan.id, 'approve', { comments: 'Disetujui.' });
    expect(approved).toMatchObject({
      status: 'approved',
      reviewComments: 'Disetujui.',
      goals: 'Tidak ada perkawinan anak; tokoh adat terlibat',
    });
    expect(approved.reviewedAt).toEqual(expect.any(String));

    // No step leads out of approved.
    for (const [user, action, body] of [
      [coordinatorA, 'approve', {}],
      [coordinatorA, 'return', { comments: 'Lagi' }],
      [companionA, 'submit', {}],
    ] as const) {
      const again = await http().post(`${url}/${action}`).set(user.auth()).send(body);
      expectProblem(again, 409);
      expect(again.body.detail).toContain('approved');
    }

    // Refused on the approved plan, and nothing changes.
    const before = await getPlan(api(), companionA, plan.id);
    expect(before.items.map((item: Json) => item.id)).toEqual([first.id, second.id]);
    const firstBefore = await itemRow(first.id);
    const current = before.items[0];
    expectProblem(await http().get(url).set(companionB.auth()), 404, 'not-found');
    expectProblem(await http().get(`${url}/items/${first.id}`).set(companionB.auth()), 404);
    expectProblem(
      await http()
        .patch(`${url}/items/${first.id}`)
        .set(companionB.auth())
        .send({ status: 'cancelled', statusReason: 'Bukan kelompok saya', version: current.version }),
      404,
    );
    expectProblem(
      await http().post(`${url}/items/${first.id}/activities`).set(companionB.auth()).send(activityBody('2030-01-01')),
      404,
    );
    expectProblem(await http().post(`${url}/approve`).set(companionA.auth()).send({}), 403, 'forbidden');
    const retitled = await http()
      .patch(`${url}/items/${first.id}`)
      .set(companionA.auth())
      .send({ title: 'Diam-diam diubah', version: current.version });
    expectProblem(retitled, 409);
    expect(retitled.body.detail).toContain('approved');
    expectProblem(
      await http()
        .patch(`${url}/items/${first.id}`)
        .set(companionA.auth())
        .send({ targetCount: 10, status: 'cancelled', statusReason: 'Ganti target', version: current.version }),
      409,
    );
    const reasonless = await http()
      .patch(`${url}/items/${first.id}`)
      .set(companionA.auth())
      .send({ status: 'cancelled', version: current.version });
    expectProblem(reasonless, 422, 'business-rule');
    expect(names(reasonless, 'statusReason')).toBe(true);
    expectProblem(await http().delete(`${url}/items/${first.id}`).set(companionA.auth()), 409);
    expectProblem(
      await http()
        .patch(url)
        .set(companionA.auth())
        .send({ goals: 'Diubah setelah disetujui', version: before.version }),
      409,
    );
    expect(await getPlan(api(), companionA, plan.id)).toEqual(before);
    expect(await itemRow(first.id)).toEqual(firstBefore);

    // What an approved plan still takes: a status with a reason, and new items marked as added after approval.
    const cancelled = await http()
      .patch(`${url}/items/${second.id}`)
      .set(companionA.auth())
      .send({
        status: 'cancelled',
        statusReason: 'Dana desa dialihkan untuk bencana',
        version: before.items[1].version,
      })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      statusReason: 'Dana desa dialihkan untuk bencana',
      title: 'Kampanye 16 hari anti kekerasan',
      targetCount: 200,
    });
    const late = await addItem(
      api(),
      companionA,
      plan.id,
      itemBody({ title: 'Pelatihan paralegal desa', category: 'training' }),
    );
    expect(late).toMatchObject({ status: 'planned', addedAfterApproval: true });
    expectProblem(await http().delete(`${url}/items/${late.id}`).set(companionA.auth()), 409);
    const after = await getPlan(api(), companionA, plan.id);
    expect(after.status).toBe('approved');
    expect(after.items.map((item: Json) => [item.id, item.status, item.addedAfterApproval])).toEqual([
      [first.id, 'planned', false],
      [second.id, 'cancelled', false],
      [late.id, 'planned', true],
    ]);
  });

  // -------------------------------------------------------------------------------------------
  it('computes progress equal to figures computed here from the activity reports', async () => {
    const { companionA, coordinatorA, reviewer, groups, regions } = suite.org;
    const year = 2025;
    const timeZone = await regionTimeZone(regions.a);
    const today = todayIn(timeZone);
    const random = seededRandom(20250617);
    const plan = await createPlan(api(), companionA, { groupId: groups.a, year });

    interface Tracked {
      id: string;
      title: string;
      category: string;
      targetCount: number;
      targetUnit: string;
      plannedMonths: number[];
      addedAfterApproval: boolean;
      status: string;
      reports: Participants[];
    }
    const tracked: Tracked[] = [];
    const realisedOf = (item: Tracked) =>
      item.targetUnit === 'participants' ? item.reports.reduce((sum, p) => sum + people(p), 0) : item.reports.length;

    const add = async (body: {
      title: string;
      category: string;
      targetCount: number;
      targetUnit: string;
      plannedMonths: number[];
    }) => {
      const created = await addItem(api(), companionA, plan.id, body);
      tracked.push({
        ...body,
        id: created.id,
        addedAfterApproval: created.addedAfterApproval,
        status: 'planned',
        reports: [],
      });
      return tracked[tracked.length - 1];
    };
    const report = async (item: Tracked) => {
      const participants = {
        women: random(0, 25),
        men: random(0, 15),
        girls: random(0, 20),
        boys: random(0, 20),
        disability: 0,
      };
      participants.disability = random(0, Math.min(4, people(participants)));
      const month = item.plannedMonths[random(0, item.plannedMonths.length - 1)];
      const date = `${year}-${String(month).padStart(2, '0')}-${String(random(1, 28)).padStart(2, '0')}`;
      const created = await addActivity(
        api(),
        companionA,
        plan.id,
        item.id,
        activityBody(date, participants, {
          results: 'Peserta memahami jalur rujukan',
          obstacles: 'Hujan deras',
          lessons: 'Undang lewat gereja',
        }),
      );
      expect(created).toMatchObject({ planItemId: item.id, workPlanId: plan.id, date, participants });
      item.reports.push(participants);
      if (item.status === 'planned' || item.status === 'in_progress')
        item.status = realisedOf(item) >= item.targetCount ? 'done' : 'in_progress';
    };
    const setStatus = async (item: Tracked, status: string, statusReason: string) => {
      const { version } = await getItem(api(), companionA, plan.id, item.id);
      await http()
        .patch(`${WORK_PLANS}/${plan.id}/items/${item.id}`)
        .set(companionA.auth())
        .send({ status, statusReason, version })
        .expect(200);
      item.status = status;
    };

    const sessions = await add({
      title: 'Penyuluhan gender di sekolah',
      category: 'awareness_session',
      targetCount: 4,
      targetUnit: 'sessions',
      plannedMonths: [2, 5, 8, 11],
    });
    const campaign = await add({
      title: 'Kampanye anti kekerasan di pasar',
      category: 'prevention_campaign',
      targetCount: 120,
      targetUnit: 'participants',
      plannedMonths: [3, 4],
    });
    const training = await add({
      title: 'Pelatihan pendamping',
      category: 'training',
      targetCount: 3,
      targetUnit: 'sessions',
      plannedMonths: [6],
    });
    const advocacy = await add({
      title: 'Advokasi perdes perlindungan anak',
      category: 'advocacy',
      targetCount: 2,
      targetUnit: 'meetings',
      plannedMonths: [9],
    });
    const meetings = await add({
      title: 'Pertemuan rutin kelompok',
      category: 'community_meeting',
      targetCount: 50,
      targetUnit: 'participants',
      plannedMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
    const network = await add({
      title: 'Pertemuan jaringan layanan',
      category: 'network_meeting',
      targetCount: 3,
      targetUnit: 'meetings',
      plannedMonths: [7],
    });
    const cases = await add({
      title: 'Pendampingan kasus ke UPTD PPA',
      category: 'case_handling',
      targetCount: 10,
      targetUnit: 'cases',
      plannedMonths: [10],
    });
    await step(api(), companionA, plan.id, 'submit');
    await step(api(), coordinatorA, plan.id, 'approve');
    const savings = await add({
      title: 'Kelompok simpan pinjam perempuan',
      category: 'economic_empowerment',
      targetCount: 30,
      targetUnit: 'participants',
      plannedMonths: [12],
    });
    expect(savings.addedAfterApproval).toBe(true);

    for (let n = 0; n < 4; n++) await report(sessions);
    for (let n = random(1, 4); n > 0; n--) await report(campaign);
    for (let n = 2; n > 0; n--) await report(training);
    for (let n = random(2, 5); n > 0; n--) await report(meetings);
    await report(network);
    await setStatus(network, 'cancelled', 'Dinas tidak hadir; diganti pertemuan tahun depan');
    await report(cases);
    await setStatus(cases, 'done', 'Semua kasus tahun ini sudah dirujuk');
    for (let n = random(1, 3); n > 0; n--) await report(savings);
    // advocacy: no reports at all.
    expect(advocacy.reports).toHaveLength(0);

    // The figures, computed here from what was reported.
    const monthEnded = (month: number) =>
      (month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`) <= today;
    const sumOf = (reports: Participants[]) => {
      const total = reports.reduce(
        (sum, p) => ({
          women: sum.women + p.women,
          men: sum.men + p.men,
          girls: sum.girls + p.girls,
          boys: sum.boys + p.boys,
          disability: sum.disability + p.disability,
        }),
        { ...ZERO },
      );
      return { ...total, total: people(total) };
    };
    const expectedItems = tracked.map((item) => ({
      id: item.id,
      title: item.title,
      category: item.category,
      status: item.status,
      addedAfterApproval: item.addedAfterApproval,
      plannedMonths: item.plannedMonths,
      target: { count: item.targetCount, unit: item.targetUnit },
      realised: realisedOf(item),
      percent: percentOf(realisedOf(item), item.targetCount),
      activities: item.reports.length,
      participants: sumOf(item.reports),
      overdue: !['done', 'cancelled'].includes(item.status) && monthEnded(Math.max(...item.plannedMonths)),
    }));
    const notCancelled = tracked.filter((item) => item.status !== 'cancelled');
    const done = notCancelled.filter((item) => item.status === 'done').length;
    const expectedPlan = {
      itemsPlanned: notCancelled.length,
      itemsDone: done,
      itemsCancelled: tracked.length - notCancelled.length,
      itemsOverdue: expectedItems.filter((item) => item.overdue).length,
      percentDone: percentOf(done, notCancelled.length),
      activities: tracked.reduce((sum, item) => sum + item.reports.length, 0),
      participants: sumOf(tracked.flatMap((item) => item.reports)),
    };
    // The scenario covers what it means to: done by reports and by hand, in progress, untouched, cancelled, overdue.
    expect(sessions.status).toBe('done');
    expect(training.status).toBe('in_progress');
    // Two of three sessions: the percent is rounded (66.7), not cut (66.6).
    expect(percentOf(realisedOf(training), training.targetCount)).toBe(66.7);
    expect(expectedPlan.itemsOverdue).toBeGreaterThanOrEqual(2);

    const progress = await getProgress(api(), companionA, plan.id);
    expect(Object.keys(progress).sort()).toEqual(['items', 'plan', 'status', 'workPlanId', 'year']);
    expect(progress).toMatchObject({ workPlanId: plan.id, year, status: 'approved' });
    const byId = (rows: Json[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(byId(progress.items)).toEqual(byId(expectedItems));
    expect(progress.plan).toEqual(expectedPlan);

    // The same figures for everyone who may read the plan.
    expect(await getProgress(api(), coordinatorA, plan.id)).toEqual(progress);
    expect(await getProgress(api(), reviewer, plan.id)).toEqual(progress);
    // And the items and reports behind them read the same way.
    for (const item of tracked) {
      expect((await getItem(api(), companionA, plan.id, item.id)).status).toBe(item.status);
      const listed = await http()
        .get(`${WORK_PLANS}/${plan.id}/items/${item.id}/activities`)
        .query({ limit: 100 })
        .set(companionA.auth())
        .expect(200);
      expect(listed.body.items.map((row: Json) => row.participants).sort(byPeople)).toEqual(
        [...item.reports].sort(byPeople),
      );
    }
  });

  // -------------------------------------------------------------------------------------------
  it('marks an item overdue once its last planned month has ended in the region, unless it is done or cancelled', async () => {
    const { companionB, groups, regions } = suite.org;
    const timeZone = await regionTimeZone(regions.b);
    const today = todayIn(timeZone);
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const plan = await createPlan(api(), companionB, { groupId: groups.b, year });
    const earlier = month > 1 ? month - 1 : undefined;
    const ended = earlier
      ? await addItem(api(), companionB, plan.id, itemBody({ title: 'Bulan lalu', plannedMonths: [earlier] }))
      : undefined;
    const running = await addItem(api(), companionB, plan.id, itemBody({ title: 'Bulan ini', plannedMonths: [month] }));
    const doneEarlier = earlier
      ? await addItem(
          api(),
          companionB,
          plan.id,
          itemBody({ title: 'Bulan lalu, selesai', targetCount: 1, plannedMonths: [earlier] }),
        )
      : undefined;
    if (doneEarlier)
      await addActivity(
        api(),
        companionB,
        plan.id,
        doneEarlier.id,
        activityBody(`${year}-${String(earlier).padStart(2, '0')}-10`),
      );

    const progress = await getProgress(api(), companionB, plan.id);
    const overdue = Object.fromEntries(progress.items.map((item: Json) => [item.id, item.overdue]));
    expect(overdue[running.id]).toBe(false);
    if (ended) expect(overdue[ended.id]).toBe(true);
    if (doneEarlier) expect(overdue[doneEarlier.id]).toBe(false);
    expect(progress.plan.itemsOverdue).toBe(ended ? 1 : 0);
  });

  // -------------------------------------------------------------------------------------------
  it('copies a plan to the next year with its items (planned again, new ids) but not its reports', async () => {
    const { companionA, companionB, coordinatorB, groups } = suite.org;
    const source = await createPlan(api(), companionB, {
      groupId: groups.b,
      year: 2020,
      goals: 'Kuatae bebas kekerasan',
    });
    const s1 = await addItem(
      api(),
      companionB,
      source.id,
      itemBody({
        title: 'Penyuluhan kesehatan reproduksi',
        keyPersons: 'Bidan desa',
        budget: 2_750_000,
        drppaIndicators: ['rights_based_parenting', 'no_child_marriage'],
        plannedMonths: [2, 4],
      }),
    );
    const s2 = await addItem(
      api(),
      companionB,
      source.id,
      itemBody({
        title: 'Kampanye di sekolah',
        category: 'prevention_campaign',
        targetCount: 100,
        targetUnit: 'participants',
        plannedMonths: [5],
      }),
    );
    const s3 = await addItem(
      api(),
      companionB,
      source.id,
      itemBody({ title: 'Pelatihan yang dibatalkan', category: 'training', plannedMonths: [8] }),
    );
    await step(api(), companionB, source.id, 'submit');
    await step(api(), coordinatorB, source.id, 'approve');
    const s4 = await addItem(
      api(),
      companionB,
      source.id,
      itemBody({
        title: 'Simpan pinjam perempuan',
        category: 'economic_empowerment',
        targetCount: 20,
        targetUnit: 'participants',
        plannedMonths: [10, 11],
      }),
    );
    await addActivity(api(), companionB, source.id, s1.id, activityBody('2020-02-14'));
    await addActivity(api(), companionB, source.id, s1.id, activityBody('2020-04-20'));
    await addActivity(
      api(),
      companionB,
      source.id,
      s2.id,
      activityBody('2020-05-02', { women: 30, men: 10, girls: 20, boys: 15, disability: 2 }),
    );
    await addActivity(
      api(),
      companionB,
      source.id,
      s4.id,
      activityBody('2020-10-09', { women: 12, men: 0, girls: 0, boys: 0, disability: 1 }),
    );
    const s3Now = await getItem(api(), companionB, source.id, s3.id);
    await http()
      .patch(`${WORK_PLANS}/${source.id}/items/${s3.id}`)
      .set(companionB.auth())
      .send({ status: 'cancelled', statusReason: 'Pelatih tidak tersedia', version: s3Now.version })
      .expect(200);
    const sourceBefore = await getPlan(api(), companionB, source.id);
    const sourceProgressBefore = await getProgress(api(), companionB, source.id);
    expect(sourceProgressBefore.plan.activities).toBe(4);

    const copy = await createPlan(api(), companionB, { groupId: groups.b, year: 2021, copyFrom: source.id });
    expect(copy).toMatchObject({
      groupId: groups.b,
      year: 2021,
      status: 'draft',
      copiedFromId: source.id,
      reviewComments: null,
      submittedAt: null,
      reviewedAt: null,
    });
    expect(copy.id).not.toBe(source.id);

    const copied = await getPlan(api(), companionB, copy.id);
    const carried = (item: Json) => ({
      title: item.title,
      category: item.category,
      targetCount: item.targetCount,
      targetUnit: item.targetUnit,
      plannedMonths: item.plannedMonths,
      keyPersons: item.keyPersons,
      budget: item.budget,
      drppaIndicators: item.drppaIndicators,
    });
    const byTitle = (a: Json, b: Json) => String(a.title).localeCompare(String(b.title));
    const expected = sourceBefore.items
      .filter((item: Json) => item.status !== 'cancelled')
      .map(carried)
      .sort(byTitle);
    expect(expected.map((item: Json) => item.title).sort()).toEqual([s1.title, s2.title, s4.title].sort());
    expect(copied.items.map(carried).sort(byTitle)).toEqual(expected);
    for (const item of copied.items) {
      expect(item).toMatchObject({
        workPlanId: copy.id,
        status: 'planned',
        statusReason: null,
        addedAfterApproval: false,
      });
      expect([s1.id, s2.id, s3.id, s4.id]).not.toContain(item.id);
    }

    // Not the reports: the copy starts from nothing.
    expect(await suite.dataSource.getRepository(ActivityReportEntity).countBy({ workPlanId: copy.id })).toBe(0);
    const copyProgress = await getProgress(api(), companionB, copy.id);
    expect(copyProgress.items).toHaveLength(3);
    for (const item of copyProgress.items) {
      expect(item).toMatchObject({
        status: 'planned',
        activities: 0,
        realised: 0,
        percent: 0,
        participants: { ...ZERO, total: 0 },
      });
    }
    expect(copyProgress.plan).toMatchObject({
      itemsPlanned: 3,
      itemsDone: 0,
      itemsCancelled: 0,
      activities: 0,
      participants: { ...ZERO, total: 0 },
    });
    for (const item of copied.items) {
      const listed = await http()
        .get(`${WORK_PLANS}/${copy.id}/items/${item.id}/activities`)
        .set(companionB.auth())
        .expect(200);
      expect(listed.body.items).toEqual([]);
    }
    // The source is as it was, and the copy is a draft the group edits.
    expect(await getPlan(api(), companionB, source.id)).toEqual(sourceBefore);
    expect(await getProgress(api(), companionB, source.id)).toEqual(sourceProgressBefore);
    await http()
      .patch(`${WORK_PLANS}/${copy.id}/items/${copied.items[0].id}`)
      .set(companionB.auth())
      .send({ targetCount: 8, version: copied.items[0].version })
      .expect(200);
    const original = sourceBefore.items.find((item: Json) => item.title === copied.items[0].title);
    expect(original.targetCount).not.toBe(8);
    expect((await getItem(api(), companionB, source.id, original.id)).targetCount).toBe(original.targetCount);

    // Only from an earlier plan of the same group the caller can read.
    const backwards = await http()
      .post(WORK_PLANS)
      .set(companionB.auth())
      .send({ groupId: groups.b, year: 2019, copyFrom: source.id });
    expectProblem(backwards, 422, 'business-rule');
    expect(names(backwards, 'copyFrom')).toBe(true);
    expect(await plansOfGroup(groups.b, 2019)).toBe(0);
    const foreign = await http()
      .post(WORK_PLANS)
      .set(companionA.auth())
      .send({ groupId: groups.a, year: 2029, copyFrom: source.id });
    expectProblem(foreign, 422, 'business-rule');
    expect(names(foreign, 'copyFrom')).toBe(true);
    const companionAB = await newUser('companion', { groupIds: [groups.a, groups.b] });
    const otherGroup = await http()
      .post(WORK_PLANS)
      .set(companionAB.auth())
      .send({ groupId: groups.a, year: 2029, copyFrom: source.id });
    expectProblem(otherGroup, 422, 'business-rule');
    expect(names(otherGroup, 'copyFrom')).toBe(true);
    const unknown = await http()
      .post(WORK_PLANS)
      .set(companionB.auth())
      .send({ groupId: groups.b, year: 2029, copyFrom: randomUUID() });
    expectProblem(unknown, 422, 'business-rule');
    expect(names(unknown, 'copyFrom')).toBe(true);
    expect(await plansOfGroup(groups.a, 2029)).toBe(0);
    expect(await plansOfGroup(groups.b, 2029)).toBe(0);
  });

  // -------------------------------------------------------------------------------------------
  it('answers 409 to an update with a stale version, of a plan or an item, in the body or in If-Match, and saves nothing', async () => {
    const { companionA, groups } = suite.org;
    const plan = await createPlan(api(), companionA, { groupId: groups.a, year: 2031, goals: 'Awal' });
    const url = `${WORK_PLANS}/${plan.id}`;
    const fresh = await http()
      .patch(url)
      .set(companionA.auth())
      .send({ goals: 'Kedua', version: plan.version })
      .expect(200);
    expect(fresh.body).toMatchObject({ goals: 'Kedua', version: plan.version + 1 });
    expectProblem(
      await http().patch(url).set(companionA.auth()).send({ goals: 'Basi', version: plan.version }),
      409,
      'stale-version',
    );
    expectProblem(
      await http()
        .patch(url)
        .set(companionA.auth())
        .set('if-match', `"${plan.version}"`)
        .send({ goals: 'Basi lewat header' }),
      409,
      'stale-version',
    );
    expectProblem(await http().patch(url).set(companionA.auth()).send({ goals: 'Tanpa versi' }), 428);
    expect(await getPlan(api(), companionA, plan.id)).toMatchObject({ goals: 'Kedua', version: fresh.body.version });
    await http()
      .patch(url)
      .set(companionA.auth())
      .set('if-match', `"${fresh.body.version}"`)
      .send({ goals: 'Ketiga' })
      .expect(200);

    const item = await addItem(api(), companionA, plan.id, itemBody({ title: 'Asli' }));
    const itemUrl = `${url}/items/${item.id}`;
    const edited = await http()
      .patch(itemUrl)
      .set(companionA.auth())
      .send({ title: 'Versi dua', plannedMonths: [7, 2, 7], version: item.version })
      .expect(200);
    expect(edited.body).toMatchObject({ title: 'Versi dua', plannedMonths: [2, 7], version: item.version + 1 });
    const rowBefore = await itemRow(item.id);
    expectProblem(
      await http().patch(itemUrl).set(companionA.auth()).send({ title: 'Basi', version: item.version }),
      409,
      'stale-version',
    );
    expectProblem(
      await http().patch(itemUrl).set(companionA.auth()).set('if-match', `"${item.version}"`).send({ targetCount: 99 }),
      409,
      'stale-version',
    );
    expectProblem(await http().patch(itemUrl).set(companionA.auth()).send({ title: 'Tanpa versi' }), 428);
    expect(await itemRow(item.id)).toEqual(rowBefore);
    expect(await getItem(api(), companionA, plan.id, item.id)).toMatchObject({
      title: 'Versi dua',
      targetCount: item.targetCount,
      version: edited.body.version,
    });
  });

  // -------------------------------------------------------------------------------------------
  it("creates one plan per group and year, for the group's companions only", async () => {
    const { companionA, companionB, coordinatorB, reviewer, admin, groups } = suite.org;
    await createPlan(api(), companionB, { groupId: groups.b, year: 2032 });
    const duplicate = await http()
      .post(WORK_PLANS)
      .set(companionB.auth())
      .send({ groupId: groups.b, year: 2032, goals: 'Lagi' });
    expectProblem(duplicate, 409, 'conflict');
    expect(await plansOfGroup(groups.b, 2032)).toBe(1);

    const invisible = await http().post(WORK_PLANS).set(companionA.auth()).send({ groupId: groups.b, year: 2033 });
    expectProblem(invisible, 422, 'business-rule');
    expect(names(invisible, 'groupId')).toBe(true);
    const absent = await http().post(WORK_PLANS).set(companionA.auth()).send({ groupId: randomUUID(), year: 2033 });
    expectProblem(absent, 422);
    expect(names(absent, 'groupId')).toBe(true);

    for (const user of [coordinatorB, reviewer, admin]) {
      expectProblem(
        await http().post(WORK_PLANS).set(user.auth()).send({ groupId: groups.b, year: 2040 }),
        403,
        'forbidden',
      );
    }
    expect(await plansOfGroup(groups.b, 2040)).toBe(0);
  });

  // -------------------------------------------------------------------------------------------
  it("takes activity reports dated in the plan's year and not in the future, and none on a cancelled item", async () => {
    const { companionA, companionB, groups, regions } = suite.org;
    const past = await createPlan(api(), companionB, { groupId: groups.b, year: 2025 });
    const item = await addItem(api(), companionB, past.id, itemBody({ title: 'Penyuluhan di posyandu' }));
    const reports = `${WORK_PLANS}/${past.id}/items/${item.id}/activities`;
    for (const date of ['2024-12-31', '2026-01-01']) {
      const outside = await http().post(reports).set(companionB.auth()).send(activityBody(date));
      expectProblem(outside, 422, 'business-rule');
      expect(names(outside, 'date')).toBe(true);
    }
    expectProblem(await http().post(reports).set(companionB.auth()).send(activityBody('2025-02-30')), 400);
    expect(await reportsOfItem(item.id)).toBe(0);
    expect((await itemRow(item.id)).status).toBe('planned');

    const created = await addActivity(
      api(),
      companionB,
      past.id,
      item.id,
      activityBody(
        '2025-12-31',
        { women: 8, men: 3, girls: 0, boys: 0, disability: 0 },
        { lessons: 'Mulai lebih pagi' },
      ),
    );
    expect(created).toMatchObject({
      date: '2025-12-31',
      lessons: 'Mulai lebih pagi',
      participants: { women: 8, men: 3, girls: 0, boys: 0, disability: 0 },
    });
    expect((await http().get(`${reports}/${created.id}`).set(companionB.auth()).expect(200)).body).toEqual(created);
    expect((await getItem(api(), companionB, past.id, item.id)).status).toBe('in_progress');

    // Tomorrow in the region's time zone, in a plan of that year.
    const tomorrow = todayIn(await regionTimeZone(regions.a), 1);
    const current = await createPlan(api(), companionA, { groupId: groups.a, year: Number(tomorrow.slice(0, 4)) });
    const currentItem = await addItem(api(), companionA, current.id, itemBody());
    const future = await http()
      .post(`${WORK_PLANS}/${current.id}/items/${currentItem.id}/activities`)
      .set(companionA.auth())
      .send(activityBody(tomorrow));
    expectProblem(future, 422, 'business-rule');
    expect(names(future, 'date')).toBe(true);
    expect(await reportsOfItem(currentItem.id)).toBe(0);

    // A cancelled item takes no reports.
    const cancelled = await addItem(api(), companionB, past.id, itemBody({ title: 'Dibatalkan' }));
    await http()
      .patch(`${WORK_PLANS}/${past.id}/items/${cancelled.id}`)
      .set(companionB.auth())
      .send({ status: 'cancelled', statusReason: 'Tidak jadi', version: cancelled.version })
      .expect(200);
    expectProblem(
      await http()
        .post(`${WORK_PLANS}/${past.id}/items/${cancelled.id}/activities`)
        .set(companionB.auth())
        .send(activityBody('2025-05-05')),
      409,
    );
    expect(await reportsOfItem(cancelled.id)).toBe(0);
    expect((await itemRow(cancelled.id)).status).toBe('cancelled');
  });

  // -------------------------------------------------------------------------------------------
  it('takes reports filed at the same moment on one item, every one, and moves the item by all of them', async () => {
    const { companionA, groups } = suite.org;
    // Two companions of the group, reporting from the same meeting at once.
    const companionA2 = await newUser('companion', { groupIds: [groups.a] });
    const plan = await createPlan(api(), companionA, { groupId: groups.a, year: 2021 });
    for (let round = 0; round < 4; round++) {
      const item = await addItem(
        api(),
        companionA,
        plan.id,
        itemBody({ title: `Pertemuan serentak ${round}`, targetCount: 3, targetUnit: 'meetings' }),
      );
      const answers = await Promise.all(
        [companionA, companionA2, companionA].map((user, n) =>
          http()
            .post(`${WORK_PLANS}/${plan.id}/items/${item.id}/activities`)
            .set(user.auth())
            .send(activityBody(`2021-0${n + 3}-1${round}`)),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(await reportsOfItem(item.id)).toBe(3);
      // Three reports for a target of three: done, whatever order they committed in.
      expect((await itemRow(item.id)).status).toBe('done');
    }
  });

  // -------------------------------------------------------------------------------------------
  it('refuses an unknown code with 400 naming the field, and creates nothing', async () => {
    const { companionA, companionB, groups } = suite.org;
    const lists = (await http().get('/api/v1/code-lists').set(companionA.auth()).expect(200)).body;
    expect(lists.planItemCategory.map((entry: Json) => entry.code)).toEqual(PLANNED_CATEGORIES);
    expect(lists.planItemStatus.map((entry: Json) => entry.code)).toEqual([
      'planned',
      'in_progress',
      'done',
      'cancelled',
    ]);
    expect(lists.workPlanStatus.map((entry: Json) => entry.code).sort()).toEqual([
      'approved',
      'draft',
      'returned',
      'submitted',
    ]);
    expect(lists.drppaIndicators.length).toBeGreaterThan(0);

    const plan = await createPlan(api(), companionA, { groupId: groups.a, year: 2036 });
    const items = `${WORK_PLANS}/${plan.id}/items`;
    const itemsOfPlan = () => suite.dataSource.getRepository(PlanItemEntity).countBy({ workPlanId: plan.id });

    const category = await http()
      .post(items)
      .set(companionA.auth())
      .send(itemBody({ category: 'sosialisasi' }));
    expectProblem(category, 400, 'validation-failed');
    expect(names(category, 'category')).toBe(true);
    const indicator = await http()
      .post(items)
      .set(companionA.auth())
      .send(itemBody({ drppaIndicators: ['no_child_marriage', 'desa_wisata'] }));
    expectProblem(indicator, 400, 'validation-failed');
    expect(names(indicator, 'drppaIndicators')).toBe(true);
    const month = await http()
      .post(items)
      .set(companionA.auth())
      .send(itemBody({ plannedMonths: [0, 13] }));
    expectProblem(month, 400, 'validation-failed');
    expect(names(month, 'plannedMonths')).toBe(true);
    const unknownField = await http()
      .post(items)
      .set(companionA.auth())
      .send(itemBody({ colour: 'merah' }));
    expectProblem(unknownField, 400, 'validation-failed');
    expect(names(unknownField, 'colour')).toBe(true);
    // Checked before the record's scope: a companion of another group hears about the code, not a 404.
    const beforeScope = await http()
      .post(items)
      .set(companionB.auth())
      .send(itemBody({ category: 'sosialisasi' }));
    expectProblem(beforeScope, 400, 'validation-failed');
    expect(names(beforeScope, 'category')).toBe(true);
    expect(await itemsOfPlan()).toBe(0);

    const item = await addItem(api(), companionA, plan.id);
    for (const body of [{ category: 'sosialisasi' }, { status: 'selesai', statusReason: 'x' }]) {
      const patched = await http()
        .patch(`${items}/${item.id}`)
        .set(companionA.auth())
        .send({ ...body, version: item.version });
      expectProblem(patched, 400, 'validation-failed');
      expect(names(patched, Object.keys(body)[0])).toBe(true);
    }
    const listFilter = await http().get(WORK_PLANS).query({ status: 'selesai' }).set(companionA.auth());
    expectProblem(listFilter, 400);
    expect(await getItem(api(), companionA, plan.id, item.id)).toMatchObject({
      category: 'awareness_session',
      status: 'planned',
      version: item.version,
    });
    expect(await itemsOfPlan()).toBe(1);
  });

  // -------------------------------------------------------------------------------------------
  it("lets a reviewer read every plan, item, report and progress of the organisation, coordinators their regions' and companions their groups'", async () => {
    const { companionA, companionB, coordinatorA, coordinatorB, reviewer, groups } = suite.org;
    const year = 2033;
    const planA = await createPlan(api(), companionA, { groupId: groups.a, year });
    const itemA = await addItem(api(), companionA, planA.id);
    const planB = await createPlan(api(), companionB, { groupId: groups.b, year });
    const itemB = await addItem(api(), companionB, planB.id, itemBody({ title: 'Kampanye Kuatae' }));
    // Reports need a date that is not in the future: on a 2024 plan of each group.
    const pastA = await createPlan(api(), companionA, { groupId: groups.a, year: 2024 });
    const pastItemA = await addItem(api(), companionA, pastA.id);
    const reportA = await addActivity(api(), companionA, pastA.id, pastItemA.id, activityBody('2024-03-03'));
    const pastB = await createPlan(api(), companionB, { groupId: groups.b, year: 2024 });
    const pastItemB = await addItem(api(), companionB, pastB.id);
    const reportB = await addActivity(api(), companionB, pastB.id, pastItemB.id, activityBody('2024-06-06'));

    const listIds = async (user: SignedInUser, query: Record<string, string | number>) =>
      (
        (
          await http()
            .get(WORK_PLANS)
            .query({ limit: 200, ...query })
            .set(user.auth())
            .expect(200)
        ).body.items as Json[]
      )
        .map((row) => row.id)
        .sort();

    // The reviewer: everything of the organisation, read only.
    expect(await listIds(reviewer, { year })).toEqual([planA.id, planB.id].sort());
    expect(await listIds(reviewer, { year, groupId: groups.b })).toEqual([planB.id]);
    expect(await listIds(reviewer, { year: 2024, status: 'draft' })).toEqual([pastA.id, pastB.id].sort());
    expect(await listIds(reviewer, { year, status: 'approved' })).toEqual([]);
    // Page by page, the same plans, each once.
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await http()
        .get(WORK_PLANS)
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set(reviewer.auth())
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      walked.push(...page.body.items.map((row: Json) => row.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked.length).toBe(new Set(walked).size);
    expect([...walked].sort()).toEqual(await listIds(reviewer, {}));
    expect(walked).toEqual(expect.arrayContaining([planA.id, planB.id, pastA.id, pastB.id]));
    for (const [plan, item, past, pastItem, report] of [
      [planA, itemA, pastA, pastItemA, reportA],
      [planB, itemB, pastB, pastItemB, reportB],
    ]) {
      const read = await getPlan(api(), reviewer, plan.id);
      expect(read).toMatchObject({ id: plan.id, groupId: plan.groupId, status: 'draft' });
      expect(read.items.map((row: Json) => row.id)).toEqual([item.id]);
      expect(await getItem(api(), reviewer, plan.id, item.id)).toMatchObject({ id: item.id, title: item.title });
      const listed = await http()
        .get(`${WORK_PLANS}/${past.id}/items/${pastItem.id}/activities`)
        .set(reviewer.auth())
        .expect(200);
      expect(listed.body.items.map((row: Json) => row.id)).toEqual([report.id]);
      const one = await http()
        .get(`${WORK_PLANS}/${past.id}/items/${pastItem.id}/activities/${report.id}`)
        .set(reviewer.auth())
        .expect(200);
      expect(one.body).toMatchObject({ id: report.id, summary: report.summary, participants: report.participants });
      expect((await getProgress(api(), reviewer, past.id)).plan.activities).toBe(1);
    }
    const reviewerWrites: [Method, string, object][] = [
      ['post', WORK_PLANS, { groupId: groups.a, year: 2041 }],
      ['patch', `${WORK_PLANS}/${planA.id}`, { goals: 'Reviewer', version: planA.version }],
      ['post', `${WORK_PLANS}/${planA.id}/items`, itemBody()],
      ['patch', `${WORK_PLANS}/${planA.id}/items/${itemA.id}`, { title: 'Reviewer', version: itemA.version }],
      ['delete', `${WORK_PLANS}/${planA.id}/items/${itemA.id}`, {}],
      ['post', `${WORK_PLANS}/${pastA.id}/items/${pastItemA.id}/activities`, activityBody('2024-04-04')],
      ['post', `${WORK_PLANS}/${planA.id}/submit`, {}],
      ['post', `${WORK_PLANS}/${planA.id}/approve`, {}],
      ['post', `${WORK_PLANS}/${planA.id}/return`, { comments: 'Reviewer' }],
    ];
    for (const [method, path, body] of reviewerWrites) {
      const refused = await http()[method](path).set(reviewer.auth()).send(body);
      expect([method, path, refused.status]).toEqual([method, path, 403]);
    }

    // A coordinator: their region's plans; another region's are absent.
    expect(await listIds(coordinatorA, { year })).toEqual([planA.id]);
    expect(await listIds(coordinatorB, { year })).toEqual([planB.id]);
    expectProblem(await http().get(`${WORK_PLANS}/${planB.id}`).set(coordinatorA.auth()), 404);
    expectProblem(await http().get(`${WORK_PLANS}/${planB.id}/items/${itemB.id}`).set(coordinatorA.auth()), 404);
    expectProblem(await http().get(`${WORK_PLANS}/${pastB.id}/progress`).set(coordinatorA.auth()), 404);
    expectProblem(
      await http()
        .get(`${WORK_PLANS}/${pastB.id}/items/${pastItemB.id}/activities/${reportB.id}`)
        .set(coordinatorA.auth()),
      404,
    );
    expect((await getProgress(api(), coordinatorA, pastA.id)).plan.activities).toBe(1);
    // Coordinators review; they do not write the group's plan.
    expectProblem(await http().post(`${WORK_PLANS}/${planA.id}/items`).set(coordinatorA.auth()).send(itemBody()), 403);
    expectProblem(
      await http()
        .post(`${WORK_PLANS}/${pastA.id}/items/${pastItemA.id}/activities`)
        .set(coordinatorA.auth())
        .send(activityBody('2024-04-04')),
      403,
    );

    // A companion: their groups' plans.
    expect(await listIds(companionA, { year })).toEqual([planA.id]);
    expect(await listIds(companionA, { groupId: groups.b })).toEqual([]);
    expectProblem(
      await http().get(`${WORK_PLANS}/${pastB.id}/items/${pastItemB.id}/activities`).set(companionA.auth()),
      404,
    );
    expectProblem(await http().get(`${WORK_PLANS}/${pastB.id}/progress`).set(companionA.auth()), 404);
    // An item addressed through another plan's URL is absent too.
    expectProblem(await http().get(`${WORK_PLANS}/${planA.id}/items/${itemB.id}`).set(reviewer.auth()), 404);
    expectProblem(await http().get(`${WORK_PLANS}/${planA.id}/items/${pastItemA.id}`).set(companionA.auth()), 404);

    expect(await reportsOfItem(pastItemA.id)).toBe(1);
    expect(await getPlan(api(), companionA, planA.id)).toMatchObject({
      version: planA.version,
      goals: planA.goals,
      status: 'draft',
    });
    expect(await getItem(api(), companionA, planA.id, itemA.id)).toMatchObject({
      version: itemA.version,
      title: itemA.title,
    });
  });

  // -------------------------------------------------------------------------------------------
  it('refuses org_admin every work-plan route with 403', async () => {
    const { companionA, admin, groups } = suite.org;
    const plan = await createPlan(api(), companionA, { groupId: groups.a, year: 2023 });
    const item = await addItem(api(), companionA, plan.id);
    const report = await addActivity(api(), companionA, plan.id, item.id, activityBody('2023-03-03'));
    const base = `${WORK_PLANS}/${plan.id}`;
    const routes: [Method, string, object | undefined][] = [
      ['get', WORK_PLANS, undefined],
      ['post', WORK_PLANS, { groupId: groups.a, year: 2042 }],
      ['get', base, undefined],
      ['patch', base, { goals: 'Admin', version: plan.version }],
      ['post', `${base}/submit`, {}],
      ['post', `${base}/approve`, { comments: 'Admin' }],
      ['post', `${base}/return`, { comments: 'Admin' }],
      ['get', `${base}/progress`, undefined],
      ['post', `${base}/items`, itemBody()],
      ['get', `${base}/items/${item.id}`, undefined],
      ['patch', `${base}/items/${item.id}`, { title: 'Admin', version: item.version }],
      ['delete', `${base}/items/${item.id}`, undefined],
      ['get', `${base}/items/${item.id}/activities`, undefined],
      ['post', `${base}/items/${item.id}/activities`, activityBody('2023-04-04')],
      ['get', `${base}/items/${item.id}/activities/${report.id}`, undefined],
    ];
    for (const [method, path, body] of routes) {
      let request = http()[method](path).set(admin.auth());
      if (body) request = request.send(body);
      const response = await request;
      expect([method, path, response.status, response.body.type]).toEqual([method, path, 403, problem('forbidden')]);
    }
    expect(await plansOfGroup(groups.a, 2042)).toBe(0);
    expect(await getPlan(api(), companionA, plan.id)).toMatchObject({
      status: 'draft',
      goals: null,
      version: plan.version,
      items: [expect.objectContaining({ id: item.id, title: item.title })],
    });
    expect(await reportsOfItem(item.id)).toBe(1);
  });

  // -------------------------------------------------------------------------------------------
  it('creates an item once under an Idempotency-Key and answers the retry with the same body', async () => {
    const { companionB, groups } = suite.org;
    const plan = await createPlan(api(), companionB, { groupId: groups.b, year: 2035 });
    const body = itemBody({
      title: 'Pertemuan dengan tokoh adat',
      category: 'advocacy',
      keyPersons: 'Tua adat, kepala dusun',
      budget: 500_000,
    });
    const post = () =>
      http()
        .post(`${WORK_PLANS}/${plan.id}/items`)
        .set(companionB.auth())
        .set('idempotency-key', 'wp-item-1')
        .send(body);
    const first = await post().expect(201);
    const second = await post().expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(
      await suite.dataSource
        .getRepository(PlanItemEntity)
        .countBy({ workPlanId: plan.id, title: 'Pertemuan dengan tokoh adat' }),
    ).toBe(1);

    // The same key with another body creates nothing.
    const reused = await http()
      .post(`${WORK_PLANS}/${plan.id}/items`)
      .set(companionB.auth())
      .set('idempotency-key', 'wp-item-1')
      .send({ ...body, title: 'Lain' });
    expectProblem(reused, 422, 'business-rule');
    expect(await suite.dataSource.getRepository(PlanItemEntity).countBy({ workPlanId: plan.id })).toBe(1);

    // Reports too: a retried report is one report.
    const past = await createPlan(api(), companionB, { groupId: groups.b, year: 2022 });
    const pastItem = await addItem(api(), companionB, past.id);
    const report = () =>
      http()
        .post(`${WORK_PLANS}/${past.id}/items/${pastItem.id}/activities`)
        .set(companionB.auth())
        .set('idempotency-key', 'wp-report-1')
        .send(activityBody('2022-08-17'));
    const once = await report().expect(201);
    const again = await report().expect(201);
    expect(again.body).toEqual(once.body);
    expect(await reportsOfItem(pastItem.id)).toBe(1);
  });
});
