import 'reflect-metadata';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { applyRowScope, buildAbility } from '@pendamping/auth';
import { ActorLoader } from '@pendamping/auth/permissions/actor-loader';
import { computeReportFigures } from '@pendamping/cases/reports/report-figures';
import { renderPdf } from '@pendamping/cases/reports/render/pdf-report';
import { dataSourceOptions } from '@pendamping/core';
import { FULL_SCHEMA } from '@pendamping/migrations/schema';
import { DataSource } from 'typeorm';

/**
 * One measurement of an organisation-wide annual report for `npm run bench`, in a process of its
 * own so that its peak RSS is the report's: the SQL aggregation alone, then the whole report
 * (the same aggregation, then the PDF). Warm, as a worker that renders many reports runs it.
 * Prints one line of JSON. Arguments: database URL, organisation id, requesting user's id.
 */
export interface ReportRenderFigures {
  sqlMs: number;
  reportMs: number;
  pages: number;
  peakRssMb: number;
}

/** A discarding sink: the benchmark measures producing the file, not storing it. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function main(): Promise<void> {
  const [url, organizationId, requesterId] = process.argv.slice(2);
  const dataSource = await new DataSource(dataSourceOptions(url, FULL_SCHEMA, 4)).initialize();
  const actor = await new ActorLoader(dataSource).loadForJob(requesterId, organizationId);
  if (!actor) throw new Error('the requester is not in the organisation');
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
  await renderPdf(await figures(), discard(), { threshold: 5 });
  const sqlStarted = performance.now();
  await figures();
  const sqlMs = performance.now() - sqlStarted;
  const reportStarted = performance.now();
  const { pages } = await renderPdf(await figures(), discard(), { threshold: 5 });
  const reportMs = performance.now() - reportStarted;
  await dataSource.destroy();
  const result: ReportRenderFigures = { sqlMs, reportMs, pages, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
