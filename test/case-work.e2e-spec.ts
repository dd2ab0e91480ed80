import { randomBytes, randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { organisationSuite } from './support/organisation-suite';
import { createOrganisation, Organisation, SignedInUser, createUser } from './support/world';

/**
 * The work on a case (SPEC §4, §8, §9): referrals and the consent they need, follow-ups and what
 * is due, the change history and who sees its values, the duplicate check, and the de-identified
 * statistics.
 */

const API = '/api/v1';
const problem = (kind: string) => `urn:pendamping:problem:${kind}`;
const suffix = () => randomBytes(4).toString('hex');
const digits = (length: number) => Array.from({ length }, () => randomInt(10)).join('');

type Body = Record<string, unknown>;
/** A parsed response body, as supertest types it: the assertions check its shape. */
type Json = Response['body'];

/** A calendar day `offset` days from today (UTC), as YYYY-MM-DD. Margins used below are several days, so the region's time zone does not matter. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const IDENTIFYING_OR_SENSITIVE_FIELDS = [
  'survivor.name',
  'survivor.alias',
  'survivor.phone',
  'survivor.address',
  'survivor.birthDate',
  'survivor.nik',
  'guardian.name',
  'guardian.phone',
  'perpetrators.name',
  'perpetrators.phone',
  'guardian',
  'perpetrators',
  'narrative',
  'safetyPlan',
  'medicalNotes',
  'safeContact.safeTimes',
  'safeContact.intermediary',
  'safeContact',
  'statusReason',
];
/** A field name of the history, with array indexes taken out: perpetrators[0].name and perpetrators.0.name both read perpetrators.name. */
const normalisedField = (field: string) => field.replace(/\[\d+\]/g, '').replace(/\.\d+(?=\.|$)/g, '');

const validationFields = (response: Response): string[] =>
  ((response.body.errors ?? []) as { field: string }[]).map((error) => error.field);
const names = (response: Response, field: string) =>
  validationFields(response).some(
    (name) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`),
  );

describe('Case work', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let companionA2: SignedInUser;
  let other: Organisation;

  const newUser = (role: string, scope: { groupIds?: string[]; regionIds?: string[] }): Promise<SignedInUser> =>
    createUser(suite.api, suite.org.admin, role, scope);

  beforeAll(async () => {
    companionA2 = await newUser('companion', { groupIds: [suite.org.groups.a] });
    other = await createOrganisation(suite.api, 'Lain');
  });

  const caseBody = (tag: string, extra: Body = {}): Body => ({
    villageId: suite.org.villages.a,
    intakeDate: day(-40),
    riskLevel: 'medium',
    violenceTypes: ['fisik'],
    survivor: {
      name: `Survivor ${tag}`,
      phone: `0812${digits(8)}`,
      birthDate: '1994-07-12',
      sex: 'female',
      ageAtIntake: 32,
    },
    narrative: `Narasi ${tag}`,
    consent: { record: true, refer: true },
    ...extra,
  });
  const createCase = async (user: SignedInUser, body: Body): Promise<Json> => {
    const response = await http().post(`${API}/cases`).set(user.auth()).send(body);
    if (response.status !== 201)
      throw new Error(`POST /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const getCase = (user: SignedInUser, id: string) => http().get(`${API}/cases/${id}`).set(user.auth());
  const postReferral = (user: SignedInUser, caseId: string, body: Body) =>
    http().post(`${API}/cases/${caseId}/referrals`).set(user.auth()).send(body);
  const patchReferral = (user: SignedInUser, caseId: string, referralId: string, body: Body) =>
    http().patch(`${API}/cases/${caseId}/referrals/${referralId}`).set(user.auth()).send(body);
  const postFollowUp = (user: SignedInUser, caseId: string, body: Body) =>
    http().post(`${API}/cases/${caseId}/follow-ups`).set(user.auth()).send(body);
  const referralRows = async (caseId: string) =>
    Number((await suite.dataSource.query('SELECT count(*) FROM referrals WHERE case_id = $1', [caseId]))[0].count);
  const history = (user: SignedInUser, caseId: string) => http().get(`${API}/cases/${caseId}/history`).set(user.auth());
  const duplicateCheck = (user: SignedInUser, name: string, birthYear: number) =>
    http().post(`${API}/cases/duplicate-check`).set(user.auth()).send({ name, birthYear });
  const stats = async (user: SignedInUser): Promise<Json> =>
    (await http().get(`${API}/stats/summary`).set(user.auth()).expect(200)).body;

  async function listAll(user: SignedInUser, query: Record<string, string> = {}): Promise<Json[]> {
    const items: Json[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const response = await http()
        .get(`${API}/cases`)
        .query({ ...query, limit: '100', ...(cursor ? { cursor } : {}) })
        .set(user.auth());
      if (response.status !== 200)
        throw new Error(`GET /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
      items.push(...response.body.items);
      cursor = response.body.nextCursor ?? undefined;
      if (!cursor) return items;
    }
    throw new Error('GET /cases did not end after 100 pages');
  }

  // -------------------------------------------------------------------------------------------
  describe('referrals', () => {
    it('refuses a referral without consent to refer with 422 naming the consent rule, and saves no row in referrals', async () => {
      const withoutConsent = await createCase(suite.org.companionA, caseBody(suffix(), { consent: { record: true } }));
      const refused = await postReferral(suite.org.companionA, withoutConsent.id, {
        serviceType: 'police',
        referredAt: day(-30),
        note: 'Lapor ke Unit PPA',
      }).expect(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.type).toBe(problem('business-rule'));
      expect(refused.body.detail).toMatch(/consent/i);
      expect(refused.body.detail).toMatch(/refer/i);
      expect(await referralRows(withoutConsent.id)).toBe(0);

      const declined = await createCase(
        suite.org.companionA,
        caseBody(suffix(), { consent: { record: true, refer: false } }),
      );
      await postReferral(suite.org.coordinatorA, declined.id, { serviceType: 'health', referredAt: day(-30) }).expect(
        422,
      );
      expect(await referralRows(declined.id)).toBe(0);
      const list = await http()
        .get(`${API}/cases/${declined.id}/referrals`)
        .set(suite.org.coordinatorA.auth())
        .expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('accepts the referral once consent to refer is recorded', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix(), { consent: { record: true } }));
      await postReferral(suite.org.companionA, created.id, { serviceType: 'legal_aid', referredAt: day(-30) }).expect(
        422,
      );
      await http()
        .patch(`${API}/cases/${created.id}`)
        .set(suite.org.companionA.auth())
        .set('if-match', '1')
        .send({ consent: { record: true, refer: true, givenBy: 'survivor', givenAt: day(-35) } })
        .expect(200);
      const referral = await postReferral(suite.org.companionA, created.id, {
        serviceType: 'legal_aid',
        referredAt: day(-30),
      }).expect(201);
      expect(referral.body).toMatchObject({
        caseId: created.id,
        serviceType: 'legal_aid',
        status: 'pending',
        version: 1,
      });
      expect(await referralRows(created.id)).toBe(1);
    });

    it('creates a referral as pending and lists it; a reviewer sees no outcome note', async () => {
      const tag = suffix();
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      const provider = await http()
        .post(`${API}/service-providers`)
        .set(suite.org.admin.auth())
        .send({ name: `Unit PPA Polres ${suffix()}`, serviceType: 'police', regionId: suite.org.regions.a })
        .expect(201);
      const response = await postReferral(suite.org.companionA, created.id, {
        serviceType: 'police',
        providerId: provider.body.id,
        referredAt: day(-30),
        note: `Catatan ${tag}`,
      }).expect(201);
      expect(response.body).toMatchObject({
        caseId: created.id,
        serviceType: 'police',
        providerId: provider.body.id,
        referredAt: day(-30),
        status: 'pending',
        version: 1,
      });
      expect(typeof response.body.id).toBe('string');

      const companionList = await http()
        .get(`${API}/cases/${created.id}/referrals`)
        .set(suite.org.companionA.auth())
        .expect(200);
      expect(companionList.body.items.map((item: Json) => item.id)).toEqual([response.body.id]);
      const reviewerList = await http()
        .get(`${API}/cases/${created.id}/referrals`)
        .set(suite.org.reviewer.auth())
        .expect(200);
      expect(reviewerList.body.items).toHaveLength(1);
      expect(reviewerList.body.items[0]).toMatchObject({
        id: response.body.id,
        serviceType: 'police',
        status: 'pending',
      });
      expect('outcomeNote' in reviewerList.body.items[0]).toBe(false);
      expect(reviewerList.text).not.toContain(tag);

      const [row] = await suite.dataSource.query('SELECT outcome_note FROM referrals WHERE id = $1', [
        response.body.id,
      ]);
      if (row.outcome_note !== null) expect(Buffer.from(row.outcome_note).includes(Buffer.from(tag))).toBe(false);
    });

    it('walks the referral status workflow and answers an illegal step with 409, saving nothing', async () => {
      const tag = suffix();
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      const referral = (
        await postReferral(suite.org.companionA, created.id, { serviceType: 'health', referredAt: day(-30) }).expect(
          201,
        )
      ).body;
      const skip = await patchReferral(suite.org.companionA, created.id, referral.id, {
        status: 'completed',
        version: 1,
      }).expect(409);
      expect(skip.body.detail).toContain('pending');
      const accepted = await patchReferral(suite.org.companionA, created.id, referral.id, {
        status: 'accepted',
        version: 1,
      }).expect(200);
      expect(accepted.body).toMatchObject({ id: referral.id, status: 'accepted', version: 2 });
      await patchReferral(suite.org.companionA, created.id, referral.id, { status: 'completed', version: 2 }).expect(
        409,
      );
      const inService = await patchReferral(suite.org.companionA, created.id, referral.id, {
        status: 'in_service',
        version: 2,
      }).expect(200);
      expect(inService.body).toMatchObject({ status: 'in_service', version: 3 });
      const completed = await patchReferral(suite.org.coordinatorA, created.id, referral.id, {
        status: 'completed',
        outcomeNote: `Visum selesai ${tag}`,
        version: 3,
      }).expect(200);
      expect(completed.body).toMatchObject({ status: 'completed', outcomeNote: `Visum selesai ${tag}`, version: 4 });
      await patchReferral(suite.org.coordinatorA, created.id, referral.id, { status: 'cancelled', version: 4 }).expect(
        409,
      );
      await patchReferral(suite.org.coordinatorA, created.id, referral.id, { status: 'pending', version: 4 }).expect(
        409,
      );

      const listed = (
        await http().get(`${API}/cases/${created.id}/referrals`).set(suite.org.companionA.auth()).expect(200)
      ).body.items;
      expect(listed).toEqual([
        expect.objectContaining({
          id: referral.id,
          status: 'completed',
          outcomeNote: `Visum selesai ${tag}`,
          version: 4,
        }),
      ]);
      const reviewerView = await http()
        .get(`${API}/cases/${created.id}/referrals`)
        .set(suite.org.reviewer.auth())
        .expect(200);
      expect(reviewerView.text).not.toContain(tag);
    });

    it('lets a pending referral be declined or cancelled, and an accepted one be declined', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      const post = async () =>
        (
          await postReferral(suite.org.companionA, created.id, { serviceType: 'shelter', referredAt: day(-30) }).expect(
            201,
          )
        ).body;
      const one = await post();
      await patchReferral(suite.org.companionA, created.id, one.id, { status: 'declined', version: 1 }).expect(200);
      await patchReferral(suite.org.companionA, created.id, one.id, { status: 'accepted', version: 2 }).expect(409);
      const two = await post();
      await patchReferral(suite.org.companionA, created.id, two.id, { status: 'cancelled', version: 1 }).expect(200);
      const three = await post();
      await patchReferral(suite.org.companionA, created.id, three.id, { status: 'accepted', version: 1 }).expect(200);
      await patchReferral(suite.org.companionA, created.id, three.id, { status: 'declined', version: 2 }).expect(200);
    });

    it('answers a referral PATCH with a stale version with 409 and without a version with 428', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      const referral = (
        await postReferral(suite.org.companionA, created.id, {
          serviceType: 'psychosocial',
          referredAt: day(-30),
        }).expect(201)
      ).body;
      await patchReferral(suite.org.companionA, created.id, referral.id, { status: 'accepted', version: 1 }).expect(
        200,
      );
      const stale = await patchReferral(suite.org.companionA, created.id, referral.id, {
        status: 'cancelled',
        version: 1,
      }).expect(409);
      expect(stale.body).toMatchObject({ type: problem('stale-version'), currentVersion: 2 });
      const missing = await patchReferral(suite.org.companionA, created.id, referral.id, {
        status: 'cancelled',
      }).expect(428);
      expect(missing.body.type).toBe(problem('precondition-required'));
      const listed = (
        await http().get(`${API}/cases/${created.id}/referrals`).set(suite.org.companionA.auth()).expect(200)
      ).body.items;
      expect(listed).toEqual([expect.objectContaining({ id: referral.id, status: 'accepted', version: 2 })]);
    });

    it('refuses an unknown service type or status with 400, saving nothing', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      const unknownType = await postReferral(suite.org.companionA, created.id, {
        serviceType: 'dukun',
        referredAt: day(-30),
      }).expect(400);
      expect(names(unknownType, 'serviceType')).toBe(true);
      expect(await referralRows(created.id)).toBe(0);
      const referral = (
        await postReferral(suite.org.companionA, created.id, { serviceType: 'police', referredAt: day(-30) }).expect(
          201,
        )
      ).body;
      const unknownStatus = await patchReferral(suite.org.companionA, created.id, referral.id, {
        status: 'lost',
        version: 1,
      }).expect(400);
      expect(names(unknownStatus, 'status')).toBe(true);
    });

    it('answers referrals of a case out of scope with 404, and refuses a reviewer writing one with 403', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      const referral = (
        await postReferral(suite.org.companionA, created.id, { serviceType: 'police', referredAt: day(-30) }).expect(
          201,
        )
      ).body;
      for (const user of [companionA2, suite.org.companionB, suite.org.coordinatorB]) {
        await http().get(`${API}/cases/${created.id}/referrals`).set(user.auth()).expect(404);
        await postReferral(user, created.id, { serviceType: 'police', referredAt: day(-30) }).expect(404);
        await patchReferral(user, created.id, referral.id, { status: 'accepted', version: 1 }).expect(404);
      }
      const reviewerPost = await postReferral(suite.org.reviewer, created.id, {
        serviceType: 'police',
        referredAt: day(-30),
      }).expect(403);
      expect(reviewerPost.body.type).toBe(problem('forbidden'));
      await patchReferral(suite.org.reviewer, created.id, referral.id, { status: 'accepted', version: 1 }).expect(403);
      expect(await referralRows(created.id)).toBe(1);
      const listed = (
        await http().get(`${API}/cases/${created.id}/referrals`).set(suite.org.coordinatorA.auth()).expect(200)
      ).body.items;
      expect(listed).toEqual([expect.objectContaining({ id: referral.id, status: 'pending', version: 1 })]);
    });

    it('answers a referral id of another case with 404', async () => {
      const first = await createCase(suite.org.companionA, caseBody(suffix()));
      const second = await createCase(suite.org.companionA, caseBody(suffix()));
      const referral = (
        await postReferral(suite.org.companionA, first.id, { serviceType: 'police', referredAt: day(-30) }).expect(201)
      ).body;
      await patchReferral(suite.org.companionA, second.id, referral.id, { status: 'accepted', version: 1 }).expect(404);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('follow-ups', () => {
    let overdueCase: Json;
    let soonCase: Json;
    let laterCase: Json;
    const tag = suffix();

    beforeAll(async () => {
      overdueCase = await createCase(suite.org.companionA, caseBody(suffix()));
      soonCase = await createCase(suite.org.companionA, caseBody(suffix()));
      laterCase = await createCase(suite.org.companionA, caseBody(suffix()));
    });

    it('records follow-ups and lists them; a reviewer sees no notes nor next action', async () => {
      const overdue = await postFollowUp(suite.org.companionA, overdueCase.id, {
        date: day(-20),
        type: 'home_visit',
        notes: `Catatan kunjungan ${tag}`,
        nextAction: `Antar ke puskesmas ${tag}`,
        dueDate: day(-10),
      }).expect(201);
      expect(overdue.body).toMatchObject({
        caseId: overdueCase.id,
        date: day(-20),
        type: 'home_visit',
        dueDate: day(-10),
        notes: `Catatan kunjungan ${tag}`,
        nextAction: `Antar ke puskesmas ${tag}`,
      });
      await postFollowUp(suite.org.companionA, soonCase.id, {
        date: day(-2),
        type: 'phone_call',
        notes: `Telepon ${tag}`,
        nextAction: `Telepon lagi ${tag}`,
        dueDate: day(3),
      }).expect(201);
      await postFollowUp(suite.org.coordinatorA, laterCase.id, {
        date: day(-2),
        type: 'accompaniment_police',
        nextAction: `Sidang ${tag}`,
        dueDate: day(30),
      }).expect(201);

      const companionList = await http()
        .get(`${API}/cases/${overdueCase.id}/follow-ups`)
        .set(suite.org.companionA.auth())
        .expect(200);
      expect(companionList.body.items).toEqual([
        expect.objectContaining({ id: overdue.body.id, notes: `Catatan kunjungan ${tag}` }),
      ]);
      const reviewerList = await http()
        .get(`${API}/cases/${overdueCase.id}/follow-ups`)
        .set(suite.org.reviewer.auth())
        .expect(200);
      expect(reviewerList.body.items).toEqual([
        expect.objectContaining({ id: overdue.body.id, type: 'home_visit', dueDate: day(-10) }),
      ]);
      expect('notes' in reviewerList.body.items[0]).toBe(false);
      expect('nextAction' in reviewerList.body.items[0]).toBe(false);
      expect(reviewerList.text).not.toContain(tag);
    });

    it("lists due follow-ups for the caller's cases, flagging the overdue ones", async () => {
      const due = async (user: SignedInUser) => {
        const response = await http().get(`${API}/follow-ups/due`).query({ days: '7' }).set(user.auth()).expect(200);
        return response.body.items as Json[];
      };
      const mine = await due(suite.org.companionA);
      const byCase = (items: Json[], id: string) => items.filter((item) => item.caseId === id);
      expect(byCase(mine, overdueCase.id)).toEqual([
        expect.objectContaining({
          caseId: overdueCase.id,
          caseNumber: overdueCase.caseNumber,
          dueDate: day(-10),
          overdue: true,
        }),
      ]);
      expect(byCase(mine, soonCase.id)).toEqual([
        expect.objectContaining({
          caseId: soonCase.id,
          caseNumber: soonCase.caseNumber,
          dueDate: day(3),
          overdue: false,
        }),
      ]);
      expect(byCase(mine, laterCase.id)).toEqual([]);
      expect(JSON.stringify(mine)).not.toContain(tag);

      const region = await due(suite.org.coordinatorA);
      expect(region.map((item) => item.caseId)).toEqual(expect.arrayContaining([overdueCase.id, soonCase.id]));
      expect(region.map((item) => item.caseId)).not.toContain(laterCase.id);
      for (const user of [companionA2, suite.org.companionB, suite.org.coordinatorB]) {
        const theirs = (await due(user)).map((item) => item.caseId);
        expect(theirs).not.toContain(overdueCase.id);
        expect(theirs).not.toContain(soonCase.id);
      }
    });

    it('filters the case list by overdue=true', async () => {
      const overdue = (await listAll(suite.org.companionA, { overdue: 'true' })).map((item) => item.id);
      expect(overdue).toContain(overdueCase.id);
      expect(overdue).not.toContain(soonCase.id);
      expect(overdue).not.toContain(laterCase.id);
      const regionOverdue = (await listAll(suite.org.coordinatorA, { overdue: 'true' })).map((item) => item.id);
      expect(regionOverdue).toContain(overdueCase.id);
      expect((await listAll(suite.org.coordinatorB, { overdue: 'true' })).map((item) => item.id)).not.toContain(
        overdueCase.id,
      );
    });

    it('refuses an unknown follow-up type with 400, and follow-ups of a case out of scope with 404', async () => {
      const unknown = await postFollowUp(suite.org.companionA, overdueCase.id, {
        date: day(-1),
        type: 'gossip',
      }).expect(400);
      expect(names(unknown, 'type')).toBe(true);
      await postFollowUp(companionA2, overdueCase.id, { date: day(-1), type: 'home_visit' }).expect(404);
      await http().get(`${API}/cases/${overdueCase.id}/follow-ups`).set(suite.org.coordinatorB.auth()).expect(404);
      const reviewer = await postFollowUp(suite.org.reviewer, overdueCase.id, {
        date: day(-1),
        type: 'home_visit',
      }).expect(403);
      expect(reviewer.body.type).toBe(problem('forbidden'));
      const [row] = await suite.dataSource.query('SELECT count(*) FROM follow_ups WHERE case_id = $1', [
        overdueCase.id,
      ]);
      expect(Number(row.count)).toBe(1);
    });

    it('stores follow-up notes encrypted', async () => {
      const rows: { notes: Buffer | null; next_action: Buffer | null }[] = await suite.dataSource.query(
        'SELECT notes, next_action FROM follow_ups WHERE case_id = $1',
        [overdueCase.id],
      );
      expect(rows).toHaveLength(1);
      expect(Buffer.isBuffer(rows[0].notes)).toBe(true);
      expect(rows[0].notes!.includes(Buffer.from(tag))).toBe(false);
      expect(rows[0].next_action!.includes(Buffer.from(tag))).toBe(false);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('history', () => {
    it('shows field names to a reviewer and no values of identifying fields; the coordinator sees the value', async () => {
      const tag = suffix();
      const firstName = `Agustina Nenobais ${tag}`;
      const secondName = `Agustina Ndun ${tag}`;
      const created = await createCase(
        suite.org.companionA,
        caseBody(tag, {
          survivor: { name: firstName, sex: 'female', ageAtIntake: 32 },
          narrative: `Narasi awal ${tag}`,
        }),
      );
      await http()
        .patch(`${API}/cases/${created.id}`)
        .set(suite.org.companionA.auth())
        .set('if-match', '1')
        .send({ survivor: { name: secondName }, riskLevel: 'critical', narrative: `Narasi kedua ${tag}` })
        .expect(200);
      await http()
        .post(`${API}/cases/${created.id}/transitions`)
        .set(suite.org.companionA.auth())
        .send({ to: 'active', reason: `Alasan ${tag}` })
        .expect(200);

      const reviewer = await history(suite.org.reviewer, created.id).expect(200);
      const items = reviewer.body.items as Json[];
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const item of items) {
        expect(item).toEqual(
          expect.objectContaining({
            at: expect.any(String),
            actorId: expect.any(String),
            action: expect.any(String),
            changes: expect.any(Array),
          }),
        );
      }
      const changes = items.flatMap((item) => item.changes as Json[]);
      // The field names are there …
      expect(changes.filter((change) => change.field === 'survivor.name').length).toBeGreaterThanOrEqual(2);
      expect(changes.some((change) => change.field === 'narrative')).toBe(true);
      // … the values of identifying and sensitive fields are not (the key is absent) …
      const leaked = changes.filter(
        (change) => IDENTIFYING_OR_SENSITIVE_FIELDS.includes(normalisedField(change.field)) && 'value' in change,
      );
      expect(leaked).toEqual([]);
      expect(reviewer.text).not.toContain(tag);
      // … and coded values are.
      expect(changes).toContainEqual(expect.objectContaining({ field: 'riskLevel', value: 'critical' }));
      expect(changes).toContainEqual(expect.objectContaining({ field: 'status', value: 'active' }));
      const patchItem = items.find((item) =>
        (item.changes as Json[]).some((change) => change.field === 'riskLevel' && change.value === 'critical'),
      );
      expect(patchItem?.actorId).toBe(suite.org.companionA.id);

      const coordinator = await history(suite.org.coordinatorA, created.id).expect(200);
      const coordinatorChanges = (coordinator.body.items as Json[]).flatMap((item) => item.changes as Json[]);
      expect(coordinatorChanges).toContainEqual(expect.objectContaining({ field: 'survivor.name', value: secondName }));
      expect(coordinatorChanges).toContainEqual(expect.objectContaining({ field: 'survivor.name', value: firstName }));
      expect(coordinatorChanges).toContainEqual(
        expect.objectContaining({ field: 'narrative', value: `Narasi kedua ${tag}` }),
      );
      expect(coordinatorChanges).toContainEqual(expect.objectContaining({ field: 'riskLevel', value: 'critical' }));
      expect(coordinator.body.items.map((item: Json) => item.at)).toEqual(
        reviewer.body.items.map((item: Json) => item.at),
      );

      const companion = await history(suite.org.companionA, created.id).expect(200);
      expect((companion.body.items as Json[]).flatMap((item) => item.changes as Json[])).toContainEqual(
        expect.objectContaining({ field: 'survivor.name', value: secondName }),
      );
    });

    it('records assignment in the history', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      await http()
        .put(`${API}/cases/${created.id}/assignment`)
        .set(suite.org.coordinatorA.auth())
        .send({ assignedCompanionId: companionA2.id, version: 1 })
        .expect(200);
      const changes = ((await history(suite.org.reviewer, created.id).expect(200)).body.items as Json[]).flatMap(
        (item) => item.changes as Json[],
      );
      expect(changes).toContainEqual(expect.objectContaining({ field: 'assignedCompanionId', value: companionA2.id }));
    });

    it('answers the history of a case out of scope with 404', async () => {
      const created = await createCase(suite.org.companionA, caseBody(suffix()));
      for (const user of [
        companionA2,
        suite.org.companionB,
        suite.org.coordinatorB,
        other.coordinatorA,
        other.reviewer,
      ]) {
        const response = await history(user, created.id).expect(404);
        expect(response.body.type).toBe(problem('not-found'));
      }
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('duplicate check', () => {
    let known: Json;
    let otherOrgCase: Json;

    beforeAll(async () => {
      known = await createCase(
        suite.org.companionA,
        caseBody(suffix(), { survivor: { name: 'Élisabeth N. Fóes', birthDate: '1994-07-12', sex: 'female' } }),
      );
      otherOrgCase = await createCase(other.companionA, {
        villageId: other.villages.a,
        intakeDate: day(-40),
        violenceTypes: ['psikis'],
        survivor: { name: 'Yuliana Mooy Taneo', birthDate: '1988-01-20', sex: 'female' },
        consent: { record: true },
      });
    });

    it('answers a possible duplicate for the same name, folded for case, accents and punctuation, and birth year, without ids', async () => {
      const response = await duplicateCheck(suite.org.companionA, 'ELISABETH N FOES', 1994).expect(200);
      expect(response.body).toEqual({ possibleDuplicate: true, message: expect.any(String) });
      expect(response.text).not.toContain(known.id);
      expect(response.text).not.toContain(known.caseNumber);
      // Another companion of the organisation, who cannot read the case, gets the same answer.
      const fromB = await duplicateCheck(suite.org.companionB, 'elisabeth n. foes', 1994).expect(200);
      expect(fromB.body.possibleDuplicate).toBe(true);
      expect(fromB.text).not.toContain(known.id);
      expect(
        (await duplicateCheck(suite.org.coordinatorB, 'Elisabeth N Foes', 1994).expect(200)).body.possibleDuplicate,
      ).toBe(true);
    });

    it('answers no duplicate for another birth year or another name', async () => {
      expect((await duplicateCheck(suite.org.companionA, 'Elisabeth N Foes', 1995).expect(200)).body).toEqual({
        possibleDuplicate: false,
        message: expect.any(String),
      });
      expect(
        (await duplicateCheck(suite.org.companionA, 'Elisabeth Foes', 1994).expect(200)).body.possibleDuplicate,
      ).toBe(false);
      expect(
        (await duplicateCheck(suite.org.companionA, 'Elisabeth N Foes Bria', 1994).expect(200)).body.possibleDuplicate,
      ).toBe(false);
    });

    it("never matches another organisation's case", async () => {
      expect(
        (await duplicateCheck(suite.org.companionA, 'Yuliana Mooy Taneo', 1988).expect(200)).body.possibleDuplicate,
      ).toBe(false);
      expect(
        (await duplicateCheck(suite.org.coordinatorA, 'Yuliana Mooy Taneo', 1988).expect(200)).body.possibleDuplicate,
      ).toBe(false);
      // The same question in its own organisation does match, so the answer above is the organisation boundary.
      const own = await duplicateCheck(other.companionB, 'yuliana mooy taneo', 1988).expect(200);
      expect(own.body.possibleDuplicate).toBe(true);
      expect(own.text).not.toContain(otherOrgCase.id);
    });

    it('refuses the duplicate check to reviewers and org_admins with 403, and a malformed question with 400', async () => {
      expect((await duplicateCheck(suite.org.reviewer, 'Elisabeth N Foes', 1994).expect(403)).body.type).toBe(
        problem('forbidden'),
      );
      expect((await duplicateCheck(suite.org.admin, 'Elisabeth N Foes', 1994).expect(403)).body.type).toBe(
        problem('forbidden'),
      );
      await http()
        .post(`${API}/cases/duplicate-check`)
        .set(suite.org.companionA.auth())
        .send({ name: 'Elisabeth N Foes' })
        .expect(400);
      await http()
        .post(`${API}/cases/duplicate-check`)
        .set(suite.org.companionA.auth())
        .send({ name: 'Elisabeth N Foes', birthYear: 'sembilan' })
        .expect(400);
    });

    it('never blocks creating the case', async () => {
      const again = await createCase(
        suite.org.companionA,
        caseBody(suffix(), { survivor: { name: 'Elisabeth N Foes', birthDate: '1994-07-12', sex: 'female' } }),
      );
      expect(again.id).not.toBe(known.id);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('statistics', () => {
    it("counts only the caller's region for a coordinator, de-identified", async () => {
      const tag = suffix();
      const before = {
        a: await stats(suite.org.coordinatorA),
        b: await stats(suite.org.coordinatorB),
        reviewer: await stats(suite.org.reviewer),
      };
      await createCase(
        suite.org.coordinatorB,
        caseBody(tag, { villageId: suite.org.villages.b, riskLevel: 'critical', violenceTypes: ['trafficking'] }),
      );
      const after = {
        a: await stats(suite.org.coordinatorA),
        b: await stats(suite.org.coordinatorB),
        reviewer: await stats(suite.org.reviewer),
      };
      expect(after.a).toEqual(before.a);
      expect(after.b.total).toBe(before.b.total + 1);
      expect(after.b.byStatus.open).toBe((before.b.byStatus.open ?? 0) + 1);
      expect(after.b.byRiskLevel.critical).toBe((before.b.byRiskLevel.critical ?? 0) + 1);
      expect(after.b.byViolenceType.trafficking).toBe((before.b.byViolenceType.trafficking ?? 0) + 1);
      expect(after.reviewer.total).toBe(before.reviewer.total + 1);
      expect(JSON.stringify(after)).not.toContain(tag);
    });

    it('counts exactly the cases each caller can list', async () => {
      for (const user of [
        suite.org.coordinatorA,
        suite.org.coordinatorB,
        suite.org.reviewer,
        suite.org.companionA,
        companionA2,
      ]) {
        const counted = await stats(user);
        const listed = await listAll(user);
        expect([user.role, user.id, counted.total]).toEqual([user.role, user.id, listed.length]);
        const open = listed.filter((item) => item.status === 'open').length;
        expect([user.role, user.id, counted.byStatus.open ?? 0]).toEqual([user.role, user.id, open]);
      }
    });

    it("never counts another organisation's cases", async () => {
      const before = await stats(suite.org.reviewer);
      await createCase(other.coordinatorA, {
        villageId: other.villages.a,
        intakeDate: day(-5),
        violenceTypes: ['fisik'],
        survivor: { sex: 'female' },
        consent: { record: true },
      });
      expect(await stats(suite.org.reviewer)).toEqual(before);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('organisations', () => {
    it("numbers another organisation's cases on their own and hides them from this one", async () => {
      const year = '2023';
      const mine = await createCase(suite.org.coordinatorA, {
        villageId: suite.org.villages.a,
        intakeDate: `${year}-04-01`,
        violenceTypes: ['fisik'],
        survivor: { sex: 'female' },
        consent: { record: true },
      });
      const theirs = await createCase(other.coordinatorA, {
        villageId: other.villages.a,
        intakeDate: `${year}-04-01`,
        violenceTypes: ['fisik'],
        survivor: { name: `Lain ${suffix()}`, sex: 'female' },
        consent: { record: true },
      });
      expect(mine.caseNumber).toBe(`KPG-${year}-0001`);
      expect(theirs.caseNumber).toBe(`KPG-${year}-0001`);
      for (const user of [suite.org.coordinatorA, suite.org.reviewer, suite.org.companionA]) {
        await getCase(user, theirs.id).expect(404);
        expect((await listAll(user)).map((item) => item.id)).not.toContain(theirs.id);
      }
      await getCase(other.coordinatorA, mine.id).expect(404);
      await http()
        .patch(`${API}/cases/${theirs.id}`)
        .set(suite.org.coordinatorA.auth())
        .set('if-match', '1')
        .send({ riskLevel: 'low' })
        .expect(404);
      await postReferral(suite.org.coordinatorA, theirs.id, {
        serviceType: 'police',
        referredAt: `${year}-04-02`,
      }).expect(404);
    });
  });
});
