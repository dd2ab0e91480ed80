import { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startEntry } from './bench-processes';
import type { ReportRenderFigures } from './report-render-child';

/**
 * An organisation-wide report measured in a process of its own (report-render-child.ts), so that
 * its peak RSS is the report's alone.
 */
export async function reportRender(
  env: NodeJS.ProcessEnv,
  organizationId: string,
  requesterId: string,
): Promise<ReportRenderFigures> {
  const child = startEntry(
    'benchmarks/report-render-child.ts',
    [env.DATABASE_URL ?? '', organizationId, requesterId],
    env,
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`the report render exited with ${code}`);
  return JSON.parse(output.trim().split('\n').pop() ?? '') as ReportRenderFigures;
}

/**
 * The worker as production starts it, once it logged that it started (its queues are consumed);
 * at `info`, the level that log line needs whatever the environment says.
 */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<{ stop: () => Promise<void> }> {
  const child: ChildProcess = startEntry('apps/worker/src/main.ts', [], { ...env, LOG_LEVEL: 'info' });
  await new Promise<void>((ready, fail) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes('"worker started"')) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      ready();
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => fail(new Error(`the worker exited with ${code} before it started`)));
  });
  return {
    stop: () =>
      new Promise<void>((done) => (child.exitCode !== null ? done() : (child.on('exit', () => done()), child.kill()))),
  };
}

/**
 * Milliseconds from a report request's commit (its `created_at`) to a worker's claim of it
 * (`started_at`), both PostgreSQL's clock, for `samples` requests asked one after the other, each
 * once the previous one finished: the queue's own delay, not a wait behind other reports.
 */
export async function enqueueToStart(sql: Client, request: () => Promise<string>, samples: number): Promise<number[]> {
  const delays: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const id = await request();
    for (;;) {
      const {
        rows: [report],
      } = await sql.query<{ status: string; delay_ms: number | null }>(
        `SELECT status, extract(epoch FROM started_at - created_at) * 1000 AS delay_ms FROM reports WHERE id = $1`,
        [id],
      );
      if (report.status === 'failed') throw new Error(`report ${id} failed`);
      if (report.status === 'succeeded') {
        delays.push(Number(report.delay_ms));
        break;
      }
      await sleep(20);
    }
  }
  return delays;
}
