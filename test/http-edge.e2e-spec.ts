import { problemType } from '@pendamping/core';
import { ProbeController } from './support/probe.controller';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';

const CANARY_NAME = 'Canary-Ratna-7f3a';
const CANARY_NIK = '5301999988887777';
const CANARY_NARRATIVE = 'canary narrative 41c2';

describe('the HTTP edge: problems, validation, logs, docs', () => {
  let database: SuiteDatabase;
  let api: TestApi;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url), { extraControllers: [ProbeController] });
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.http().get('/api/v1/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: problemType('not-found'),
      status: 404,
      title: 'Not found',
      instance: '/api/v1/no-such-thing',
    });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('names every invalid and unknown field of a body', async () => {
    const response = await api
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ survivor: { name: '', nik: '123', sex: 'x' }, ageAtIntake: 200, favouriteColour: 'red' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.type).toBe(problemType('validation-failed'));
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['ageAtIntake', 'favouriteColour', 'survivor.name', 'survivor.nik', 'survivor.sex']);
  });

  it('accepts a valid body', async () => {
    const response = await api
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ survivor: { name: 'A', sex: 'female' }, ageAtIntake: 15 })
      .expect(201);
    expect(response.body).toEqual({ accepted: true, sex: 'female' });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await api
      .http()
      .post('/api/v1/test-probe/echo')
      .set('content-type', 'application/json')
      .send('{"survivor": ')
      .expect(400);
    expect(response.body.type).toBe(problemType('malformed-body'));
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = 'x'.repeat(api.config.BODY_LIMIT_BYTES + 10);
    const response = await api
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ survivor: { name: huge, sex: 'female' }, ageAtIntake: 1 })
      .expect(413);
    expect(response.body.type).toBe(problemType('payload-too-large'));
  });

  it('refuses an over-long string even below the body limit', async () => {
    const response = await api
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ survivor: { name: 'A', sex: 'female' }, ageAtIntake: 1, narrative: 'x'.repeat(25_000) })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'narrative', message: expect.stringContaining('at most') }]);
  });

  it('hides the cause of a 500 and keeps survivor values out of the response', async () => {
    const response = await api
      .http()
      .post('/api/v1/test-probe/explode')
      .send({
        survivor: { name: CANARY_NAME, nik: CANARY_NIK, sex: 'female' },
        ageAtIntake: 15,
        narrative: CANARY_NARRATIVE,
      })
      .expect(500);
    expect(response.body.type).toBe(problemType('internal-error'));
    const text = JSON.stringify(response.body);
    for (const canary of [CANARY_NAME, CANARY_NARRATIVE, 'stack', 'at ']) expect(text).not.toContain(canary);
  });

  it('writes no survivor value to the logs, on success and error paths alike', async () => {
    const survivor = { name: CANARY_NAME, nik: CANARY_NIK, sex: 'female' };
    await api
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ survivor, ageAtIntake: 15, narrative: CANARY_NARRATIVE })
      .expect(201);
    await api
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ survivor: { ...survivor, sex: 'unknown' }, ageAtIntake: 15, narrative: CANARY_NARRATIVE })
      .expect(400);
    await api
      .http()
      .post('/api/v1/test-probe/explode')
      .send({ survivor, ageAtIntake: 15, narrative: CANARY_NARRATIVE })
      .expect(500);
    await api.http().get(`/api/v1/cases?name=${CANARY_NAME}&nik=${CANARY_NIK}`).expect(401);
    const logs = api.logs.text();
    expect(logs).toContain('request completed');
    expect(logs).toContain('request failed');
    for (const canary of [CANARY_NAME, CANARY_NIK, CANARY_NARRATIVE]) expect(logs).not.toContain(canary);
  });

  it('logs one JSON object per line with a request id of our own, whatever the client sent', async () => {
    const response = await api.http().get('/health/live').set('x-request-id', 'trace-abc-12345').expect(200);
    const ours = response.headers['x-request-id'];
    expect(ours).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const lines = api.logs.lines.map((line) => JSON.parse(line));
    expect(lines.some((line) => line.reqId === ours && line.res?.statusCode === 200)).toBe(true);
    expect(lines.some((line) => line.reqId === 'trace-abc-12345')).toBe(false);
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await api.http().get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    const ui = await api.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers a malformed percent-encoding in the URL with a 400 problem', async () => {
    const response = await api.http().get('/api/v1/regions/%E0%A4%A').expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: problemType('bad-request'), status: 400 });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers an oversized header with a 431 problem', async () => {
    const response = await api.http().get('/health/live').set('x-padding', 'a'.repeat(20_000));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.text)).toMatchObject({ type: problemType('headers-too-large'), status: 431 });
  });

  it('marks every answer no-store, whatever its status', async () => {
    for (const response of [
      await api.http().get('/health/live').expect(200),
      await api.http().get('/api/v1/no-such-thing').expect(404),
      await api.http().get('/api/v1/regions').expect(401),
      await api
        .http()
        .post('/api/v1/test-probe/echo')
        .send({ survivor: { name: 'Ani', sex: 'female' } }),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves no OpenAPI document when API_DOCS is false (the production default)', async () => {
    const closed = await startTestApi(suiteConfig(database.url, { API_DOCS: 'false' }));
    try {
      await closed.http().get('/docs').expect(404);
      await closed.http().get('/docs-json').expect(404);
    } finally {
      await closed.close();
    }
  });
});
