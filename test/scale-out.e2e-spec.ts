import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiProcess, AppProcess, appEnv, spawnApi, spawnWorker } from './support/app-process';
import { newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { awaitReport, downloadFile, eventually, Json, reportBody, REPORTS, sha256 } from './support/report-client';
import { SignedInUser } from './support/world';

/**
 * Scaling out (docs/scaling.md): two API processes and two worker processes, each an
 * operating-system process of its own run from the sources, on one PostgreSQL database and one
 * Redis key prefix. Case numbers stay unique and gap-free, a report asked for twice is rendered
 * once, and killing a worker or an API with SIGKILL loses nothing and doubles nothing.
 */

/** A job whose worker died runs again this much later (BullMQ lock and stalled-job check). */
const STALL_SECONDS = 3;
const RECONCILE_SECONDS = 2;
/** Four processes compile and boot at once on a shared machine. */
const START_TIMEOUT_MS = 180_000;
jest.setTimeout(240_000);

const problem = (kind: string) => `urn:pendamping:problem:${kind}`;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Runs `task` for every item with at most `lanes` of them in flight, as a client with a few connections would. */
async function inLanes<T>(items: T[], lanes: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

describe('Two APIs and two workers on one PostgreSQL and one Redis', () => {
  const apis: ApiProcess[] = [];
  const workers: AppProcess[] = [];
  // Declared before the suite's hooks: every process stops before the database is dropped.
  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((child) => child.stop(5_000)));
  });
  const suite = organisationSuite();

  beforeAll(async () => {
    const env = appEnv(suite.api.config, {
      WORKER_STALL_SECONDS: String(STALL_SECONDS),
      REPORT_RECONCILE_SECONDS: String(RECONCILE_SECONDS),
      DATABASE_POOL_SIZE: '5',
    });
    const started = await Promise.allSettled([
      spawnApi(env, START_TIMEOUT_MS),
      spawnApi(env, START_TIMEOUT_MS),
      spawnWorker(env, START_TIMEOUT_MS),
      spawnWorker(env, START_TIMEOUT_MS),
    ]);
    for (const [index, result] of started.entries()) {
      if (result.status === 'rejected') continue;
      if (index < 2) apis.push(result.value as ApiProcess);
      else workers.push(result.value);
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }, START_TIMEOUT_MS + 30_000);

  const query = async <T = Json>(sql: string, parameters: unknown[] = []): Promise<T[]> =>
    (await suite.dataSource.query(sql, parameters)) as T[];

  /**
   * Per region and year of the organisation: the sequences of its case numbers in order, the
   * counter's last value, and how many distinct case numbers the rows hold.
   */
  const numbering = () =>
    query<{ region: string; year: number; sequences: number[]; last: number; distinct: number }>(
      `SELECT c.region_id AS region, c.case_number_year AS year,
              array_agg(c.case_number_sequence ORDER BY c.case_number_sequence) AS sequences,
              max(n.last_sequence) AS last, count(DISTINCT c.case_number)::int AS distinct
         FROM cases c
         JOIN case_number_counters n
           ON n.organization_id = c.organization_id AND n.region_id = c.region_id AND n.year = c.case_number_year
        WHERE c.organization_id = $1
        GROUP BY c.region_id, c.case_number_year`,
      [suite.org.id],
    );

  /** Every region's and year's numbers run 1..n without a gap or a repeat, and its counter stands at n. */
  async function expectGapFreeNumbers(): Promise<number> {
    const groups = await numbering();
    for (const group of groups) {
      const expected = group.sequences.map((_, index) => index + 1);
      expect(group).toEqual({
        ...group,
        sequences: expected,
        last: expected.length,
        distinct: expected.length,
      });
    }
    return groups.reduce((sum, group) => sum + group.sequences.length, 0);
  }

  const chunkSeqs = async (id: string) =>
    (await query<{ seq: number }>(`SELECT seq FROM report_chunks WHERE report_id = $1 ORDER BY seq`, [id])).map(
      (row) => row.seq,
    );
  const renderEvents = async (id: string) =>
    Number(
      (
        await query<{ n: string }>(
          `SELECT count(*) AS n FROM audit_events WHERE subject = 'Report' AND action = 'render' AND subject_id = $1`,
          [id],
        )
      )[0].n,
    );

  /** One finished file: rendered once (one audit event), chunks 0..n-1, the download from `api` matching its checksum. */
  async function expectOneFile(api: ApiProcess, user: SignedInUser, id: string, timeoutMs = 120_000): Promise<Json> {
    const done = await awaitReport(api, user, id, ['succeeded'], timeoutMs);
    const seqs = await chunkSeqs(id);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    expect(await renderEvents(id)).toBe(1);
    const bytes = await downloadFile(api, user, id);
    expect(bytes.length).toBe(done.byteSize);
    expect(sha256(bytes)).toBe(done.checksumSha256);
    return done;
  }

  /** Holds every worker just before it writes a file: the reports it took stay `running`. */
  async function withFileWritesHeld<T>(work: () => Promise<T>): Promise<T> {
    const holder = await connect(suite.api.config.DATABASE_URL);
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE report_chunks IN SHARE MODE');
      return await work();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  }

  const reportStatuses = async (ids: string[]) =>
    query<{ id: string; status: string; attempts: number }>(
      `SELECT id, status, attempts FROM reports WHERE id = ANY($1::uuid[])`,
      [ids],
    );

  /** The reports a worker process logged as rendered, from its JSON log lines. */
  const renderedBy = (worker: AppProcess) =>
    worker
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"report rendered"'))
      .map((line) => (JSON.parse(line) as { reportId: string }).reportId);

  // ---------------------------------------------------------------------------------------------
  it('numbers 40 cases created at once over both APIs uniquely and without gaps, per region and year', async () => {
    const { companionA, companionB, villages } = suite.org;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => {
        const api = apis[index % 2];
        const year = index % 4 < 2 ? 2025 : 2026;
        const [user, village] = index % 8 < 4 ? [companionA, villages.a] : [companionB, villages.b];
        return api
          .http()
          .post('/api/v1/cases')
          .set(user.auth())
          .send(newCaseBody(village, { intakeDate: `${year}-03-02` }));
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const numbers = answers.map((answer) => answer.body.caseNumber as string);
    expect(new Set(numbers).size).toBe(40);
    expect(numbers.every((number) => /^(KPG|SOE)-(2025|2026)-\d{4}$/.test(number))).toBe(true);

    const groups = await numbering();
    // Two regions, two years, ten cases each, and each region-year's creations went to both APIs.
    expect(groups.map((group) => group.sequences.length).sort()).toEqual([10, 10, 10, 10]);
    expect(await expectGapFreeNumbers()).toBe(40);
  });

  // ---------------------------------------------------------------------------------------------
  it('answers the same report asked on both APIs with one request, rendered once', async () => {
    const { reviewer } = suite.org;
    const body = reportBody(2026, { level: 'organization' }, { format: 'pdf', locale: 'en', audience: 'internal' });
    const id = await withFileWritesHeld(async () => {
      // docs/reports.md: the same requester's identical request while one is queued or running is that request.
      const answers = await Promise.all(
        [0, 1, 0, 1, 0, 1].map((index) => apis[index].http().post(REPORTS).set(reviewer.auth()).send(body)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 202));
      const ids = new Set(answers.map((answer) => answer.body.id as string));
      expect(ids.size).toBe(1);
      const [only] = ids;
      expect(
        (await query<{ n: string }>(`SELECT count(*) AS n FROM reports WHERE requested_by = $1`, [reviewer.id]))[0].n,
      ).toBe('1');
      // Still held when it is asked for again: a worker has it, and it is the same request.
      await eventually('a worker to take the report', async () =>
        (await reportStatuses([only]))[0].status === 'running' ? true : undefined,
      );
      const again = await apis[1].http().post(REPORTS).set(reviewer.auth()).send(body).expect(202);
      expect(again.body.id).toBe(only);
      return only;
    });
    await expectOneFile(apis[0], reviewer, id);
    expect((await reportStatuses([id]))[0].attempts).toBe(1);
  });

  // ---------------------------------------------------------------------------------------------
  it('renders every queued report exactly once when one worker is killed while rendering', async () => {
    const { reviewer } = suite.org;
    const bodies = (['pdf', 'xlsx', 'csv'] as const).flatMap((format) =>
      (['id', 'en'] as const).map((locale) => reportBody(2025, { level: 'organization' }, { format, locale })),
    );
    const [victim, survivor] = workers;
    const ids = await withFileWritesHeld(async () => {
      const answers = await Promise.all(
        bodies.map((body, index) => apis[index % 2].http().post(REPORTS).set(reviewer.auth()).send(body).expect(202)),
      );
      const requested = answers.map((answer) => answer.body.id as string);
      expect(new Set(requested).size).toBe(bodies.length);
      // Each worker runs two report jobs at once (WORKER_CONCURRENCY): four running means both hold two.
      await eventually(
        'both workers to hold two reports each',
        async () => {
          const running = (await reportStatuses(requested)).filter((row) => row.status === 'running');
          return running.length === 4 ? true : undefined;
        },
        60_000,
      );
      await victim.kill9();
      return requested;
    });

    for (const id of ids) await expectOneFile(apis[1], reviewer, id);
    const rows = await reportStatuses(ids);
    // The two reports the killed worker held ran a second time (a positive control: it did hold work).
    expect(rows.filter((row) => row.attempts > 1).length).toBe(2);
    expect(rows.every((row) => row.attempts <= 2)).toBe(true);
    expect(renderedBy(victim).filter((id) => ids.includes(id))).toEqual([]);
    expect(new Set(renderedBy(survivor).filter((id) => ids.includes(id)))).toEqual(new Set(ids));
  });

  // ---------------------------------------------------------------------------------------------
  it('loses and doubles no case when one API is killed during a burst, the client retrying on the other', async () => {
    const { companionA, villages, regions } = suite.org;
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const burst = ids.map((id, index) => ({
      index,
      id,
      key: `scale-out-${randomUUID()}`,
      body: newCaseBody(villages.a, { id, intakeDate: '2026-05-04' }),
    }));
    const [doomed, other] = apis;
    const casesBefore = await expectGapFreeNumbers();
    const outcomes: { index: number; attempts: string[] }[] = [];
    const burstCount = async () =>
      Number((await query<{ n: string }>(`SELECT count(*) AS n FROM cases WHERE id = ANY($1::uuid[])`, [ids]))[0].n);

    /**
     * The offline outbox's rules (SPEC §12): the same id and the same Idempotency-Key until it is
     * delivered; a network error is retried, here on the other API; 409 idempotency-in-progress is
     * retried after a while.
     */
    const deliver = async (item: (typeof burst)[number]) => {
      const attempts: string[] = [];
      let api = apis[item.index % 2];
      for (let attempt = 0; attempt < 6; attempt++) {
        const answer = await api
          .http()
          .post('/api/v1/cases')
          .set(companionA.auth())
          .set('idempotency-key', item.key)
          .send(item.body)
          .then(
            (response) => response,
            () => undefined,
          );
        if (!answer) {
          attempts.push('network');
          api = other;
          continue;
        }
        const delivered = (answer.status === 201 || answer.status === 200) && answer.body.id === item.id;
        attempts.push(delivered ? String(answer.status) : `${answer.status} ${answer.body.type}`);
        if (answer.status !== 409 || answer.body.type !== problem('idempotency-in-progress')) break;
        // The claim of a request whose process died is taken over once it is older than two minutes
        // (ABANDONED_AFTER_MS in the idempotency interceptor); age it instead of waiting.
        await suite.dataSource.query(
          `UPDATE idempotency_keys SET created_at = created_at - interval '3 minutes'
            WHERE user_id = $1 AND key = $2 AND status IS NULL`,
          [companionA.id, item.key],
        );
      }
      outcomes.push({ index: item.index, attempts });
    };

    const holder = await connect(suite.api.config.DATABASE_URL);
    let delivering: Promise<void> | undefined;
    try {
      delivering = inLanes(burst, 6, deliver);
      await eventually('a few cases of the burst to be committed', async () =>
        (await burstCount()) >= 5 ? true : undefined,
      );
      // Creations in this region and year now wait on the case-number counter, inside their
      // transactions, their Idempotency-Key claims committed: the kill catches some mid-way.
      await holder.query('BEGIN');
      await holder.query(
        `SELECT last_sequence FROM case_number_counters WHERE organization_id = $1 AND region_id = $2 AND year = 2026 FOR UPDATE`,
        [suite.org.id, regions.a],
      );
      const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await eventually('creations on both APIs to wait on the counter', async () => {
        const { rows } = await holder.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
          [holderPid],
        );
        // Each API process queues its own creations of one counter and sends one at a time.
        return Number(rows[0].n) >= 2 ? true : undefined;
      });
      await doomed.kill9();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    await delivering;

    expect(outcomes).toHaveLength(burst.length);
    const interrupted = outcomes.filter((outcome) => outcome.attempts.includes('network'));
    // Positive controls: the kill cut requests off, and some left a claim behind that a retry found.
    expect(interrupted.length).toBeGreaterThan(0);
    expect(outcomes.some((outcome) => outcome.attempts.includes(`409 ${problem('idempotency-in-progress')}`))).toBe(
      true,
    );
    // Every record ends delivered: created now, or found delivered already (its id, SPEC §12).
    for (const outcome of outcomes) expect(['201', '200']).toContain(outcome.attempts.at(-1));

    expect(await burstCount()).toBe(burst.length);
    const rows = await query<{ id: string; n: string }>(
      `SELECT id, count(*) AS n FROM cases WHERE id = ANY($1::uuid[]) GROUP BY id`,
      [ids],
    );
    expect(rows.every((row) => row.n === '1')).toBe(true);
    expect(await expectGapFreeNumbers()).toBe(casesBefore + burst.length);
    // The surviving API still answers.
    await other.http().get('/health/ready').expect(200);
  });
});
