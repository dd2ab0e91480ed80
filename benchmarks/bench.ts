import 'reflect-metadata';
import { createLogger, loadConfig } from '@pendamping/core';
import { createApiApp } from '@pendamping/api/api-app';
import autocannon from 'autocannon';
import { Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createBenchDatabase } from './bench-database';
import { runEntry, startServer } from './bench-processes';
import { caseLists, checkPlans, PlanCheck, recordListStatements, textPlans } from './case-lists';
import { firstSession, passwordSession, renewedSession } from './first-sign-in';
import { enqueueToStart, reportRender, startWorker } from './report-costs';
import type { ReportRenderFigures } from './report-render-child';
import { replay, Statement, statementRecorder } from './sql-replay';

/**
 * `npm run bench`: the hot paths side by side with their references, same host, same
 * concurrency, in one run (docs/benchmarks.md). HTTP by autocannon against the built API in
 * processes of its own; SQL by a pg loop of prepared statements. Each figure is the median of
 * `--runs` rounds, printed with its min and max, each ratio with its goal.
 */
const DEMO_PASSWORD = 'kopi-sore-di-oesao-2026';
const COORDINATOR = 'koordinator.kupang@demo.pendamping.local';
const COMPANION = 'pendamping.oesao@demo.pendamping.local';
const REVIEWER = 'reviewer@demo.pendamping.local';
/** Report requests per run whose enqueue → start delays make one p95. */
const QUEUE_SAMPLES = 20;

const wholeNumber = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('a whole number from 1');
  return number;
};
const options = new Command('bench')
  .option('--cases <n>', 'synthetic cases generated before measuring', wholeNumber, 10_000)
  .option('--duration <seconds>', 'length of each measurement', wholeNumber, 5)
  .option('--runs <n>', 'rounds; figures are their median', wholeNumber, 3)
  .option('--connections <n>', 'concurrent connections, HTTP and SQL alike', wholeNumber, 10)
  .option('--large-cases <n>', 'R3: cases the organisation grows to before the lists are measured again', wholeNumber)
  .option('--plans <file>', "R3: write the lists' EXPLAIN (ANALYZE, BUFFERS) at the last size to this file")
  .parse()
  .opts<{
    cases: number;
    duration: number;
    runs: number;
    connections: number;
    largeCases?: number;
    plans?: string;
  }>();

interface Figure {
  perSecond: number;
  p50: number;
  p99: number;
}

async function http(
  url: string,
  headers: Record<string, string> = {},
  connections = options.connections,
): Promise<Figure> {
  const result = await autocannon({ url, headers, connections, duration: options.duration });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
const spread = (values: number[], digits = 0) =>
  `${median(values).toFixed(digits)} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`;

async function main(): Promise<void> {
  const { url, drop } = await createBenchDatabase();
  const env = { ...process.env, DATABASE_URL: url, REDIS_KEY_PREFIX: `bench-${process.pid}` };
  const servers: { stop: () => Promise<void> }[] = [];
  try {
    const generating = Date.now();
    await runEntry('apps/cli/src/main.ts', ['generate', '--cases', String(options.cases)], env);
    process.stdout.write(
      `generated ${options.cases} cases (and ANALYZE) in ${((Date.now() - generating) / 1000).toFixed(1)} s\n`,
    );

    // One process signs in and records the statements of one read of a sealed demo case.
    const app = await createApiApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), createLogger('silent'));
    const fastify = app.getHttpAdapter().getInstance();
    let coordinator = await firstSession(fastify, COORDINATOR, DEMO_PASSWORD);
    const headers = coordinator.headers;
    const dataSource = app.get(DataSource);
    const [{ id: caseId }] = await dataSource.query(
      `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id
        WHERE r.code = 'KPG' AND c.survivor_name IS NOT NULL AND NOT c.restricted
        ORDER BY (SELECT count(*) FROM case_perpetrators p WHERE p.case_id = c.id) DESC, c.id LIMIT 1`,
    );
    const casePath = `/api/v1/cases/${caseId}`;
    const [{ id: reviewerId, organization_id: organizationId }] = await dataSource.query(
      `SELECT id, organization_id FROM users WHERE email = $1`,
      [REVIEWER],
    );
    const [{ id: kupangId }] = await dataSource.query(`SELECT id FROM regions WHERE code = 'KPG'`);
    await fastify.inject({ method: 'GET', url: casePath, headers });
    const recorder = statementRecorder();
    const logger = dataSource.logger;
    Object.assign(dataSource, { logger: recorder.logger });
    const recorded = await fastify.inject({ method: 'GET', url: casePath, headers });
    Object.assign(dataSource, { logger });
    if (recorded.statusCode !== 200) throw new Error(`GET ${casePath} answered ${recorded.statusCode}`);
    const statements = recorder.statements;
    // R3: the statements that read each list's first page, to EXPLAIN at every size.
    const lists = await caseLists(dataSource);
    const companionLogin = await fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: COMPANION, password: DEMO_PASSWORD },
    });
    const companionHeaders = { authorization: `Bearer ${companionLogin.json().accessToken}` };
    const listStatements: Record<string, Statement[]> = {};
    for (const list of lists)
      listStatements[list.name] = await recordListStatements(
        fastify,
        dataSource,
        list.path,
        list.asCompanion ? companionHeaders : headers,
      );
    await app.close();
    process.stdout.write(`GET /cases/:id sends ${statements.length} statements (transaction included)\n`);

    const bare = await startServer('benchmarks/bare-server.ts', [], env);
    const api = await startServer('benchmarks/api-server.ts', [], env);
    const noAudit = await startServer('benchmarks/api-server.ts', ['--without', 'audit'], env);
    const noEncryption = await startServer('benchmarks/api-server.ts', ['--without', 'encryption'], env);
    servers.push(bare, api, noAudit, noEncryption);

    const rounds: Record<string, Figure[]> = {};
    const measure = async (name: string, run: () => Promise<Figure>) => (rounds[name] ??= []).push(await run());
    const auth = headers;
    for (let round = 0; round < options.runs; round++) {
      await measure('bare /health/live', () => http(`${bare.url}/health/live`));
      await measure('API /health/live', () => http(`${api.url}/health/live`));
      await measure('SQL of GET /cases/:id', () => replay(url, statements, options.connections, options.duration));
      await measure('API GET /cases/:id', () => http(`${api.url}${casePath}`, auth));
      await measure('API GET /cases/:id, audit off', () => http(`${noAudit.url}${casePath}`, auth));
      await measure('API GET /cases/:id, encryption off', () => http(`${noEncryption.url}${casePath}`, auth));
      await measure('API GET /stats/summary', () => http(`${api.url}/api/v1/stats/summary`, auth));
      await measure('API GET /stats/summary, 1 connection', () => http(`${api.url}/api/v1/stats/summary`, auth, 1));
    }

    // R3: every list's first page at 1 connection (its latency, not queueing behind other
    // requests), at --cases and again once the organisation has grown to --large-cases.
    const sizes = [options.cases];
    if (options.largeCases && options.largeCases > options.cases) sizes.push(options.largeCases);
    const listP50s: Record<string, number[]>[] = [];
    const listPlans: Record<string, PlanCheck>[] = [];
    const reportRuns: ReportRenderFigures[][] = [];
    const queueP95s: number[] = [];
    const sql = new Client({ connectionString: url });
    await sql.connect();
    try {
      for (const [index, size] of sizes.entries()) {
        if (index > 0) {
          const growing = Date.now();
          await runEntry('apps/cli/src/main.ts', ['generate', '--cases', String(size - sizes[0])], env);
          process.stdout.write(
            `grew to ${size} cases (and ANALYZE) in ${((Date.now() - growing) / 1000).toFixed(1)} s\n`,
          );
        }
        // The database settled as it is between bulk loads in production: no autovacuum of the
        // rows just written and no checkpoint of them running under the measurement.
        await sql.query('VACUUM');
        await sql.query('CHECKPOINT');
        coordinator = await renewedSession(api.url, coordinator, COORDINATOR);
        const companion = await passwordSession(api.url, COMPANION, DEMO_PASSWORD);
        const p50s: Record<string, number[]> = {};
        const plans: Record<string, PlanCheck> = {};
        for (const list of lists) {
          const auth = (list.asCompanion ? companion : coordinator).headers;
          for (let round = 0; round < options.runs; round++)
            (p50s[list.name] ??= []).push((await http(`${api.url}${list.path}`, auth, 1)).p50);
          plans[list.name] = await checkPlans(sql, listStatements[list.name]);
        }
        listP50s.push(p50s);
        listPlans.push(plans);
        // An organisation-wide report as the demo reviewer, its RSS its own process's.
        const renders: ReportRenderFigures[] = [];
        for (let round = 0; round < options.runs; round++)
          renders.push(await reportRender(env, organizationId, reviewerId));
        reportRuns.push(renders);
      }
      // Enqueue → start at the last size: the coordinator's report of her region, through the API
      // and Redis to a worker started as production starts it.
      const worker = await startWorker(env);
      coordinator = await renewedSession(api.url, coordinator, COORDINATOR);
      servers.push(worker);
      const year = new Date().getFullYear();
      const askReport = async () => {
        const answer = await fetch(`${api.url}/api/v1/reports`, {
          method: 'POST',
          headers: { ...coordinator.headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'annual_evaluation',
            year,
            scope: { level: 'region', id: kupangId },
            format: 'csv',
          }),
        });
        if (answer.status !== 202) throw new Error(`POST /reports answered ${answer.status}`);
        return ((await answer.json()) as { id: string }).id;
      };
      for (let round = 0; round < options.runs; round++)
        queueP95s.push(p95(await enqueueToStart(sql, askReport, QUEUE_SAMPLES)));
      if (options.plans) {
        const texts: string[] = [];
        for (const list of lists)
          texts.push(`-- ${list.name}: GET ${list.path}\n${await textPlans(sql, listStatements[list.name])}`);
        writeFileSync(options.plans, `${texts.join('\n\n')}\n`);
      }
    } finally {
      await sql.end();
    }

    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(
      `\n${options.cases} cases, ${options.connections} connections, ${options.runs} runs × ${options.duration} s; median (min, max)`,
    );
    for (const [name, figures] of Object.entries(rounds))
      out(
        `  ${name.padEnd(36)} ${spread(figures.map((f) => f.perSecond)).padEnd(34)} /s   p50 ${spread(
          figures.map((f) => f.p50),
          1,
        )} ms   p99 ${spread(
          figures.map((f) => f.p99),
          1,
        )} ms`,
      );
    const ratio = (name: string, over: string, pick: (figure: Figure) => number, goal: string) => {
      const values = rounds[name].map((figure, index) => pick(figure) / pick(rounds[over][index]));
      out(`  ${name} ÷ ${over}: ${spread(values, 2)}   goal ${goal}`);
    };
    out('\nratios (per round, then median)');
    ratio('API /health/live', 'bare /health/live', (f) => f.perSecond, '≥ 0.85 (R1)');
    ratio('API GET /cases/:id', 'SQL of GET /cases/:id', (f) => f.perSecond, '≥ 0.5 (R2 throughput)');
    ratio('API GET /cases/:id', 'SQL of GET /cases/:id', (f) => f.p99, '≤ 3 (R2 p99)');
    ratio('API GET /cases/:id', 'API GET /cases/:id, audit off', (f) => f.perSecond, '≥ 0.8 (R4 audit on ÷ off)');
    ratio(
      'API GET /cases/:id',
      'API GET /cases/:id, encryption off',
      (f) => f.perSecond,
      '≥ 0.9 (R5 encryption on ÷ off)',
    );
    for (const name of ['API GET /stats/summary', 'API GET /stats/summary, 1 connection'])
      out(
        `  ${name} p50: ${spread(
          rounds[name].map((f) => f.p50),
          1,
        )} ms at ${options.cases} cases   goal ≤ 50 ms at 1M`,
      );
    const last = sizes.length - 1;
    out(
      `\nR3 GET /cases?limit=50 p50 at 1 connection (${options.runs} runs × ${options.duration} s), ${sizes.join(' → ')} cases`,
    );
    for (const list of lists) {
      const p50s = listP50s.map((bySize) => bySize[list.name]);
      const plan = listPlans[last][list.name];
      const figures = p50s.map((values) => `${spread(values, 1)} ms`).join(' → ');
      const ratio =
        last > 0
          ? `ratio ${spread(
              p50s[last].map((value, round) => value / p50s[0][round]),
              2,
            )}   goal ≤ 1.5 (R3)`
          : 'ratio needs --large-cases (R3)';
      out(`  ${list.name.padEnd(22)} ${figures}   ${ratio}`);
      out(
        `    plan at ${sizes[last]}: ${[...new Set(plan.access)].join(', ')}; ${plan.casesRowsRead} cases rows read, ${plan.executionMs.toFixed(
          2,
        )} ms; ${plan.flags.length ? `FLAGGED: ${plan.flags.join('; ')}` : 'no sequential or whole-organisation scan'}`,
      );
    }
    out(`\nreports: an organisation-wide PDF as the demo reviewer, a process of its own per run`);
    for (const [index, size] of sizes.entries()) {
      const renders = reportRuns[index];
      out(
        `  at ${size} cases: SQL ${spread(renders.map((r) => r.sqlMs))} ms, report ${spread(
          renders.map((r) => r.reportMs),
        )} ms, ${renders[0].pages} pages, peak RSS ${spread(renders.map((r) => r.peakRssMb))} MB`,
      );
      out(
        `    report ÷ SQL at ${size}: ${spread(
          renders.map((r) => r.reportMs / r.sqlMs),
          2,
        )}   goal ≤ 1.5 (report ÷ SQL)`,
      );
    }
    out(
      last > 0
        ? `  peak RSS at ${sizes[last]} ÷ at ${sizes[0]}: ${spread(
            reportRuns[last].map((r, round) => r.peakRssMb / reportRuns[0][round].peakRssMb),
            2,
          )}   goal ≤ 1.2 (report RSS)`
        : '  peak RSS ratio needs --large-cases (report RSS)',
    );
    out(
      `  enqueue → start p95 of ${QUEUE_SAMPLES} requests at ${sizes[last]} cases: ${spread(queueP95s, 1)} ms   goal < 1000 ms (enqueue → start)`,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
