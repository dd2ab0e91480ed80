import { performance } from 'node:perf_hooks';
import { randomBytes, randomInt } from 'node:crypto';
import { AUDIT_LANES } from '@pendamping/auth';
import { Client } from 'pg';
import { Logger, QueryRunner } from 'typeorm';

export interface Statement {
  text: string;
  values: unknown[];
}

/** A TypeORM logger that keeps every statement a request sends, in order, with its parameters. */
export function statementRecorder(): { logger: Logger; statements: Statement[] } {
  const statements: Statement[] = [];
  const ignore = () => undefined;
  return {
    statements,
    logger: {
      logQuery: (text: string, values?: unknown[], _runner?: QueryRunner) =>
        statements.push({ text, values: values ?? [] }),
      logQueryError: ignore,
      logQuerySlow: ignore,
      logSchemaBuild: ignore,
      logMigration: ignore,
      log: ignore,
    },
  };
}

const LOCK_HEAD = 'UPDATE audit_lane_heads SET seq = audit_lane_heads.seq';
const APPEND = 'INSERT INTO audit_events';

/**
 * R2's reference: the statements of one request sent again by `connections` clients for
 * `seconds`, as named prepared statements, each round in its own transaction as the API runs
 * it. The audit append takes the lane head the lock returned (and a random lane, as the writer
 * does), so each round appends a real event and commits it.
 */
export async function replay(url: string, statements: Statement[], connections: number, seconds: number) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const lane = randomInt(AUDIT_LANES);
        let headSeq = 0n;
        for (const [index, statement] of statements.entries()) {
          const values = [...statement.values];
          if (statement.text.includes(LOCK_HEAD)) values[1] = lane;
          if (statement.text.includes(APPEND)) {
            values[1] = lane;
            values[2] = String(headSeq + 1n);
            values[3] = new Date();
            values[14] = randomBytes(32).toString('hex');
          }
          const result = await client.query({ name: `s${index}`, text: statement.text, values });
          if (statement.text.includes(LOCK_HEAD)) headSeq = BigInt((result.rows[0] as { seq: string }).seq);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  await Promise.all(clients.map((client) => client.end()));
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))];
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}
