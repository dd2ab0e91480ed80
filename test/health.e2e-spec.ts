import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';

describe('health', () => {
  const databases: SuiteDatabase[] = [];
  const apis: TestApi[] = [];

  async function api(
    options: { empty?: boolean; env?: NodeJS.ProcessEnv; viaProxy?: TcpProxy } = {},
  ): Promise<TestApi> {
    const database = await createSuiteDatabase({ empty: options.empty });
    databases.push(database);
    let url = database.url;
    if (options.viaProxy) {
      const parsed = new URL(url);
      parsed.port = String(await options.viaProxy.start());
      url = parsed.toString();
    }
    const started = await startTestApi(suiteConfig(url, options.env));
    apis.push(started);
    return started;
  }

  afterAll(async () => {
    await Promise.all(apis.map((started) => started.close()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    const started = await api();
    await started.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await started.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.postgres.status).toBe('up');
    expect(ready.body.checks.redis.status).toBe('up');
  });

  it('answers liveness outside Nest with every header any answer carries', async () => {
    const started = await api();
    const live = await started.http().get('/health/live').expect(200, { status: 'ok' });
    expect(live.headers['content-security-policy']).toContain("default-src 'self'");
    expect(live.headers['x-content-type-options']).toBe('nosniff');
    expect(live.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
    expect(live.headers['cache-control']).toBe('no-store');
    expect(live.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await started.http().get('/api/v1/health/live').expect(404);
    await started.http().head('/health/live').expect(200);
  });

  it('reports Redis as degraded, with 200, when Redis is unreachable', async () => {
    const started = await api({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const ready = await started.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.checks.redis.status).toBe('down');
    expect(ready.body.checks.postgres.status).toBe('up');
  });

  it('answers 503 naming PostgreSQL when PostgreSQL goes away', async () => {
    const target = new URL(databases[0]?.url ?? process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432');
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const started = await api({ viaProxy: proxy });
    await started.http().get('/health/ready').expect(200);
    await proxy.cut();
    const ready = await started.http().get('/health/ready').expect(503);
    expect(ready.body.status).toBe('unavailable');
    expect(ready.body.checks.postgres).toMatchObject({ status: 'down', reason: expect.stringContaining('PostgreSQL') });
  });

  it('answers 503 naming the migrations a database lacks', async () => {
    const started = await api({ empty: true });
    const ready = await started.http().get('/health/ready').expect(503);
    expect(ready.body.checks.postgres.pendingMigrations).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Foundation\d+$/)]),
    );
  });
});
