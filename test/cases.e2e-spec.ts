import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { organisationSuite } from './support/organisation-suite';
import { SignedInUser, createUser } from './support/world';

/**
 * Cases end to end (SPEC §3, §4, §5, §8, §9): creation and its validation, who reads what (rows
 * and fields), versions and concurrent edits, the status workflow, assignment, restricted cases,
 * encryption at rest, idempotent creation and gap-free case numbers. Referrals, follow-ups,
 * history, the duplicate check and statistics are in case-work.e2e-spec.ts.
 */

const API = '/api/v1';
const problem = (kind: string) => `urn:pendamping:problem:${kind}`;
const suffix = () => randomBytes(4).toString('hex');
const digits = (length: number) => Array.from({ length }, () => randomInt(10)).join('');

type Body = Record<string, unknown>;
/** A parsed response body, as supertest types it: the assertions check its shape. */
type CaseJson = Response['body'];

/** The keys a reviewer's view of a case must not have at all (SPEC §4, §9): identifying and sensitive. */
function identifyingKeysIn(view: CaseJson): string[] {
  const found: string[] = [];
  for (const key of ['name', 'alias', 'phone', 'address', 'birthDate', 'nik'])
    if (view.survivor && key in view.survivor) found.push(`survivor.${key}`);
  for (const key of ['name', 'phone']) if (view.guardian && key in view.guardian) found.push(`guardian.${key}`);
  (view.perpetrators ?? []).forEach((perpetrator: CaseJson, index: number) => {
    for (const key of ['name', 'phone']) if (key in perpetrator) found.push(`perpetrators[${index}].${key}`);
  });
  for (const key of ['narrative', 'safetyPlan', 'medicalNotes', 'statusReason']) if (key in view) found.push(key);
  for (const key of ['safeTimes', 'intermediary'])
    if (view.safeContact && key in view.safeContact) found.push(`safeContact.${key}`);
  return found;
}

const validationFields = (response: Response): string[] =>
  ((response.body.errors ?? []) as { field: string }[]).map((error) => error.field);
const names = (response: Response, field: string) =>
  validationFields(response).some(
    (name) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`),
  );

describe('Cases', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();

  /** A second companion of group a and a second coordinator of region a. */
  let companionA2: SignedInUser;
  let coordinatorA2: SignedInUser;

  const newUser = (role: string, scope: { groupIds?: string[]; regionIds?: string[] }): Promise<SignedInUser> =>
    createUser(suite.api, suite.org.admin, role, scope);

  beforeAll(async () => {
    companionA2 = await newUser('companion', { groupIds: [suite.org.groups.a] });
    coordinatorA2 = await newUser('coordinator', { regionIds: [suite.org.regions.a] });
  });

  /** The smallest valid case in village a. */
  const minimalCase = (extra: Body = {}): Body => ({
    villageId: suite.org.villages.a,
    intakeDate: '2026-03-02',
    violenceTypes: ['fisik', 'psikis'],
    survivor: { sex: 'female', ageAtIntake: 15 },
    consent: { record: true },
    ...extra,
  });

  /** A case with every identifying and sensitive field set, each value carrying `tag`. */
  const fullCase = (tag: string, extra: Body = {}): Body => ({
    villageId: suite.org.villages.a,
    groupId: suite.org.groups.a,
    intakeDate: '2026-03-02',
    incidentDate: '2026-02-27',
    incidentDateApproximate: false,
    placeType: 'home',
    referralSource: 'family',
    riskLevel: 'high',
    violenceTypes: ['fisik', 'psikis'],
    survivor: {
      name: `Maria Goreti ${tag}`,
      alias: `Ria ${tag}`,
      phone: `0812${digits(8)}`,
      address: `Jalan Timor Raya ${tag}`,
      birthDate: '2010-06-15',
      nik: `5301${digits(12)}`,
      sex: 'female',
      ageAtIntake: 15,
      ageEstimated: false,
      disability: 'none',
      maritalStatus: 'single',
    },
    guardian: { name: `Ibu Wali ${tag}`, phone: `0813${digits(8)}` },
    perpetrators: [
      { relationship: 'step_parent', sex: 'male', ageGroup: '25-44', name: `Pelaku ${tag}`, phone: `0821${digits(8)}` },
    ],
    narrative: `Narasi kejadian ${tag}`,
    safetyPlan: `Rencana keamanan ${tag}`,
    medicalNotes: `Catatan medis ${tag}`,
    safeContact: { callSafe: false, textSafe: true, safeTimes: `Pagi hari ${tag}`, intermediary: `Tante Yuli ${tag}` },
    consent: { record: true, refer: true, shareDeidentified: true, givenBy: 'guardian', givenAt: '2026-03-02' },
    justicePathway: [{ stage: 'police_report', date: '2026-03-03' }],
    ...extra,
  });

  const create = (user: SignedInUser, body: Body) => http().post(`${API}/cases`).set(user.auth()).send(body);
  const createOk = async (user: SignedInUser, body: Body): Promise<CaseJson> => {
    const response = await create(user, body);
    if (response.status !== 201)
      throw new Error(`POST /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const get = (user: SignedInUser, id: string) => http().get(`${API}/cases/${id}`).set(user.auth());
  const patch = (user: SignedInUser, id: string, body: Body, ifMatch?: number) => {
    const request = http().patch(`${API}/cases/${id}`).set(user.auth());
    if (ifMatch !== undefined) request.set('if-match', String(ifMatch));
    return request.send(body);
  };
  const transition = (user: SignedInUser, id: string, body: Body) =>
    http().post(`${API}/cases/${id}/transitions`).set(user.auth()).send(body);
  const assign = (user: SignedInUser, id: string, body: Body) =>
    http().put(`${API}/cases/${id}/assignment`).set(user.auth()).send(body);
  const countCases = async (): Promise<number> =>
    Number(
      (await suite.dataSource.query('SELECT count(*) FROM cases WHERE organization_id = $1', [suite.org.id]))[0].count,
    );

  /** Every case the user can list with these filters, walking the cursor. */
  async function listAll(user: SignedInUser, query: Record<string, string> = {}, limit = 100): Promise<CaseJson[]> {
    const items: CaseJson[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const response = await http()
        .get(`${API}/cases`)
        .query({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) })
        .set(user.auth());
      if (response.status !== 200)
        throw new Error(`GET /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
      expect(Array.isArray(response.body.items)).toBe(true);
      items.push(...response.body.items);
      cursor = response.body.nextCursor ?? undefined;
      if (!cursor) return items;
    }
    throw new Error('GET /cases did not end after 100 pages');
  }
  const idsOf = (items: CaseJson[]) => items.map((item) => item.id as string);

  // -------------------------------------------------------------------------------------------
  describe('creation', () => {
    it('creates a case for the companion who takes it in, with derived fields filled', async () => {
      const response = await create(suite.org.companionA, minimalCase({ groupId: suite.org.groups.a })).expect(201);
      expect(response.body).toMatchObject({
        version: 1,
        status: 'open',
        regionId: suite.org.regions.a,
        villageId: suite.org.villages.a,
        groupId: suite.org.groups.a,
        assignedCompanionId: suite.org.companionA.id,
        intakeDate: '2026-03-02',
        violenceTypes: ['fisik', 'psikis'],
        survivor: { sex: 'female', ageAtIntake: 15, ageGroup: '13-17', isChild: true },
        consent: { record: true },
      });
      expect(response.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(response.body.caseNumber).toMatch(/^KPG-2026-\d{4}$/);
      expect([...response.body.gbvimsTypes].sort()).toEqual(['physical_assault', 'psychological_emotional_abuse']);
      const stored = await get(suite.org.companionA, response.body.id).expect(200);
      expect(stored.body).toEqual(response.body);
    });

    it('derives the age group of an adult and says she is not a child', async () => {
      const created = await createOk(
        suite.org.companionA,
        minimalCase({ survivor: { sex: 'female', ageAtIntake: 30, ageEstimated: true } }),
      );
      expect(created.survivor).toMatchObject({
        ageAtIntake: 30,
        ageEstimated: true,
        ageGroup: '25-44',
        isChild: false,
      });
    });

    it('numbers cases per region and year, padded to four digits', async () => {
      const soe1 = await createOk(
        suite.org.coordinatorB,
        minimalCase({ villageId: suite.org.villages.b, intakeDate: '2024-02-01' }),
      );
      const soe2 = await createOk(
        suite.org.coordinatorB,
        minimalCase({ villageId: suite.org.villages.b, intakeDate: '2024-11-30' }),
      );
      const kpg1 = await createOk(suite.org.coordinatorA, minimalCase({ intakeDate: '2024-06-15' }));
      expect([soe1.caseNumber, soe2.caseNumber, kpg1.caseNumber]).toEqual([
        'SOE-2024-0001',
        'SOE-2024-0002',
        'KPG-2024-0001',
      ]);
      expect(soe1.regionId).toBe(suite.org.regions.b);
    });

    it('lets a coordinator create a walk-in case with a region and no village', async () => {
      const created = await createOk(
        suite.org.coordinatorA,
        minimalCase({ villageId: undefined, regionId: suite.org.regions.a, assignedCompanionId: companionA2.id }),
      );
      expect(created).toMatchObject({
        regionId: suite.org.regions.a,
        assignedCompanionId: companionA2.id,
        status: 'open',
        version: 1,
      });
      expect(created.villageId ?? null).toBeNull();
      expect(created.caseNumber).toMatch(/^KPG-2026-\d{4}$/);
    });

    it('refuses a NIK of 15 digits with 400 naming survivor.nik, creating nothing', async () => {
      const before = await countCases();
      const response = await create(
        suite.org.companionA,
        minimalCase({ survivor: { sex: 'female', nik: digits(15) } }),
      ).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.type).toBe(problem('validation-failed'));
      expect(validationFields(response)).toEqual(['survivor.nik']);
      expect(await countCases()).toBe(before);
    });

    it('refuses an unknown violence type code with 400 naming violenceTypes, creating nothing', async () => {
      const before = await countCases();
      const response = await create(suite.org.companionA, minimalCase({ violenceTypes: ['pukul'] })).expect(400);
      expect(response.body.type).toBe(problem('validation-failed'));
      expect(names(response, 'violenceTypes')).toBe(true);
      expect(await countCases()).toBe(before);
    });

    it('refuses unknown codes in other coded fields with 400 naming the field', async () => {
      const before = await countCases();
      for (const [field, body] of [
        ['placeType', minimalCase({ placeType: 'kebun' })],
        ['riskLevel', minimalCase({ riskLevel: 'extreme' })],
        ['survivor.sex', minimalCase({ survivor: { sex: 'unknown' } })],
        ['perpetrators', minimalCase({ perpetrators: [{ relationship: 'uncle_by_marriage' }] })],
      ] as const) {
        const response = await create(suite.org.companionA, body);
        expect([field, response.status, response.body.type]).toEqual([field, 400, problem('validation-failed')]);
        expect([field, names(response, field)]).toEqual([field, true]);
      }
      expect(await countCases()).toBe(before);
    });

    it('refuses a case with no violence type, no survivor sex or no consent to record, with 400', async () => {
      const before = await countCases();
      const cases: [string, Body][] = [
        ['violenceTypes', minimalCase({ violenceTypes: [] })],
        ['survivor.sex', minimalCase({ survivor: { ageAtIntake: 15 } })],
        ['consent.record', minimalCase({ consent: { record: false } })],
        ['intakeDate', minimalCase({ intakeDate: undefined })],
      ];
      for (const [field, body] of cases) {
        const response = await create(suite.org.companionA, body);
        expect([field, response.status, response.body.type]).toEqual([field, 400, problem('validation-failed')]);
        expect([field, names(response, field)]).toEqual([field, true]);
      }
      expect(await countCases()).toBe(before);
    });

    it('refuses derived fields sent in the body with 400 naming each one', async () => {
      const before = await countCases();
      const cases: [string, Body][] = [
        ['caseNumber', minimalCase({ caseNumber: 'KPG-2026-9999' })],
        ['status', minimalCase({ status: 'closed' })],
        ['version', minimalCase({ version: 7 })],
        ['survivor.ageGroup', minimalCase({ survivor: { sex: 'female', ageAtIntake: 15, ageGroup: '60+' } })],
      ];
      for (const [field, body] of cases) {
        const response = await create(suite.org.companionA, body);
        expect([field, response.status, response.body.type]).toEqual([field, 400, problem('validation-failed')]);
        expect([field, names(response, field)]).toEqual([field, true]);
      }
      expect(await countCases()).toBe(before);
    });

    it('refuses a body with both villageId and regionId with 400', async () => {
      const before = await countCases();
      const response = await create(suite.org.coordinatorA, minimalCase({ regionId: suite.org.regions.a })).expect(400);
      expect(response.body.type).toBe(problem('validation-failed'));
      expect(names(response, 'regionId') || names(response, 'villageId')).toBe(true);
      expect(await countCases()).toBe(before);
    });

    it('refuses a body with neither villageId nor regionId with 400', async () => {
      const before = await countCases();
      const response = await create(suite.org.coordinatorA, minimalCase({ villageId: undefined })).expect(400);
      expect(response.body.type).toBe(problem('validation-failed'));
      expect(await countCases()).toBe(before);
    });

    it('refuses a companion setting assignment or restriction at creation with 403 forbidden-fields, creating nothing', async () => {
      const before = await countCases();
      const cases: [string[], Body][] = [
        [['assignedCompanionId'], { assignedCompanionId: companionA2.id }],
        [['coCompanionId'], { coCompanionId: companionA2.id }],
        [['restricted'], { restricted: true }],
        [['excludedUserIds'], { excludedUserIds: [suite.org.reviewer.id] }],
        [['excludedUserIds', 'restricted'], { restricted: true, excludedUserIds: [suite.org.reviewer.id] }],
      ];
      const outcomes = [];
      for (const [fields, extra] of cases) {
        const response = await create(suite.org.companionA, minimalCase(extra));
        outcomes.push([
          fields.join('+'),
          response.status,
          response.body.type,
          [...(response.body.fields ?? [])].sort(),
        ]);
      }
      expect(outcomes).toEqual(cases.map(([fields]) => [fields.join('+'), 403, problem('forbidden-fields'), fields]));
      expect(await countCases()).toBe(before);
    });

    // A parent the caller cannot use answers 422 naming the field (ScopedResources.referenced), never whether it exists.
    it('refuses a companion a case in a village outside their groups with 422 naming villageId, creating nothing', async () => {
      const before = await countCases();
      const response = await create(suite.org.companionA, minimalCase({ villageId: suite.org.villages.b })).expect(422);
      expect(response.body.type).toBe(problem('business-rule'));
      expect(validationFields(response)).toEqual(['villageId']);
      const unknown = await create(suite.org.companionA, minimalCase({ villageId: randomUUID() })).expect(422);
      expect(unknown.body).toMatchObject({
        type: response.body.type,
        detail: response.body.detail,
        errors: response.body.errors,
      });
      expect(await countCases()).toBe(before);
    });

    it('refuses a coordinator a case in a region they do not coordinate with 422, creating nothing', async () => {
      const before = await countCases();
      const byVillage = await create(suite.org.coordinatorA, minimalCase({ villageId: suite.org.villages.b })).expect(
        422,
      );
      expect(validationFields(byVillage)).toEqual(['villageId']);
      const byRegion = await create(
        suite.org.coordinatorA,
        minimalCase({ villageId: undefined, regionId: suite.org.regions.b }),
      ).expect(422);
      expect(validationFields(byRegion)).toEqual(['regionId']);
      expect(await countCases()).toBe(before);
    });

    it('refuses reviewers and org_admins case creation with 403', async () => {
      const before = await countCases();
      for (const user of [suite.org.reviewer, suite.org.admin]) {
        const response = await create(user, minimalCase());
        expect([user.role, response.status, response.body.type]).toEqual([user.role, 403, problem('forbidden')]);
      }
      expect(await countCases()).toBe(before);
    });

    it('answers the same client-chosen id twice with 200 and the id, creating one case', async () => {
      const id = randomUUID();
      const before = await countCases();
      const first = await create(suite.org.companionA, minimalCase({ id })).expect(201);
      expect(first.body.id).toBe(id);
      const second = await create(suite.org.companionA, minimalCase({ id })).expect(200);
      expect(second.body).toEqual({ id });
      expect(await countCases()).toBe(before + 1);
    });

    it('does not hand another user the case behind a client-chosen id: 409 id-taken, nothing else', async () => {
      const tag = suffix();
      const id = randomUUID();
      await create(suite.org.companionA, fullCase(tag, { id })).expect(201);
      const before = await countCases();
      const response = await create(suite.org.companionB, minimalCase({ id, villageId: suite.org.villages.b }));
      expect([response.status, response.body.type]).toEqual([409, problem('id-taken')]);
      expect(response.text).not.toContain(tag);
      expect(await countCases()).toBe(before);
      const stored = await get(suite.org.companionA, id).expect(200);
      expect(stored.body.assignedCompanionId).toBe(suite.org.companionA.id);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('Idempotency-Key on POST /cases', () => {
    it('creates one case for the same POST twice with one key, and answers both times identically', async () => {
      const body = fullCase(suffix());
      const before = await countCases();
      const key = `case-${suffix()}`;
      const first = await http()
        .post(`${API}/cases`)
        .set(suite.org.companionA.auth())
        .set('idempotency-key', key)
        .send(body);
      expect(first.status).toBe(201);
      const second = await http()
        .post(`${API}/cases`)
        .set(suite.org.companionA.auth())
        .set('idempotency-key', key)
        .send(body);
      expect(second.status).toBe(first.status);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      const counted = await suite.dataSource.query('SELECT count(*) FROM cases WHERE organization_id = $1', [
        suite.org.id,
      ]);
      expect(Number(counted[0].count)).toBe(before + 1);
    });

    it('refuses the same key with another body with 422, creating nothing', async () => {
      const key = `case-${suffix()}`;
      await http()
        .post(`${API}/cases`)
        .set(suite.org.companionA.auth())
        .set('idempotency-key', key)
        .send(minimalCase())
        .expect(201);
      const before = await countCases();
      const reused = await http()
        .post(`${API}/cases`)
        .set(suite.org.companionA.auth())
        .set('idempotency-key', key)
        .send(minimalCase({ riskLevel: 'high' }))
        .expect(422);
      expect(reused.body.type).toBe(problem('business-rule'));
      expect(await countCases()).toBe(before);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('who reads what', () => {
    const tag = suffix();
    let own: CaseJson;
    let coAssigned: CaseJson;
    let regionB: CaseJson;

    beforeAll(async () => {
      own = await createOk(
        suite.org.companionA,
        fullCase(tag, {
          perpetrators: [
            {
              relationship: 'step_parent',
              sex: 'male',
              ageGroup: '25-44',
              name: `Pelaku ${tag}`,
              phone: `0821${digits(8)}`,
            },
            { relationship: 'neighbour', name: `Tetangga ${tag}` },
          ],
        }),
      );
      coAssigned = await createOk(
        suite.org.coordinatorA,
        fullCase(`${tag}co`, { assignedCompanionId: companionA2.id, coCompanionId: suite.org.companionA.id }),
      );
      regionB = await createOk(
        suite.org.coordinatorB,
        fullCase(`${tag}b`, { villageId: suite.org.villages.b, groupId: suite.org.groups.b }),
      );
    });

    it("gives a reviewer's GET /cases/:id none of the identifying or sensitive keys, but the coded ones", async () => {
      const response = await get(suite.org.reviewer, own.id).expect(200);
      const view = response.body;
      expect(identifyingKeysIn(view)).toEqual([]);
      for (const key of ['name', 'phone', 'address', 'birthDate', 'nik', 'alias'])
        expect([key, key in view.survivor]).toEqual([key, false]);
      expect('narrative' in view).toBe(false);
      expect('safetyPlan' in view).toBe(false);
      expect(response.text).not.toContain(tag);
      expect(view).toMatchObject({
        id: own.id,
        caseNumber: own.caseNumber,
        regionId: suite.org.regions.a,
        villageId: suite.org.villages.a,
        violenceTypes: ['fisik', 'psikis'],
        riskLevel: 'high',
        survivor: {
          sex: 'female',
          ageAtIntake: 15,
          ageGroup: '13-17',
          isChild: true,
          disability: 'none',
          maritalStatus: 'single',
        },
        perpetrators: [{ relationship: 'step_parent', sex: 'male', ageGroup: '25-44' }, { relationship: 'neighbour' }],
        consent: { record: true, refer: true, shareDeidentified: true, givenBy: 'guardian' },
      });
    });

    it("keeps identifying and sensitive keys out of a reviewer's list of cases", async () => {
      const items = await listAll(suite.org.reviewer);
      expect(idsOf(items)).toEqual(expect.arrayContaining([own.id, coAssigned.id, regionB.id]));
      expect(items.flatMap((item) => identifyingKeysIn(item).map((key) => `${item.caseNumber}: ${key}`))).toEqual([]);
      expect(JSON.stringify(items)).not.toContain(tag);
    });

    it('shows the assigned companion every field of their case', async () => {
      const view = (await get(suite.org.companionA, own.id).expect(200)).body;
      const sent = fullCase(tag) as CaseJson;
      expect(view.survivor).toMatchObject({
        name: `Maria Goreti ${tag}`,
        alias: `Ria ${tag}`,
        address: `Jalan Timor Raya ${tag}`,
        birthDate: '2010-06-15',
        sex: 'female',
      });
      expect(view.survivor.nik).toMatch(/^\d{16}$/);
      expect(view.guardian).toMatchObject({ name: `Ibu Wali ${tag}` });
      expect(view.perpetrators.map((perpetrator: CaseJson) => perpetrator.name)).toEqual([
        `Pelaku ${tag}`,
        `Tetangga ${tag}`,
      ]);
      expect(view).toMatchObject({
        narrative: sent.narrative,
        safetyPlan: sent.safetyPlan,
        medicalNotes: sent.medicalNotes,
        safeContact: sent.safeContact,
      });
      expect(view.justicePathway).toEqual([{ stage: 'police_report', date: '2026-03-03' }]);
    });

    it('lets a companion see only the cases they are companion or co-companion of', async () => {
      await get(suite.org.companionA, own.id).expect(200);
      await get(suite.org.companionA, coAssigned.id).expect(200);
      await get(companionA2, coAssigned.id).expect(200);
      // Same group, not assigned: the case does not exist for them.
      const sameGroup = await get(companionA2, own.id).expect(404);
      expect(sameGroup.body.type).toBe(problem('not-found'));
      expect(sameGroup.text).not.toContain(tag);
      await get(suite.org.companionB, own.id).expect(404);
      await get(suite.org.companionA, regionB.id).expect(404);

      const listA = await listAll(suite.org.companionA);
      expect(idsOf(listA)).toEqual(expect.arrayContaining([own.id, coAssigned.id]));
      expect(idsOf(listA)).not.toContain(regionB.id);
      expect(
        listA
          .filter(
            (item) =>
              item.assignedCompanionId !== suite.org.companionA.id && item.coCompanionId !== suite.org.companionA.id,
          )
          .map((item) => item.id),
      ).toEqual([]);
      const listA2 = await listAll(companionA2);
      expect(idsOf(listA2)).toContain(coAssigned.id);
      expect(idsOf(listA2)).not.toContain(own.id);
      expect(idsOf(await listAll(suite.org.companionB))).not.toContain(own.id);
    });

    it('lets a coordinator see every case of their region and nothing of another region', async () => {
      const view = (await get(suite.org.coordinatorA, own.id).expect(200)).body;
      expect(view.survivor.name).toBe(`Maria Goreti ${tag}`);
      expect(view.narrative).toBe(`Narasi kejadian ${tag}`);
      await get(suite.org.coordinatorA, coAssigned.id).expect(200);
      await get(suite.org.coordinatorA, regionB.id).expect(404);
      await get(suite.org.coordinatorB, own.id).expect(404);
      await get(suite.org.coordinatorB, regionB.id).expect(200);

      const listA = await listAll(suite.org.coordinatorA);
      expect(idsOf(listA)).toEqual(expect.arrayContaining([own.id, coAssigned.id]));
      expect(listA.filter((item) => item.regionId !== suite.org.regions.a).map((item) => item.id)).toEqual([]);
      const listB = await listAll(suite.org.coordinatorB);
      expect(idsOf(listB)).toContain(regionB.id);
      expect(listB.filter((item) => item.regionId !== suite.org.regions.b).map((item) => item.id)).toEqual([]);
    });

    it('gives org_admin no case content by any route: 403 on list, get, history, referrals, follow-ups, stats and due', async () => {
      const admin = suite.org.admin;
      const reads = [
        `${API}/cases`,
        `${API}/cases/${own.id}`,
        `${API}/cases/${own.id}/history`,
        `${API}/cases/${own.id}/referrals`,
        `${API}/cases/${own.id}/follow-ups`,
        `${API}/stats/summary`,
        `${API}/follow-ups/due`,
      ];
      for (const url of reads) {
        const response = await http().get(url).set(admin.auth());
        expect([url, response.status, response.body.type]).toEqual([url, 403, problem('forbidden')]);
        expect(response.text).not.toContain(tag);
        expect(response.body.items).toBeUndefined();
      }
      const writes: [string, () => Promise<Response>][] = [
        ['PATCH case', () => patch(admin, own.id, { riskLevel: 'low' }, 1)],
        ['transition', () => transition(admin, own.id, { to: 'active', reason: 'Mulai pendampingan' })],
        ['assignment', () => assign(admin, own.id, { assignedCompanionId: companionA2.id })],
        [
          'duplicate check',
          () =>
            http()
              .post(`${API}/cases/duplicate-check`)
              .set(admin.auth())
              .send({ name: `Maria Goreti ${tag}`, birthYear: 2010 }),
        ],
        [
          'referral',
          () =>
            http()
              .post(`${API}/cases/${own.id}/referrals`)
              .set(admin.auth())
              .send({ serviceType: 'police', referredAt: '2026-03-04' }),
        ],
        [
          'follow-up',
          () =>
            http()
              .post(`${API}/cases/${own.id}/follow-ups`)
              .set(admin.auth())
              .send({ date: '2026-03-04', type: 'home_visit' }),
        ],
      ];
      for (const [label, call] of writes) {
        const response = await call();
        expect([label, response.status, response.body.type]).toEqual([label, 403, problem('forbidden')]);
        expect(response.text).not.toContain(tag);
      }
      const stored = (await get(suite.org.coordinatorA, own.id).expect(200)).body;
      expect(stored).toMatchObject({
        version: own.version,
        status: 'open',
        riskLevel: 'high',
        assignedCompanionId: suite.org.companionA.id,
      });
    });

    it('answers an unknown or malformed case id with 404', async () => {
      const unknown = await get(suite.org.coordinatorA, randomUUID()).expect(404);
      expect(unknown.body.type).toBe(problem('not-found'));
      await get(suite.org.coordinatorA, 'not-a-uuid').expect(404);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('lists', () => {
    // Intake year 2021 is used by no other test of this file, so these three are the only ones in it.
    const year = { intakeFrom: '2021-01-01', intakeTo: '2021-12-31' };
    let c1: CaseJson;
    let c2: CaseJson;
    let c3: CaseJson;

    beforeAll(async () => {
      c1 = await createOk(
        suite.org.companionA,
        minimalCase({
          intakeDate: '2021-03-01',
          violenceTypes: ['fisik'],
          riskLevel: 'high',
          groupId: suite.org.groups.a,
        }),
      );
      c2 = await createOk(
        suite.org.coordinatorA,
        minimalCase({
          villageId: undefined,
          regionId: suite.org.regions.a,
          intakeDate: '2021-03-02',
          violenceTypes: ['psikis'],
          riskLevel: 'low',
          assignedCompanionId: companionA2.id,
        }),
      );
      c3 = await createOk(
        suite.org.coordinatorB,
        minimalCase({
          villageId: suite.org.villages.b,
          intakeDate: '2021-03-03',
          violenceTypes: ['seksual', 'fisik'],
          riskLevel: 'high',
        }),
      );
    });

    const sorted = (ids: string[]) => [...ids].sort();

    it('filters by intake dates, violence type, risk level, region, village, group and status', async () => {
      const reviewer = suite.org.reviewer;
      expect(sorted(idsOf(await listAll(reviewer, year)))).toEqual(sorted([c1.id, c2.id, c3.id]));
      expect(sorted(idsOf(await listAll(reviewer, { intakeFrom: '2021-03-02', intakeTo: '2021-03-02' })))).toEqual([
        c2.id,
      ]);
      expect(sorted(idsOf(await listAll(reviewer, { ...year, violenceType: 'fisik' })))).toEqual(
        sorted([c1.id, c3.id]),
      );
      expect(sorted(idsOf(await listAll(reviewer, { ...year, riskLevel: 'high' })))).toEqual(sorted([c1.id, c3.id]));
      expect(sorted(idsOf(await listAll(reviewer, { ...year, regionId: suite.org.regions.b })))).toEqual([c3.id]);
      expect(sorted(idsOf(await listAll(reviewer, { ...year, villageId: suite.org.villages.a })))).toEqual([c1.id]);
      expect(sorted(idsOf(await listAll(reviewer, { ...year, groupId: suite.org.groups.a })))).toEqual([c1.id]);
      expect(sorted(idsOf(await listAll(reviewer, { ...year, status: 'open' })))).toEqual(
        sorted([c1.id, c2.id, c3.id]),
      );
      expect(sorted(idsOf(await listAll(reviewer, { ...year, status: 'closed' })))).toEqual([]);
    });

    it('applies the row scope together with the filters', async () => {
      expect(sorted(idsOf(await listAll(suite.org.coordinatorA, year)))).toEqual(sorted([c1.id, c2.id]));
      expect(sorted(idsOf(await listAll(suite.org.coordinatorB, year)))).toEqual([c3.id]);
      expect(sorted(idsOf(await listAll(suite.org.coordinatorA, { ...year, regionId: suite.org.regions.b })))).toEqual(
        [],
      );
      expect(sorted(idsOf(await listAll(suite.org.companionA, year)))).toEqual([c1.id]);
      expect(sorted(idsOf(await listAll(companionA2, year)))).toEqual([c2.id]);
    });

    it('lists assignedTo=me: the cases the caller is companion of', async () => {
      expect(sorted(idsOf(await listAll(suite.org.companionA, { ...year, assignedTo: 'me' })))).toEqual([c1.id]);
      expect(sorted(idsOf(await listAll(companionA2, { ...year, assignedTo: 'me' })))).toEqual([c2.id]);
    });

    it('filters by status after a transition', async () => {
      await transition(suite.org.companionA, c1.id, { to: 'active', reason: 'Kunjungan pertama' }).expect(200);
      expect(sorted(idsOf(await listAll(suite.org.reviewer, { ...year, status: 'active' })))).toEqual([c1.id]);
      expect(sorted(idsOf(await listAll(suite.org.reviewer, { ...year, status: 'open' })))).toEqual(
        sorted([c2.id, c3.id]),
      );
    });

    it('walks a list one item per page by cursor, each case once, in a stable order', async () => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const response = await http()
          .get(`${API}/cases`)
          .query({ ...year, limit: '1', ...(cursor ? { cursor } : {}) })
          .set(suite.org.reviewer.auth())
          .expect(200);
        pages.push(idsOf(response.body.items));
        cursor = response.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(pages.every((page) => page.length <= 1)).toBe(true);
      const walked = pages.flat();
      expect(sorted(walked)).toEqual(sorted([c1.id, c2.id, c3.id]));
      expect(idsOf(await listAll(suite.org.reviewer, year))).toEqual(walked);
    });

    it('refuses an unknown filter value with 400', async () => {
      const response = await http()
        .get(`${API}/cases`)
        .query({ status: 'pending_forever' })
        .set(suite.org.reviewer.auth())
        .expect(400);
      expect(response.body.type).toBe(problem('validation-failed'));
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('updates and versions', () => {
    it('answers a PATCH without a version with 428, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      const response = await patch(suite.org.companionA, created.id, { riskLevel: 'high' }).expect(428);
      expect(response.body.type).toBe(problem('precondition-required'));
      const stored = (await get(suite.org.companionA, created.id).expect(200)).body;
      expect(stored).toMatchObject({ riskLevel: 'low', version: 1 });
    });

    it('updates with If-Match or a body version, answering 200 and version + 1', async () => {
      const created = await createOk(suite.org.companionA, fullCase(suffix()));
      const first = await patch(suite.org.companionA, created.id, { riskLevel: 'critical' }, created.version).expect(
        200,
      );
      expect(first.body).toMatchObject({ id: created.id, riskLevel: 'critical', version: created.version + 1 });
      const second = await patch(suite.org.companionA, created.id, {
        narrative: 'Narasi diperbarui',
        version: first.body.version,
      }).expect(200);
      expect(second.body).toMatchObject({
        narrative: 'Narasi diperbarui',
        riskLevel: 'critical',
        version: created.version + 2,
      });
      const stored = (await get(suite.org.coordinatorA, created.id).expect(200)).body;
      expect(stored).toMatchObject({
        narrative: 'Narasi diperbarui',
        riskLevel: 'critical',
        version: created.version + 2,
      });
      expect(stored.survivor.name).toBe((created.survivor as CaseJson).name);
    });

    it('answers a stale version with 409 and the current version, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      await patch(suite.org.companionA, created.id, { riskLevel: 'medium' }, 1).expect(200);
      const stale = await patch(suite.org.companionA, created.id, { riskLevel: 'critical' }, 1).expect(409);
      expect(stale.body).toMatchObject({ type: problem('stale-version'), currentVersion: 2 });
      const stored = (await get(suite.org.companionA, created.id).expect(200)).body;
      expect(stored).toMatchObject({ riskLevel: 'medium', version: 2 });
    });

    it('lets exactly one of two concurrent PATCHes with the same version win; a fresh GET shows only its change', async () => {
      const created = await createOk(suite.org.companionA, fullCase(suffix(), { riskLevel: 'medium' }));
      let version = created.version as number;
      // Several rounds, so that a read-then-write race has every chance to show.
      for (let round = 0; round < 5; round += 1) {
        const edits = [
          { user: suite.org.companionA, body: { riskLevel: 'low', narrative: `Versi pendamping ${round}` } },
          { user: suite.org.coordinatorA, body: { riskLevel: 'critical', narrative: `Versi koordinator ${round}` } },
        ];
        const answers = await Promise.all(edits.map((edit) => patch(edit.user, created.id, edit.body, version)));
        const statuses = answers.map((answer) => answer.status).sort();
        expect([round, statuses]).toEqual([round, [200, 409]]);
        const winner = answers.findIndex((answer) => answer.status === 200);
        const loser = answers[1 - winner];
        expect(loser.body).toMatchObject({ type: problem('stale-version'), currentVersion: version + 1 });
        const fresh = (await get(suite.org.coordinatorA, created.id).expect(200)).body;
        expect(fresh).toMatchObject({ ...edits[winner].body, version: version + 1 });
        expect(JSON.stringify(fresh)).not.toContain(edits[1 - winner].body.narrative);
        version += 1;
      }
    });

    it('refuses a companion writing restricted or excludedUserIds with 403 forbidden-fields, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      const cases: [string, Body][] = [
        ['restricted', { restricted: true }],
        ['excludedUserIds', { excludedUserIds: [suite.org.reviewer.id] }],
      ];
      for (const [field, body] of cases) {
        const response = await patch(suite.org.companionA, created.id, { ...body, riskLevel: 'high' }, 1);
        expect([field, response.status, response.body.type, response.body.fields]).toEqual([
          field,
          403,
          problem('forbidden-fields'),
          [field],
        ]);
      }
      const stored = (await get(suite.org.coordinatorA, created.id).expect(200)).body;
      expect(stored).toMatchObject({ riskLevel: 'low', version: 1, restricted: false });
      await get(suite.org.reviewer, created.id).expect(200);
    });

    it('refuses a companion writing status or assignment through PATCH, saving nothing: status is no field of a PATCH (400), assignment is forbidden (403)', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      const status = await patch(suite.org.companionA, created.id, { status: 'closed', riskLevel: 'high' }, 1);
      expect([
        status.status,
        status.body.type,
        status.body.errors.map((error: { field: string }) => error.field),
      ]).toEqual([400, problem('validation-failed'), ['status']]);
      const cases: [string, Body][] = [
        ['assignedCompanionId', { assignedCompanionId: companionA2.id }],
        ['coCompanionId', { coCompanionId: companionA2.id }],
      ];
      const outcomes = [];
      for (const [field, body] of cases) {
        const response = await patch(suite.org.companionA, created.id, { ...body, riskLevel: 'high' }, 1);
        outcomes.push([field, response.status, response.body.type, response.body.fields]);
      }
      expect(outcomes).toEqual(cases.map(([field]) => [field, 403, problem('forbidden-fields'), [field]]));
      const stored = (await get(suite.org.coordinatorA, created.id).expect(200)).body;
      expect(stored).toMatchObject({
        riskLevel: 'low',
        version: 1,
        status: 'open',
        assignedCompanionId: suite.org.companionA.id,
      });
      await get(companionA2, created.id).expect(404);
    });

    it('refuses derived fields and unknown codes in a PATCH with 400, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      for (const [field, body] of [
        ['caseNumber', { caseNumber: 'KPG-2026-9999' }],
        ['riskLevel', { riskLevel: 'extreme' }],
        ['violenceTypes', { violenceTypes: ['pukul'] }],
      ] as const) {
        const response = await patch(suite.org.companionA, created.id, body, 1);
        expect([field, response.status, response.body.type]).toEqual([field, 400, problem('validation-failed')]);
        expect([field, names(response, field)]).toEqual([field, true]);
      }
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        riskLevel: 'low',
        version: 1,
      });
    });

    it('answers a PATCH by a companion not assigned with 404 and by a reviewer with 403, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      await patch(companionA2, created.id, { riskLevel: 'high' }, 1).expect(404);
      await patch(suite.org.companionB, created.id, { riskLevel: 'high' }, 1).expect(404);
      await patch(suite.org.coordinatorB, created.id, { riskLevel: 'high' }, 1).expect(404);
      const reviewer = await patch(suite.org.reviewer, created.id, { riskLevel: 'high' }, 1).expect(403);
      expect(reviewer.body.type).toBe(problem('forbidden'));
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        riskLevel: 'low',
        version: 1,
      });
    });

    it('lets a coordinator write identifying fields of a case in the region', async () => {
      const created = await createOk(suite.org.companionA, fullCase(suffix()));
      const name = `Yohana Kase ${suffix()}`;
      const updated = await patch(suite.org.coordinatorA, created.id, { survivor: { name }, version: 1 }).expect(200);
      expect(updated.body.survivor).toMatchObject({ name, sex: 'female', ageAtIntake: 15 });
      expect((await get(suite.org.companionA, created.id).expect(200)).body.survivor.name).toBe(name);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('status workflow', () => {
    it('walks open → active → closure_requested → closed → reopened (active), each transition 200 with version + 1', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      const active = await transition(suite.org.companionA, created.id, {
        to: 'active',
        reason: 'Pendampingan dimulai',
      }).expect(200);
      expect(active.body).toMatchObject({ id: created.id, status: 'active', version: 2 });
      const requested = await transition(suite.org.companionA, created.id, {
        to: 'closure_requested',
        reason: 'Kebutuhan terpenuhi',
        closureReason: 'needs_met',
      }).expect(200);
      expect(requested.body).toMatchObject({ status: 'closure_requested', closureReason: 'needs_met', version: 3 });
      const closed = await transition(suite.org.coordinatorA, created.id, { to: 'closed', reason: 'Disetujui' }).expect(
        200,
      );
      expect(closed.body).toMatchObject({ status: 'closed', version: 4 });
      const reopened = await transition(suite.org.coordinatorA, created.id, {
        to: 'reopened',
        reason: 'Kekerasan berulang',
      }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'active', version: 5 });
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        status: 'active',
        version: 5,
      });
    });

    it('lets a coordinator return a closure request to active', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      await transition(suite.org.companionA, created.id, {
        to: 'closure_requested',
        reason: 'Korban pindah',
        closureReason: 'transferred',
      }).expect(200);
      const returned = await transition(suite.org.coordinatorA, created.id, {
        to: 'active',
        reason: 'Masih perlu pendampingan',
      }).expect(200);
      expect(returned.body).toMatchObject({ status: 'active', version: 3 });
    });

    it('refuses a companion closing a case with 403, leaving it as it was', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      await transition(suite.org.companionA, created.id, {
        to: 'closure_requested',
        reason: 'Kebutuhan terpenuhi',
        closureReason: 'needs_met',
      }).expect(200);
      const refused = await transition(suite.org.companionA, created.id, { to: 'closed', reason: 'Saya tutup' }).expect(
        403,
      );
      expect(refused.body.type).toBe(problem('forbidden'));
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        status: 'closure_requested',
        version: 2,
      });
    });

    it('refuses a companion reopening a closed case with 403', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      await transition(suite.org.companionA, created.id, {
        to: 'closure_requested',
        reason: 'Tidak dapat dihubungi',
        closureReason: 'unreachable',
      }).expect(200);
      await transition(suite.org.coordinatorA, created.id, { to: 'closed', reason: 'Disetujui' }).expect(200);
      const refused = await transition(suite.org.companionA, created.id, {
        to: 'reopened',
        reason: 'Korban kembali',
      }).expect(403);
      expect(refused.body.type).toBe(problem('forbidden'));
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body).toMatchObject({
        status: 'closed',
        version: 3,
      });
    });

    it('answers an illegal transition with 409 whose detail names the current status, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      const fromOpen = await transition(suite.org.coordinatorA, created.id, {
        to: 'closed',
        reason: 'Langsung tutup',
      }).expect(409);
      expect(fromOpen.body.type).toBe(problem('conflict'));
      expect(fromOpen.body.detail).toContain('open');
      const reopenOpen = await transition(suite.org.coordinatorA, created.id, {
        to: 'reopened',
        reason: 'Buka lagi',
      }).expect(409);
      expect(reopenOpen.body.detail).toContain('open');
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        status: 'open',
        version: 1,
      });

      await transition(suite.org.companionA, created.id, {
        to: 'closure_requested',
        reason: 'Duplikat',
        closureReason: 'duplicate',
      }).expect(200);
      await transition(suite.org.coordinatorA, created.id, { to: 'closed', reason: 'Disetujui' }).expect(200);
      const fromClosed = await transition(suite.org.coordinatorA, created.id, {
        to: 'closure_requested',
        reason: 'Lagi',
        closureReason: 'needs_met',
      }).expect(409);
      expect(fromClosed.body.detail).toContain('closed');
      const activateClosed = await transition(suite.org.coordinatorA, created.id, {
        to: 'active',
        reason: 'Lagi',
      }).expect(409);
      expect(activateClosed.body.detail).toContain('closed');
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body).toMatchObject({
        status: 'closed',
        version: 3,
      });
    });

    it('requires a reason, and a closure reason for a closure request, with 400', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      const noReason = await transition(suite.org.companionA, created.id, { to: 'active' }).expect(400);
      expect(names(noReason, 'reason')).toBe(true);
      await transition(suite.org.companionA, created.id, { to: 'closure_requested', reason: 'Selesai' }).expect(400);
      const badReason = await transition(suite.org.companionA, created.id, {
        to: 'closure_requested',
        reason: 'Selesai',
        closureReason: 'bored',
      }).expect(400);
      expect(names(badReason, 'closureReason')).toBe(true);
      await transition(suite.org.companionA, created.id, { to: 'archived', reason: 'Selesai' }).expect(400);
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        status: 'open',
        version: 1,
      });
    });

    it('answers a transition with a stale version with 409, saving nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase({ riskLevel: 'low' }));
      await patch(suite.org.companionA, created.id, { riskLevel: 'high' }, 1).expect(200);
      const stale = await transition(suite.org.companionA, created.id, {
        to: 'active',
        reason: 'Mulai',
        version: 1,
      }).expect(409);
      expect(stale.body).toMatchObject({ type: problem('stale-version'), currentVersion: 2 });
      expect((await get(suite.org.companionA, created.id).expect(200)).body).toMatchObject({
        status: 'open',
        version: 2,
      });
    });

    it('keeps the transition reason from a reviewer and gives it to the coordinator', async () => {
      const tag = suffix();
      const created = await createOk(suite.org.companionA, minimalCase());
      await transition(suite.org.companionA, created.id, { to: 'active', reason: `Alasan rahasia ${tag}` }).expect(200);
      const reviewerView = await get(suite.org.reviewer, created.id).expect(200);
      expect('statusReason' in reviewerView.body).toBe(false);
      expect(reviewerView.text).not.toContain(tag);
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body.statusReason).toBe(
        `Alasan rahasia ${tag}`,
      );
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('assignment', () => {
    it('moves visibility: the new companion sees the case, the old one gets 404', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      const moved = await assign(suite.org.coordinatorA, created.id, {
        assignedCompanionId: companionA2.id,
        version: 1,
      }).expect(200);
      expect(moved.body).toMatchObject({ id: created.id, assignedCompanionId: companionA2.id, version: 2 });
      const gone = await get(suite.org.companionA, created.id).expect(404);
      expect(gone.body.type).toBe(problem('not-found'));
      expect((await get(companionA2, created.id).expect(200)).body.assignedCompanionId).toBe(companionA2.id);
      expect(idsOf(await listAll(suite.org.companionA))).not.toContain(created.id);
      expect(idsOf(await listAll(companionA2))).toContain(created.id);
      await patch(suite.org.companionA, created.id, { riskLevel: 'high' }, 2).expect(404);
      await patch(companionA2, created.id, { riskLevel: 'high' }, 2).expect(200);
    });

    it('gives the co-companion the case too', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      await get(companionA2, created.id).expect(404);
      await assign(suite.org.coordinatorA, created.id, {
        assignedCompanionId: suite.org.companionA.id,
        coCompanionId: companionA2.id,
        version: 1,
      }).expect(200);
      expect((await get(companionA2, created.id).expect(200)).body).toMatchObject({
        assignedCompanionId: suite.org.companionA.id,
        coCompanionId: companionA2.id,
      });
      await get(suite.org.companionA, created.id).expect(200);
    });

    it('refuses a companion setting assignment with 403, changing nothing', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      const refused = await assign(suite.org.companionA, created.id, {
        assignedCompanionId: companionA2.id,
        version: 1,
      }).expect(403);
      expect(refused.body.type).toBe(problem('forbidden'));
      await assign(suite.org.reviewer, created.id, { assignedCompanionId: companionA2.id, version: 1 }).expect(403);
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body).toMatchObject({
        assignedCompanionId: suite.org.companionA.id,
        version: 1,
      });
      await get(companionA2, created.id).expect(404);
    });

    it("refuses with 422 an assignee who is not a companion of a group in the case's village, changing nothing", async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      for (const [label, userId] of [
        ['companion of another village', suite.org.companionB.id],
        ['a coordinator', suite.org.coordinatorA.id],
        ['a reviewer', suite.org.reviewer.id],
      ] as const) {
        const response = await assign(suite.org.coordinatorA, created.id, { assignedCompanionId: userId, version: 1 });
        expect([label, response.status, response.body.type]).toEqual([label, 422, problem('business-rule')]);
      }
      const coRefused = await assign(suite.org.coordinatorA, created.id, {
        assignedCompanionId: suite.org.companionA.id,
        coCompanionId: suite.org.companionB.id,
        version: 1,
      });
      expect(coRefused.status).toBe(422);
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body).toMatchObject({
        assignedCompanionId: suite.org.companionA.id,
        version: 1,
      });
      await get(suite.org.companionB, created.id).expect(404);
    });

    it('accepts any companion of the region for a case with no village, and no one from another region', async () => {
      const created = await createOk(
        suite.org.coordinatorA,
        minimalCase({ villageId: undefined, regionId: suite.org.regions.a }),
      );
      const outside = await assign(suite.org.coordinatorA, created.id, {
        assignedCompanionId: suite.org.companionB.id,
        version: 1,
      }).expect(422);
      expect(outside.body.type).toBe(problem('business-rule'));
      await assign(suite.org.coordinatorA, created.id, { assignedCompanionId: companionA2.id, version: 1 }).expect(200);
      await get(companionA2, created.id).expect(200);
    });

    it('answers an assignment by a coordinator of another region with 404', async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      await assign(suite.org.coordinatorB, created.id, {
        assignedCompanionId: suite.org.companionB.id,
        version: 1,
      }).expect(404);
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body).toMatchObject({
        assignedCompanionId: suite.org.companionA.id,
        version: 1,
      });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('restricted cases', () => {
    const stats = async (user: SignedInUser) =>
      (await http().get(`${API}/stats/summary`).set(user.auth()).expect(200)).body;

    it('makes a restricted case disappear for the excluded users: GET, list, stats and history', async () => {
      const tag = suffix();
      const created = await createOk(suite.org.companionA, fullCase(tag));
      await get(suite.org.reviewer, created.id).expect(200);
      await get(coordinatorA2, created.id).expect(200);
      await http().get(`${API}/cases/${created.id}/history`).set(suite.org.reviewer.auth()).expect(200);
      const before = {
        reviewer: await stats(suite.org.reviewer),
        coordinatorA2: await stats(coordinatorA2),
        coordinatorA: await stats(suite.org.coordinatorA),
      };

      const restricted = await patch(
        suite.org.coordinatorA,
        created.id,
        { restricted: true, excludedUserIds: [suite.org.reviewer.id, coordinatorA2.id] },
        1,
      ).expect(200);
      expect(restricted.body).toMatchObject({ restricted: true, version: 2 });
      expect([...restricted.body.excludedUserIds].sort()).toEqual([suite.org.reviewer.id, coordinatorA2.id].sort());

      for (const user of [suite.org.reviewer, coordinatorA2]) {
        const hidden = await get(user, created.id).expect(404);
        expect(hidden.body.type).toBe(problem('not-found'));
        expect(hidden.text).not.toContain(tag);
        expect(idsOf(await listAll(user))).not.toContain(created.id);
        const history = await http().get(`${API}/cases/${created.id}/history`).set(user.auth()).expect(404);
        expect(history.body.type).toBe(problem('not-found'));
      }
      const after = {
        reviewer: await stats(suite.org.reviewer),
        coordinatorA2: await stats(coordinatorA2),
        coordinatorA: await stats(suite.org.coordinatorA),
      };
      expect(after.reviewer.total).toBe(before.reviewer.total - 1);
      expect(after.reviewer.byStatus.open ?? 0).toBe((before.reviewer.byStatus.open ?? 0) - 1);
      expect(after.coordinatorA2.total).toBe(before.coordinatorA2.total - 1);
      expect(after.coordinatorA).toEqual(before.coordinatorA);

      // Those not excluded still have it.
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body.survivor.name).toBe(
        `Maria Goreti ${tag}`,
      );
      await get(suite.org.companionA, created.id).expect(200);
      expect(idsOf(await listAll(suite.org.coordinatorA))).toContain(created.id);
    });

    it("hides a restricted case's referrals and follow-ups from an excluded user, and refuses their writes with 404", async () => {
      const created = await createOk(suite.org.companionA, fullCase(suffix()));
      await patch(
        suite.org.coordinatorA,
        created.id,
        { restricted: true, excludedUserIds: [coordinatorA2.id] },
        1,
      ).expect(200);
      await http().get(`${API}/cases/${created.id}/referrals`).set(coordinatorA2.auth()).expect(404);
      await http().get(`${API}/cases/${created.id}/follow-ups`).set(coordinatorA2.auth()).expect(404);
      await patch(coordinatorA2, created.id, { riskLevel: 'low' }, 2).expect(404);
      await transition(coordinatorA2, created.id, { to: 'active', reason: 'Mulai' }).expect(404);
      await assign(coordinatorA2, created.id, { assignedCompanionId: companionA2.id, version: 2 }).expect(404);
      expect((await get(suite.org.coordinatorA, created.id).expect(200)).body).toMatchObject({
        status: 'open',
        version: 2,
        assignedCompanionId: suite.org.companionA.id,
        riskLevel: 'high',
      });
    });

    it("keeps the list of excluded users from a reviewer's view of a restricted case", async () => {
      const created = await createOk(suite.org.companionA, minimalCase());
      await patch(
        suite.org.coordinatorA,
        created.id,
        { restricted: true, excludedUserIds: [coordinatorA2.id] },
        1,
      ).expect(200);
      const view = (await get(suite.org.reviewer, created.id).expect(200)).body;
      expect('excludedUserIds' in view).toBe(false);
      expect(JSON.stringify(view)).not.toContain(coordinatorA2.id);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('at rest', () => {
    it('stores identifying and sensitive fields encrypted: survivor_name bytes do not contain the name', async () => {
      const tag = suffix();
      const body = fullCase(tag) as CaseJson;
      const created = await createOk(suite.org.companionA, body);
      const [row] = await suite.dataSource.query(
        'SELECT survivor_name, survivor_nik, survivor_phone, narrative, safety_plan FROM cases WHERE id = $1',
        [created.id],
      );
      const name = Buffer.from(body.survivor.name, 'utf8');
      expect(Buffer.isBuffer(row.survivor_name)).toBe(true);
      expect(row.survivor_name.length).toBeGreaterThan(name.length);
      expect(row.survivor_name.includes(name)).toBe(false);
      expect(row.survivor_name.includes(Buffer.from(tag))).toBe(false);
      expect(row.survivor_nik.includes(Buffer.from(body.survivor.nik))).toBe(false);
      expect(row.survivor_phone.includes(Buffer.from(body.survivor.phone))).toBe(false);
      expect(row.narrative.includes(Buffer.from(body.narrative))).toBe(false);
      expect(row.safety_plan.includes(Buffer.from(body.safetyPlan))).toBe(false);
    });

    it('leaves no identifying or sensitive value in any table of the database, nor in the logs', async () => {
      const tag = suffix();
      const body = fullCase(tag) as CaseJson;
      const created = await createOk(suite.org.companionA, body);
      await patch(suite.org.companionA, created.id, { narrative: `Narasi kedua ${tag}` }, 1).expect(200);
      await transition(suite.org.companionA, created.id, { to: 'active', reason: `Alasan ${tag}` }).expect(200);
      await get(suite.org.coordinatorA, created.id).expect(200);
      const secrets = [tag, body.survivor.nik, body.survivor.phone, body.guardian.phone, body.perpetrators[0].phone];
      const needles = secrets.flatMap((secret: string) => [secret, Buffer.from(secret, 'utf8').toString('hex')]);
      const tables: { table_name: string }[] = await suite.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      expect(tables.map((table) => table.table_name)).toEqual(
        expect.arrayContaining(['cases', 'case_perpetrators', 'case_changes', 'audit_events']),
      );
      const found: string[] = [];
      for (const { table_name } of tables) {
        const rows: { row: string }[] = await suite.dataSource.query(`SELECT t::text AS row FROM "${table_name}" t`);
        for (const { row } of rows)
          for (const needle of needles) if (row.includes(needle)) found.push(`${table_name}: ${needle}`);
      }
      expect(found).toEqual([]);
      const logs = suite.api.logs.text();
      expect(secrets.filter((secret: string) => logs.includes(secret))).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('case numbers under load', () => {
    it('gives 200 concurrent creations in one region and year 200 distinct numbers, sequences exactly 1..200', async () => {
      // Intake year 2019 is used by no other test: this region and year's counter starts here.
      const body = minimalCase({ intakeDate: '2019-05-01', violenceTypes: ['penelantaran'] });
      const answers = await Promise.all(Array.from({ length: 200 }, () => create(suite.org.coordinatorA, body)));
      // Any answer but 201 is listed with its problem type and detail, so a failure says what went wrong.
      expect(
        answers
          .filter((answer) => answer.status !== 201)
          .map((answer) => `${answer.status} ${answer.body.type}: ${answer.body.detail}`),
      ).toEqual([]);
      const numbers = answers.map((answer) => answer.body.caseNumber as string);
      expect(new Set(numbers).size).toBe(200);
      expect(numbers.filter((number) => !/^KPG-2019-\d{4}$/.test(number))).toEqual([]);
      const sequences = numbers.map((number) => Number(number.slice('KPG-2019-'.length))).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
      const stored: { case_number: string }[] = await suite.dataSource.query(
        `SELECT case_number FROM cases WHERE organization_id = $1 AND case_number LIKE 'KPG-2019-%'`,
        [suite.org.id],
      );
      expect(stored.map((row) => row.case_number).sort()).toEqual([...numbers].sort());
      const next = await createOk(suite.org.coordinatorA, body);
      expect(next.caseNumber).toBe('KPG-2019-0201');
    }, 180_000);
  });
});
