import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { AuditWriter, buildAbility, OrganizationsService, applyRowScope } from '@pendamping/auth';
import { ActorLoader } from '@pendamping/auth/permissions/actor-loader';
import { CaseStatCompaction } from '@pendamping/cases/cases/case-stat-compaction';
import { computeReportFigures } from '@pendamping/cases/reports/report-figures';
import { renderPdf } from '@pendamping/cases/reports/render/pdf-report';
import { dataSourceOptions, loadDotEnv } from '@pendamping/core';
import { SyntheticCases } from '../apps/cli/src/generate/synthetic-cases';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FULL_SCHEMA } from '@pendamping/migrations/schema';

/**
 * Prints, for 10,000 and 100,000 generated cases, what an organisation-wide annual report costs:
 * its wall time (figures in SQL, then the PDF) ÷ the time of the SQL aggregation alone (goal ≤
 * 1.5), the rendering process's peak RSS at 100k ÷ at 10k (goal ≤ 1.2: memory stays flat as data
 * grows), and PDF pages per second. Each size runs in a child process of its own, so its peak RSS
 * is its own. Ratios are measured in one run; nothing here is a test.
 */
const SIZES = [10_000, 100_000];
const ROUNDS = 3;

interface ChildResult {
  sqlMs: number;
  totalMs: number;
  pages: number;
  renderMs: number;
  peakRssMb: number;
}

/** A discarding sink: the benchmark measures producing the file, not storing it. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function child(url: string, organizationId: string, reviewerId: string): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(url, FULL_SCHEMA, 4)).initialize();
  const actor = await new ActorLoader(dataSource).loadForJob(reviewerId, organizationId);
  if (!actor) throw new Error('no reviewer');
  const ability = buildAbility(actor);
  const year = new Date().getFullYear();
  const figures = () =>
    dataSource.transaction('REPEATABLE READ', (manager) =>
      computeReportFigures(manager, {
        organizationId,
        scope: { level: 'organization', id: null },
        year,
        audience: 'internal',
        locale: 'id',
        caseScope: (query) => applyRowScope(query, ability, 'report', 'Case', 'row'),
      }),
    );
  // A worker renders many reports: measure it warm, as it runs, not the first render after start.
  await renderPdf(await figures(), discard(), { threshold: 5 });
  const results: ChildResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const sqlStarted = performance.now();
    await figures();
    const sqlMs = performance.now() - sqlStarted;
    const started = performance.now();
    const computed = await figures();
    const renderStarted = performance.now();
    const { pages } = await renderPdf(computed, discard(), { threshold: 5 });
    const ended = performance.now();
    results.push({ sqlMs, totalMs: ended - started, pages, renderMs: ended - renderStarted, peakRssMb: 0 });
  }
  await dataSource.destroy();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const result: ChildResult = {
    sqlMs: median(results.map((r) => r.sqlMs)),
    totalMs: median(results.map((r) => r.totalMs)),
    pages: results[0].pages,
    renderMs: median(results.map((r) => r.renderMs)),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function setUp(url: string): Promise<{ organizationId: string; reviewerId: string }> {
  const dataSource = await new DataSource(dataSourceOptions(url, FULL_SCHEMA, 4)).initialize();
  await dataSource.runMigrations();
  const audit = new AuditWriter(Buffer.alloc(32, 7));
  const organizations = new OrganizationsService(dataSource, audit);
  const { organizationId } = await organizations.create({
    name: 'Benchmark',
    adminEmail: `bench-${process.pid}@example.test`,
    adminName: 'Bench',
    adminPassword: 'pohon-lontar-di-rote-2026',
  });
  const [{ id: reviewerId }] = await dataSource.query(
    `INSERT INTO users (organization_id, email, name, role, password_hash, version) VALUES ($1, $2, 'Reviewer', 'reviewer', 'x', 1) RETURNING id`,
    [organizationId, `reviewer-${process.pid}@example.test`],
  );
  for (const [index, code] of ['KPG', 'SOE'].entries()) {
    const [{ id: regionId }] = await dataSource.query(
      `INSERT INTO regions (organization_id, name, code, time_zone, version) VALUES ($1, $2, $3, 'Asia/Makassar', 1) RETURNING id`,
      [organizationId, `Region ${index}`, code],
    );
    for (let v = 0; v < 6; v++) {
      const [{ id: villageId }] = await dataSource.query(
        `INSERT INTO villages (organization_id, region_id, name, version) VALUES ($1, $2, $3, 1) RETURNING id`,
        [organizationId, regionId, `Desa ${code}-${v}`],
      );
      const [{ id: groupId }] = await dataSource.query(
        `INSERT INTO groups (organization_id, region_id, village_id, name, version) VALUES ($1, $2, $3, $4, 1) RETURNING id`,
        [organizationId, regionId, villageId, `Kelompok ${code}-${v}`],
      );
      const [{ id: userId }] = await dataSource.query(
        `INSERT INTO users (organization_id, email, name, role, password_hash, version) VALUES ($1, $2, 'Pendamping', 'companion', 'x', 1) RETURNING id`,
        [organizationId, `companion-${code}-${v}-${process.pid}@example.test`],
      );
      await dataSource.query(`INSERT INTO user_groups (organization_id, user_id, group_id) VALUES ($1, $2, $3)`, [
        organizationId,
        userId,
        groupId,
      ]);
    }
  }
  await dataSource.destroy();
  return { organizationId, reviewerId };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4], process.argv[5]);
  loadDotEnv();
  const base = new URL(process.env.DATABASE_URL ?? '');
  const database = `pendamping_bench_reports_${process.pid}`;
  const admin = new Client({ connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = Object.assign(new URL(base), { pathname: `/${database}` }).toString();
  try {
    const { organizationId, reviewerId } = await setUp(url);
    const results: { size: number; result: ChildResult }[] = [];
    let generated = 0;
    for (const size of SIZES) {
      const dataSource = await new DataSource(dataSourceOptions(url, FULL_SCHEMA, 4)).initialize();
      await new SyntheticCases(
        dataSource,
        new AuditWriter(Buffer.alloc(32, 7)),
        new CaseStatCompaction(dataSource),
      ).generate(organizationId, size - generated);
      await dataSource.query('VACUUM ANALYZE');
      await dataSource.destroy();
      generated = size;
      const output = execFileSync(process.execPath, [__filename, '--child', url, organizationId, reviewerId], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      results.push({ size, result: JSON.parse(output.trim().split('\n').pop() ?? '{}') as ChildResult });
    }
    for (const { size, result } of results) {
      process.stdout.write(
        `${size.toLocaleString('en')} cases: SQL ${result.sqlMs.toFixed(0)} ms, report ${result.totalMs.toFixed(0)} ms, ` +
          `report ÷ SQL ${(result.totalMs / result.sqlMs).toFixed(2)} (goal ≤ 1.5), ${result.pages} pages at ${((result.pages * 1000) / result.renderMs).toFixed(1)} pages/s, ` +
          `peak RSS ${result.peakRssMb.toFixed(0)} MB\n`,
      );
    }
    const [small, large] = results;
    process.stdout.write(
      `peak RSS at ${large.size.toLocaleString('en')} ÷ at ${small.size.toLocaleString('en')}: ${(large.result.peakRssMb / small.result.peakRssMb).toFixed(2)} (goal ≤ 1.2)\n`,
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
