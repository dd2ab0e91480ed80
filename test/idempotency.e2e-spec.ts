import { IdempotencyKeyEntity, RegionEntity } from '@pendamping/auth/entities';
import { organisationSuite } from './support/organisation-suite';

describe('Idempotency-Key on POST', () => {
  const suite = organisationSuite();

  const regionsNamed = (name: string) =>
    suite.dataSource.getRepository(RegionEntity).countBy({ organizationId: suite.org.id, name });
  const post = (key: string, body: object, user = suite.org.admin) =>
    suite.api.http().post('/api/v1/regions').set(user.auth()).set('idempotency-key', key).send(body);

  it('creates once and answers a retry with the same status and resource', async () => {
    const body = { name: 'Rote Ndao', code: 'RTN' };
    const first = await post('retry-1', body).expect(201);
    const second = await post('retry-1', { code: 'RTN', name: 'Rote Ndao' }).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await regionsNamed('Rote Ndao')).toBe(1);
    const record = await suite.dataSource
      .getRepository(IdempotencyKeyEntity)
      .findOneByOrFail({ userId: suite.org.admin.id, key: 'retry-1' });
    expect(record).toMatchObject({ status: 201, resourcePath: `/api/v1/regions/${first.body.id}` });
    expect(JSON.stringify(record)).not.toContain('Rote Ndao');
  });

  it('answers the resource as it reads now, not as it was', async () => {
    const first = await post('retry-2', { name: 'Sabu', code: 'SAB' }).expect(201);
    await suite.api
      .http()
      .patch(`/api/v1/regions/${first.body.id}`)
      .set(suite.org.admin.auth())
      .send({ name: 'Sabu Raijua', version: first.body.version })
      .expect(200);
    const replay = await post('retry-2', { name: 'Sabu', code: 'SAB' }).expect(201);
    expect(replay.body).toMatchObject({ id: first.body.id, name: 'Sabu Raijua', version: first.body.version + 1 });
  });

  it('refuses the same key with another body with 422 and creates nothing', async () => {
    await post('retry-3', { name: 'Alor', code: 'ALR' }).expect(201);
    const reused = await post('retry-3', { name: 'Lembata', code: 'LBT' }).expect(422);
    expect(reused.body.type).toBe('urn:pendamping:problem:business-rule');
    expect(await regionsNamed('Lembata')).toBe(0);
  });

  it('creates exactly one record when identical requests race', async () => {
    const body = { name: 'Flores Timur', code: 'FLT' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('race-1', body)));
    // A request that finds the first one still running is told so by its own problem type, to retry (SPEC §12).
    const kinds = answers.map((answer) => (answer.status === 201 ? 201 : answer.body.type));
    expect(kinds.every((kind) => kind === 201 || kind === 'urn:pendamping:problem:idempotency-in-progress')).toBe(true);
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await regionsNamed('Flores Timur')).toBe(1);
  });

  it('lets a failed request be retried with its key', async () => {
    const clash = { name: 'Kupang Lagi', code: 'KPG' };
    await post('retry-4', clash).expect(409);
    await post('retry-4', clash).expect(409);
    expect(
      await suite.dataSource
        .getRepository(IdempotencyKeyEntity)
        .countBy({ userId: suite.org.admin.id, key: 'retry-4' }),
    ).toBe(0);
  });

  it("keeps keys per user: under the same key, another user's request runs on its own", async () => {
    await suite.api
      .http()
      .post('/api/v1/groups')
      .set(suite.org.admin.auth())
      .set('idempotency-key', 'shared-key')
      .send({ name: 'Kelompok Anggrek', villageId: suite.org.villages.a })
      .expect(201);
    const membership = await suite.api
      .http()
      .post(`/api/v1/groups/${suite.org.groups.a}/members`)
      .set(suite.org.coordinatorA.auth())
      .set('idempotency-key', 'shared-key')
      .send({ userId: suite.org.companionA.id })
      .expect(201);
    expect(membership.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400', async () => {
    await post('x'.repeat(201), { name: 'Malaka', code: 'MLK' }).expect(400);
    await post('kunci dengan spasi', { name: 'Malaka', code: 'MLK' }).expect(400);
    expect(await regionsNamed('Malaka')).toBe(0);
  });
});
