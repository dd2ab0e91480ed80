import { addFollowUp, addReferral, createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { SignedInUser } from './support/world';

/**
 * SPEC §11: every record in a response carries `allowed: {actions, writableFields}`, computed by
 * the server from the rules table for this reader and this record, on lists, reads and the
 * answers to changes alike.
 */

const API = '/api/v1';
interface Allowed {
  actions: string[];
  writableFields: string[];
}

describe('What the reader may do with each record', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let caseId: string;

  const read = async (user: SignedInUser, id: string) =>
    (await http().get(`${API}/cases/${id}`).set(user.auth()).expect(200)).body as { allowed: Allowed };
  const listAll = async (user: SignedInUser) =>
    (await http().get(`${API}/cases`).query({ limit: '100' }).set(user.auth()).expect(200)).body.items as {
      id: string;
      allowed?: Allowed;
    }[];

  beforeAll(async () => {
    caseId = (await createCase(suite.api, suite.org.companionA, newCaseBody(suite.org.villages.a))).id as string;
    await createCase(suite.api, suite.org.coordinatorA, newCaseBody(suite.org.villages.a));
  });

  it('every case in GET /cases carries allowed, for every role that lists cases', async () => {
    for (const user of [suite.org.companionA, suite.org.coordinatorA, suite.org.reviewer]) {
      const items = await listAll(user);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.allowed).toEqual({ actions: expect.any(Array), writableFields: expect.any(Array) });
        expect(item.allowed?.actions).toContain('read');
      }
    }
  });

  it("a companion's view of her case and a coordinator's view of the same case differ as the rules say", async () => {
    const companion = (await read(suite.org.companionA, caseId)).allowed;
    const coordinator = (await read(suite.org.coordinatorA, caseId)).allowed;

    expect(companion.actions).toEqual(expect.arrayContaining(['read', 'update', 'activate', 'request_closure']));
    expect(companion.actions).not.toContain('assign');
    expect(companion.actions).not.toContain('close');
    expect(companion.writableFields).toContain('survivor.name');
    expect(companion.writableFields).not.toContain('restricted');
    expect(companion.writableFields).not.toContain('assignedCompanionId');

    expect(coordinator.actions).toEqual(expect.arrayContaining(['read', 'update', 'assign', 'close', 'reopen']));
    expect(coordinator.writableFields).toEqual(
      expect.arrayContaining(['survivor.name', 'restricted', 'excludedUserIds']),
    );
    // Derived fields are nobody's to write.
    for (const allowed of [companion, coordinator]) {
      expect(allowed.writableFields).not.toContain('caseNumber');
      expect(allowed.writableFields).not.toContain('version');
    }
  });

  it("a reviewer's allowed has no update and no writable field", async () => {
    const reviewer = (await read(suite.org.reviewer, caseId)).allowed;
    expect(reviewer.actions).toEqual(['read']);
    expect(reviewer.writableFields).toEqual([]);
  });

  it('a companion of another group never sees the case, allowed or not', async () => {
    await http().get(`${API}/cases/${caseId}`).set(suite.org.companionB.auth()).expect(404);
    expect((await listAll(suite.org.companionB)).map((item) => item.id)).not.toContain(caseId);
  });

  it('an excluded user never sees a restricted case, allowed or not', async () => {
    const restricted = (await createCase(suite.api, suite.org.companionA, newCaseBody(suite.org.villages.a)))
      .id as string;
    await http()
      .patch(`${API}/cases/${restricted}`)
      .set(suite.org.coordinatorA.auth())
      .set('if-match', '"1"')
      .send({ restricted: true, excludedUserIds: [suite.org.reviewer.id] })
      .expect(200);
    const response = await http().get(`${API}/cases/${restricted}`).set(suite.org.reviewer.auth()).expect(404);
    expect(response.body.allowed).toBeUndefined();
    expect((await listAll(suite.org.reviewer)).map((item) => item.id)).not.toContain(restricted);
  });

  it('answers to changes and the records of a case carry allowed too', async () => {
    const created = await createCase(suite.api, suite.org.companionA, newCaseBody(suite.org.villages.a));
    expect(created.allowed).toMatchObject({ actions: expect.arrayContaining(['update']) });
    const referral = await addReferral(suite.api, suite.org.companionA, created.id as string);
    expect(referral.allowed).toMatchObject({ actions: expect.arrayContaining(['read', 'update']) });
    const followUp = await addFollowUp(suite.api, suite.org.companionA, created.id as string);
    expect(followUp.allowed).toEqual({ actions: ['read'], writableFields: [] });
  });
});
