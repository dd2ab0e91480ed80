import { createLogger, WorkerHeartbeatEntity } from '@pendamping/core';
import { WorkerHeartbeatHandler } from '@pendamping/worker/maintenance/worker-heartbeat.handler';
import { WorkerModule } from '@pendamping/worker/worker.module';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, startTestWorker, suiteConfig } from './support/test-app';

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('worker', () => {
  let database: SuiteDatabase;

  beforeAll(async () => {
    database = await createSuiteDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('consumes scheduled jobs, and the API sees it alive', async () => {
    const config = suiteConfig(database.url, { WORKER_HEARTBEAT_SECONDS: '1' });
    const worker = await startTestWorker(config);
    const api = await startTestApi(config);
    try {
      const dataSource = worker.context.get(DataSource);
      const beat = await eventually(async () => (await dataSource.getRepository(WorkerHeartbeatEntity).find())[0]);
      expect(beat.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      const ready = await api.http().get('/health/ready').expect(200);
      expect(ready.body.checks.worker.status).toBe('seen');
    } finally {
      await api.close();
      await worker.close();
    }
  });

  it('refuses to start when a job of the catalogue has no handler', async () => {
    const config = suiteConfig(database.url);
    const logger = createLogger('silent');
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.register(config, logger)] })
      .overrideProvider(WorkerHeartbeatHandler)
      .useValue({})
      .compile();
    await expect(moduleRef.init()).rejects.toThrow(/job "maintenance\.worker-heartbeat" has no handler/);
    await moduleRef.close();
  });
});
