import { JobProducer, QueueName } from '@pendamping/core';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { createCase } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import {
  awaitReport,
  downloadFile,
  eventually,
  fetchFile,
  Json,
  pdfText,
  REPORTS,
  reportBody,
  requestReport,
  sha256,
} from './support/report-client';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApi, startTestWorker, TestApi, TestWorker } from './support/test-app';
import { AppProcess, appEnv, spawnWorker } from './support/app-process';
import { SignedInUser } from './support/world';

/**
 * Evaluation reports when things break (SPEC §7): a worker killed with SIGKILL in the middle of
 * writing a file, Redis losing its data, Redis unreachable, the same request sent while the
 * first runs. PostgreSQL is the system of record: no half-written file is ever visible, and
 * every saved request ends as exactly one file.
 */

const YEAR = 2025;
/** A job whose worker died runs again this much later (BullMQ lock and stalled-job check). */
const STALL_SECONDS = 3;
const RECONCILE_SECONDS = 2;
/** How long a report request may take to be answered while Redis is away (it is answered from PostgreSQL). */
const POST_WITHIN_MS = 10_000;
/** Each test starts workers (a separate process takes a while to compile and boot) and waits on them. */
jest.setTimeout(180_000);

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Removes every Redis key of the suite's prefix: what a Redis restart without persistence leaves. */
async function flushPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) removed += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

describe('Evaluation reports under faults', () => {
  let child: AppProcess | undefined;
  let worker: TestWorker | undefined;
  const extraApis: TestApi[] = [];
  const proxies: TcpProxy[] = [];
  // Declared before the suite's hooks: every worker stops before the database is dropped.
  afterAll(async () => {
    // Redis back first, so that nothing waits for it while closing.
    for (const proxy of proxies) await proxy.restore();
    await child?.kill9();
    await worker?.close();
    for (const api of extraApis) await api.close();
    for (const proxy of proxies) await proxy.cut();
  });
  const suite = organisationSuite();
  const api = () => suite.api;
  const workerConfig = () => ({
    ...suite.api.config,
    WORKER_STALL_SECONDS: STALL_SECONDS,
    REPORT_RECONCILE_SECONDS: RECONCILE_SECONDS,
  });

  const startWorker = async (config = workerConfig()) => {
    worker ??= await startTestWorker(config);
  };
  const stopWorker = async () => {
    await worker?.close();
    worker = undefined;
  };

  const reportRow = async (id: string) =>
    (
      (await suite.dataSource.query(
        `SELECT status, attempts, checksum_sha256 AS checksum, byte_size AS size FROM reports WHERE id = $1`,
        [id],
      )) as Json[]
    )[0];
  const chunkSeqs = async (id: string) =>
    (
      (await suite.dataSource.query(`SELECT seq FROM report_chunks WHERE report_id = $1 ORDER BY seq`, [id])) as {
        seq: number;
      }[]
    ).map((row) => row.seq);
  const renderEvents = async (id: string) =>
    Number(
      (
        await suite.dataSource.query(
          `SELECT count(*) AS n FROM audit_events WHERE subject = 'Report' AND action = 'render' AND subject_id = $1`,
          [id],
        )
      )[0].n,
    );

  /** Exactly one finished file for the report: succeeded once, chunks 0..n-1, the download matching size and checksum. */
  async function expectOneFile(id: string, user = suite.org.reviewer, timeoutMs = 90_000): Promise<Buffer> {
    const done = await awaitReport(api(), user, id, ['succeeded'], timeoutMs);
    const seqs = await chunkSeqs(id);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    const bytes = await downloadFile(api(), user, id);
    expect(bytes.length).toBe(done.byteSize);
    expect(sha256(bytes)).toBe(done.checksumSha256);
    expect(await renderEvents(id)).toBe(1);
    return bytes;
  }

  /**
   * An API (and its config, for a worker) reaching Redis through a proxy of its own. Unless
   * `cutBeforeStart`, it has used its report queue once (the administrator's queue state) before
   * the test cuts the proxy, as a running API has.
   */
  async function apiBehindProxy(options: { cutBeforeStart?: boolean } = {}) {
    const proxy = TcpProxy.forUrl(suite.api.config.REDIS_URL);
    proxies.push(proxy);
    await proxy.start();
    const config = { ...workerConfig(), REDIS_URL: proxy.proxiedUrl(suite.api.config.REDIS_URL) };
    if (options.cutBeforeStart) await proxy.cut();
    const outageApi = await startTestApi(config);
    extraApis.push(outageApi);
    if (!options.cutBeforeStart) {
      await eventually('the API to reach Redis through the proxy', async () => {
        const queue = await outageApi
          .http()
          .get(`${REPORTS}/queue`)
          .set(suite.org.admin.auth())
          .timeout(POST_WITHIN_MS);
        return queue.body.redis === 'up' ? true : undefined;
      });
    }
    return { proxy, api: outageApi, config };
  }

  /** POST /reports with a deadline: "accepted at once" must not mean "after Redis is back". */
  const postWithin = (target: TestApi, user: SignedInUser, body: object) =>
    target.http().post(REPORTS).set(user.auth()).timeout(POST_WITHIN_MS).send(body);

  beforeAll(async () => {
    const { coordinatorA, coordinatorB, villages, groups } = suite.org;
    const body = (villageId: string, groupId: string, month: number, violence: string) => ({
      villageId,
      groupId,
      intakeDate: `${YEAR}-${String(month).padStart(2, '0')}-10`,
      violenceTypes: [violence],
      placeType: 'home',
      survivor: { sex: 'female', ageAtIntake: 20 + month },
      consent: { record: true, refer: true },
    });
    for (let month = 1; month <= 8; month++)
      await createCase(api(), coordinatorA, body(villages.a, groups.a, month, month % 2 ? 'fisik' : 'psikis'));
    for (let month = 1; month <= 6; month++)
      await createCase(api(), coordinatorB, body(villages.b, groups.b, month, 'seksual'));
  });

  // ---------------------------------------------------------------------------------------------
  it('leaves no file when the worker is killed with SIGKILL while writing it, and a restarted worker finishes it once', async () => {
    const { reviewer, id: organizationId } = suite.org;
    // Every audit lane of the organisation has its head row, so that locking them all holds any audit write.
    await eventually(
      'all eight audit lanes to exist',
      async () => {
        const [{ n }] = (await suite.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_lane_heads WHERE organization_id = $1`,
          [organizationId],
        )) as { n: number }[];
        if (n >= 8) return true;
        await api().http().get('/api/v1/cases').set(reviewer.auth()).expect(200);
        return undefined;
      },
      60_000,
      0,
    );

    const report = await requestReport(api(), reviewer, reportBody(YEAR, { level: 'organization' }));
    const superuser = await connect(suite.api.config.DATABASE_URL);
    const holder = await connect(suite.api.config.DATABASE_URL);
    try {
      // The audit event of the render is the last write of the transaction that stores the file and marks it
      // succeeded: with the lanes locked, the worker stops there, its chunks written but not committed.
      await holder.query('BEGIN');
      await holder.query(`SELECT lane FROM audit_lane_heads WHERE organization_id = $1 FOR UPDATE`, [organizationId]);
      child = await spawnWorker(
        appEnv(suite.api.config, {
          WORKER_STALL_SECONDS: String(STALL_SECONDS),
          REPORT_RECONCILE_SECONDS: String(RECONCILE_SECONDS),
        }),
      );

      const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const writer = await eventually(
        'the worker to wait, inside the transaction that writes the file, on the audit lane',
        async () => {
          const { rows } = await superuser.query<{ pid: number; relations: string[] }>(
            `SELECT a.pid, array_agg(DISTINCT c.relname::text) FILTER (WHERE l.mode = 'RowExclusiveLock' AND l.granted) AS relations
               FROM pg_stat_activity a
               JOIN pg_locks l ON l.pid = a.pid
               LEFT JOIN pg_class c ON c.oid = l.relation
              WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND a.pid <> $1
              GROUP BY a.pid`,
            [holderPid],
          );
          return rows.find((row) => row.relations?.includes('report_chunks') && row.relations.includes('reports'));
        },
        60_000,
      );
      expect((await reportRow(report.id)).status).toBe('running');

      await child.kill9();
      child = undefined;
      await holder.query('ROLLBACK');
      // The dead worker's session ends (its open transaction rolled back) once PostgreSQL finds the client gone.
      await eventually('the killed worker’s database session to end', async () => {
        const { rows } = await superuser.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [writer.pid]);
        return rows.length === 0 ? true : undefined;
      });
    } finally {
      await holder.end().catch(() => undefined);
      await superuser.end();
    }

    // Nothing of the file is visible, and the request is not finished.
    expect(await chunkSeqs(report.id)).toEqual([]);
    expect((await reportRow(report.id)).status).toBe('running');
    expect(await renderEvents(report.id)).toBe(0);
    expect((await fetchFile(api(), reviewer, report.id)).status).toBe(409);
    // The same request meanwhile is still this one.
    expect((await requestReport(api(), reviewer, reportBody(YEAR, { level: 'organization' }))).id).toBe(report.id);

    // Another worker process takes the job over once its lock has lapsed, and finishes it exactly once.
    child = await spawnWorker(
      appEnv(suite.api.config, {
        WORKER_STALL_SECONDS: String(STALL_SECONDS),
        REPORT_RECONCILE_SECONDS: String(RECONCILE_SECONDS),
      }),
    );
    const bytes = await expectOneFile(report.id);
    expect(await pdfText(bytes)).toContain('Laporan Evaluasi Tahunan');
    expect((await reportRow(report.id)).attempts).toBeGreaterThanOrEqual(2);
    expect(
      Number(
        (await suite.dataSource.query(`SELECT count(*) AS n FROM reports WHERE requested_by = $1`, [reviewer.id]))[0].n,
      ),
    ).toBe(1);
    await child.stop();
    child = undefined;
  });

  // ---------------------------------------------------------------------------------------------
  it('queues again what Redis lost between the request and its processing, when the worker starts and periodically', async () => {
    const { coordinatorA, regions } = suite.org;
    expect(worker).toBeUndefined();
    const report = await requestReport(
      api(),
      coordinatorA,
      reportBody(YEAR, { level: 'region', id: regions.a }, { format: 'xlsx' }),
    );
    const queue = suite.api.app.get(JobProducer).queue(QueueName.Reports);
    expect(await queue.getJob(report.id)).toBeDefined();

    // Redis restarts without its data: the job is gone, the request is still in PostgreSQL.
    expect(await flushPrefix(suite.api.config.REDIS_URL, suite.api.config.REDIS_KEY_PREFIX)).toBeGreaterThan(0);
    expect(await queue.getJob(report.id)).toBeUndefined();
    expect((await reportRow(report.id)).status).toBe('queued');

    await startWorker();
    await expectOneFile(report.id, coordinatorA);
  });

  // ---------------------------------------------------------------------------------------------
  it('accepts and saves requests while Redis is unreachable, and renders them once Redis is back', async () => {
    const { companionA, admin, groups } = suite.org;
    // The API and the worker both reach Redis through a proxy that the test cuts.
    await stopWorker();
    const { proxy, api: outageApi, config } = await apiBehindProxy();
    await startWorker(config);

    await proxy.cut();
    const response = await postWithin(
      outageApi,
      companionA,
      reportBody(YEAR, { level: 'group', id: groups.a }, { format: 'csv', locale: 'en' }),
    );
    expect(response.status).toBe(202);
    const report = response.body as Json;
    expect(report).toMatchObject({ status: 'queued' });
    expect((await reportRow(report.id)).status).toBe('queued');
    // Everything else still answers from PostgreSQL; the queue's state says Redis is down.
    expect(
      (await outageApi.http().get(`${REPORTS}/${report.id}`).set(companionA.auth()).timeout(POST_WITHIN_MS).expect(200))
        .body.status,
    ).toBe('queued');
    expect(
      (await outageApi.http().get(`${REPORTS}/queue`).set(admin.auth()).timeout(POST_WITHIN_MS).expect(200)).body.redis,
    ).toBe('down');

    await proxy.restore();
    await expectOneFile(report.id, companionA);
  });

  // ---------------------------------------------------------------------------------------------
  it('answers 202 to a report request made while Redis has been unreachable since the API started', async () => {
    const { coordinatorA } = suite.org;
    await startWorker();
    // An API that has not talked to Redis before the outage (started during it, or no report asked for since it started).
    const { proxy, api: outageApi } = await apiBehindProxy({ cutBeforeStart: true });
    const started = Date.now();
    const outcome = await outageApi
      .http()
      .post(REPORTS)
      .set(coordinatorA.auth())
      .timeout(POST_WITHIN_MS)
      .send(reportBody(YEAR, { level: 'village', id: suite.org.villages.a }, { locale: 'en' }))
      .then(
        (response) => ({ status: response.status, id: response.body.id as string | undefined }),
        (error: Error) => ({ status: error.message, id: undefined }),
      );
    const answeredAfterMs = Date.now() - started;
    // Saved either way (the outbox row is committed before the job is queued); the worker's reconciler may have run it already.
    const [saved] = (await suite.dataSource.query(
      `SELECT id, status FROM reports WHERE requested_by = $1 AND scope_level = 'village' ORDER BY created_at DESC LIMIT 1`,
      [coordinatorA.id],
    )) as Json[];
    expect(['queued', 'running', 'succeeded']).toContain(saved?.status);
    await proxy.restore();
    await expectOneFile(saved.id, coordinatorA);
    expect({ status: outcome.status, id: outcome.id, answeredWithinMs: answeredAfterMs < POST_WITHIN_MS }).toEqual({
      status: 202,
      id: saved.id,
      answeredWithinMs: true,
    });
  });

  // ---------------------------------------------------------------------------------------------
  it('keeps reconciling after Redis restarted empty under a running worker', async () => {
    const { reviewer, regions } = suite.org;
    await stopWorker();
    await startWorker();
    // A request the API saved but could not queue (its Redis is away).
    const { proxy, api: outageApi } = await apiBehindProxy();
    await proxy.cut();
    // Redis comes back from a restart without its data while the worker runs: its schedules are gone too.
    await flushPrefix(suite.api.config.REDIS_URL, suite.api.config.REDIS_KEY_PREFIX);
    const response = await postWithin(
      outageApi,
      reviewer,
      reportBody(YEAR, { level: 'region', id: regions.b }, { locale: 'en' }),
    );
    expect(response.status).toBe(202);

    // The running worker's periodic reconciliation (every REPORT_RECONCILE_SECONDS) must find it, once its schedulers are back.
    try {
      await expectOneFile(response.body.id, reviewer, 120_000);
    } catch (error) {
      const schedulers = await suite.api.app.get(JobProducer).queue(QueueName.Maintenance).getJobSchedulers();
      throw new Error(
        `${(error as Error).message}; the maintenance queue's schedulers now: ${JSON.stringify(schedulers.map((scheduler) => scheduler.key))}`,
        { cause: error },
      );
    }
  });

  // ---------------------------------------------------------------------------------------------
  it('answers a request repeated while the first runs with the running report, and makes one file', async () => {
    const { coordinatorB, regions } = suite.org;
    await startWorker();
    const holder = await connect(suite.api.config.DATABASE_URL);
    let id: string;
    try {
      // The worker's write of the file waits on this lock: the report stays running.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE report_chunks IN SHARE MODE');
      const body = reportBody(
        YEAR,
        { level: 'region', id: regions.b },
        { format: 'pdf', locale: 'en', audience: 'external' },
      );
      id = (await requestReport(api(), coordinatorB, body)).id;
      await eventually('the report to run', async () =>
        (await reportRow(id)).status === 'running' ? true : undefined,
      );
      const repeats = await Promise.all(
        [0, 1, 2].map(() => api().http().post(REPORTS).set(coordinatorB.auth()).send(body)),
      );
      expect(repeats.map((response) => [response.status, response.body.id])).toEqual([
        [202, id],
        [202, id],
        [202, id],
      ]);
      expect(
        Number(
          (
            await suite.dataSource.query(`SELECT count(*) AS n FROM reports WHERE requested_by = $1`, [coordinatorB.id])
          )[0].n,
        ),
      ).toBe(1);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    await expectOneFile(id, coordinatorB);
    // Once it is finished, the same request makes a new report.
    const later = await requestReport(
      api(),
      coordinatorB,
      reportBody(YEAR, { level: 'region', id: regions.b }, { format: 'pdf', locale: 'en', audience: 'external' }),
    );
    expect(later.id).not.toBe(id);
    await expectOneFile(later.id, coordinatorB);
  });
});
