import { randomBytes, randomUUID } from 'node:crypto';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { servedDocument } from '../scripts/openapi/document';
import { addFollowUp, createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { reportBody, requestReport } from './support/report-client';
import { activityBody, addActivity, addItem, createPlan, todayIn } from './support/work-plans';
import { TEST_PASSWORD } from './support/world';

/**
 * SPEC §11: the document is the client's contract, so it must be true. Real answers of a
 * representative route of every area are validated against the schema the document gives for
 * that route and status, closed: a key the schema does not describe fails as a wrong type does.
 */

type Json = Record<string, unknown>;
type Answer = { status: number; body: unknown };

/**
 * The document's schemas as JSON Schema: OpenAPI 3.0's `nullable` becomes a null alternative,
 * every described object admits only its described keys, and references point into the document
 * registered as `doc`.
 */
function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const converted: Json = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, asJsonSchema(value)]));
  if (typeof converted.$ref === 'string' && converted.$ref.startsWith('#/')) converted.$ref = `doc${converted.$ref}`;
  if (converted.properties && typeof converted.properties === 'object' && converted.additionalProperties === undefined)
    converted.additionalProperties = false;
  if (converted.nullable !== true) return converted;
  const { nullable: _nullable, ...value } = converted;
  return { anyOf: [value, { type: 'null' }] };
}

describe('Real answers against the OpenAPI document', () => {
  const suite = organisationSuite();
  let document: { paths: Record<string, Record<string, { responses: Record<string, Json> }>> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    document = (await servedDocument(suite.api.app)) as typeof document;
    ajv.addSchema(asJsonSchema(document) as object, 'doc');
  });

  const validators = new Map<string, ValidateFunction>();
  /** What is wrong with an answer, by the schema of its route (`get /api/v1/cases/{id}`) and status. */
  const mismatches = (route: string, answer: Answer): string[] => {
    const [method, path] = route.split(' ');
    const key = `${route} ${answer.status}`;
    let validate = validators.get(key);
    if (!validate) {
      const response = document.paths[path]?.[method]?.responses[String(answer.status)] as
        { content?: Record<string, { schema?: object }> } | undefined;
      const schema = response?.content?.['application/json']?.schema;
      if (!schema) return [`${key}: the document describes no such answer`];
      validate = ajv.compile(asJsonSchema(schema) as object);
      validators.set(key, validate);
    }
    return validate(answer.body)
      ? []
      : (validate.errors ?? []).map(
          (error) => `${key}${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
        );
  };
  const http = () => suite.api.http();

  it('validates the schema checker itself: an undescribed key and a wrong type fail', async () => {
    const profile = await http().get('/api/v1/me').set(suite.org.companionA.auth()).expect(200);
    expect(mismatches('get /api/v1/me', { status: 200, body: { ...profile.body, extra: 1 } })).toHaveLength(1);
    expect(mismatches('get /api/v1/me', { status: 200, body: { ...profile.body, mfaEnrolled: 'no' } })).toHaveLength(1);
  });

  it('sign-in, the profile, its abilities and the code lists', async () => {
    const { companionA, coordinatorA } = suite.org;
    const answers: [string, Answer][] = [
      [
        'post /api/v1/auth/login',
        await http().post('/api/v1/auth/login').send({ email: companionA.email, password: TEST_PASSWORD }).expect(200),
      ],
      ['get /api/v1/me', await http().get('/api/v1/me').set(coordinatorA.auth()).expect(200)],
      ['get /api/v1/me/abilities', await http().get('/api/v1/me/abilities').set(coordinatorA.auth()).expect(200)],
      ['get /api/v1/code-lists', await http().get('/api/v1/code-lists').set(companionA.auth()).expect(200)],
      ['get /health/live', await http().get('/health/live').expect(200)],
    ];
    expect(answers.flatMap(([route, answer]) => mismatches(route, answer))).toEqual([]);
  });

  it('a case, its follow-ups, history, duplicate check and the statistics, as a coordinator and a reviewer see them', async () => {
    const { coordinatorA, reviewer } = suite.org;
    const created = await createCase(suite.api, coordinatorA, newCaseBody(suite.org.villages.a));
    const id = String(created.id);
    await addFollowUp(suite.api, coordinatorA, id);
    await http()
      .patch(`/api/v1/cases/${id}`)
      .set(coordinatorA.auth())
      .set('if-match', `"${String(created.version)}"`)
      .send({ narrative: 'Cerita yang diperbarui.' })
      .expect(200);
    const answers: [string, Answer][] = [
      ['get /api/v1/cases', await http().get('/api/v1/cases').set(coordinatorA.auth()).expect(200)],
      ['get /api/v1/cases/{id}', await http().get(`/api/v1/cases/${id}`).set(coordinatorA.auth()).expect(200)],
      ['get /api/v1/cases/{id}', await http().get(`/api/v1/cases/${id}`).set(reviewer.auth()).expect(200)],
      [
        'get /api/v1/cases/{id}/follow-ups',
        await http().get(`/api/v1/cases/${id}/follow-ups`).set(coordinatorA.auth()).expect(200),
      ],
      [
        'get /api/v1/cases/{id}/history',
        await http().get(`/api/v1/cases/${id}/history`).set(coordinatorA.auth()).expect(200),
      ],
      [
        'post /api/v1/cases/duplicate-check',
        await http()
          .post('/api/v1/cases/duplicate-check')
          .set(coordinatorA.auth())
          .send({ name: 'Maria', birthYear: 1990 })
          .expect(200),
      ],
      ['get /api/v1/stats/summary', await http().get('/api/v1/stats/summary').set(coordinatorA.auth()).expect(200)],
    ];
    expect(answers.flatMap(([route, answer]) => mismatches(route, answer))).toEqual([]);
  });

  it('users, an administration request through approval, and the audit log', async () => {
    const { admin, approver, companionB } = suite.org;
    const requested = await http()
      .post('/api/v1/admin-requests')
      .set(admin.auth())
      .send({ kind: 'reset_password', subjectId: companionB.id })
      .expect(202);
    const id = String(requested.body.id);
    const answers: [string, Answer][] = [
      ['post /api/v1/admin-requests', requested],
      ['get /api/v1/admin-requests', await http().get('/api/v1/admin-requests').set(admin.auth()).expect(200)],
      [
        'post /api/v1/admin-requests/{id}/approve',
        await http().post(`/api/v1/admin-requests/${id}/approve`).set(approver.auth()).expect(200),
      ],
      [
        'post /api/v1/admin-requests/{id}/password-half',
        await http().post(`/api/v1/admin-requests/${id}/password-half`).set(admin.auth()).expect(200),
      ],
      ['get /api/v1/users', await http().get('/api/v1/users').set(admin.auth()).expect(200)],
      ['get /api/v1/users/{id}', await http().get(`/api/v1/users/${companionB.id}`).set(admin.auth()).expect(200)],
      ['get /api/v1/audit', await http().get('/api/v1/audit').set(admin.auth()).expect(200)],
      ['get /api/v1/audit/verify', await http().get('/api/v1/audit/verify').set(admin.auth()).expect(200)],
    ];
    expect(answers.flatMap(([route, answer]) => mismatches(route, answer))).toEqual([]);
  });

  it('a work plan with an item, an activity and its progress, and a report request', async () => {
    const { companionA, coordinatorA, admin } = suite.org;
    const plan = await createPlan(suite.api, companionA, { groupId: suite.org.groups.a, year: 2026 });
    const planId = String(plan.id);
    const item = await addItem(suite.api, companionA, planId);
    await addActivity(suite.api, companionA, planId, String(item.id), activityBody(todayIn('Asia/Makassar')));
    const report = await requestReport(
      suite.api,
      coordinatorA,
      reportBody(2026, { level: 'region', id: suite.org.regions.a }),
    );
    const answers: [string, Answer][] = [
      ['post /api/v1/work-plans', { status: 201, body: plan }],
      ['post /api/v1/work-plans/{id}/items', { status: 201, body: item }],
      ['get /api/v1/work-plans', await http().get('/api/v1/work-plans').set(companionA.auth()).expect(200)],
      [
        'get /api/v1/work-plans/{id}',
        await http().get(`/api/v1/work-plans/${planId}`).set(companionA.auth()).expect(200),
      ],
      [
        'get /api/v1/work-plans/{id}/progress',
        await http().get(`/api/v1/work-plans/${planId}/progress`).set(companionA.auth()).expect(200),
      ],
      [
        'get /api/v1/work-plans/{id}/items/{itemId}/activities',
        await http()
          .get(`/api/v1/work-plans/${planId}/items/${String(item.id)}/activities`)
          .set(companionA.auth())
          .expect(200),
      ],
      ['post /api/v1/reports', { status: 202, body: report }],
      [
        'get /api/v1/reports/{id}',
        await http()
          .get(`/api/v1/reports/${String(report.id)}`)
          .set(coordinatorA.auth())
          .expect(200),
      ],
      ['get /api/v1/reports/queue', await http().get('/api/v1/reports/queue').set(admin.auth()).expect(200)],
    ];
    expect(answers.flatMap(([route, answer]) => mismatches(route, answer))).toEqual([]);
  });
  it('phones: set-up, sign-in and refresh on the phone, recovery, the list, revocation and the status', async () => {
    const { companionA, admin } = suite.org;
    const deviceId = randomUUID();
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const signIn = () =>
      http().post('/api/v1/auth/login').send({ email: companionA.email, password: TEST_PASSWORD, deviceId });
    const fresh = await http()
      .post('/api/v1/auth/login')
      .send({ email: companionA.email, password: TEST_PASSWORD })
      .expect(200);
    const setUp = await http()
      .post('/api/v1/devices')
      .set(bearer(fresh.body.accessToken))
      .send({ deviceId, label: 'HP', sealingPublicKey: randomBytes(65).toString('base64url') })
      .expect(201);
    const onPhone = await signIn().expect(200);
    const refreshed = await http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: onPhone.body.refreshToken, deviceId })
      .expect(200);
    const recovered = await http()
      .post(`/api/v1/devices/${deviceId}/wrapping-key`)
      .set(bearer((await signIn().expect(200)).body.accessToken))
      .expect(200);
    const answers: [string, Answer][] = [
      ['post /api/v1/devices', setUp],
      ['post /api/v1/auth/login', onPhone],
      ['post /api/v1/auth/refresh', refreshed],
      ['post /api/v1/devices/{id}/wrapping-key', recovered],
      ['get /api/v1/devices', await http().get('/api/v1/devices').set(admin.auth()).expect(200)],
      ['get /api/v1/devices/{id}/status', await http().get(`/api/v1/devices/${deviceId}/status`).expect(200)],
      [
        'post /api/v1/devices/{id}/revoke',
        await http().post(`/api/v1/devices/${deviceId}/revoke`).set(admin.auth()).expect(200),
      ],
    ];
    expect(answers.flatMap(([route, answer]) => mismatches(route, answer))).toEqual([]);
  });
});
