import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { AuditWriter, OrganizationsService } from '@pendamping/auth';
import { createLogger, loadConfig } from '@pendamping/core';
import { createApiApp } from '@pendamping/api/api-app';
import { createBenchDatabase } from './bench-database';
import { firstSignIn } from './first-sign-in';

/**
 * Prints the cost of the audit log on a read request: throughput of GET /api/v1/regions (a list,
 * which writes one chained audit event in its transaction) with the audit writer on and off, in
 * one process, alternating rounds so machine noise hits both alike. Goal: on ÷ off ≥ 0.8.
 */
const ROUNDS = 6;
const REQUESTS_PER_ROUND = 300;
const PASSWORD = 'pohon-lontar-di-rote-2026';

async function main(): Promise<void> {
  const { url, drop } = await createBenchDatabase();
  try {
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      REDIS_KEY_PREFIX: `bench-${process.pid}`,
    });
    const app = await createApiApp(config, createLogger('silent'));
    const fastify = app.getHttpAdapter().getInstance();
    const email = `bench-${process.pid}@example.test`;
    await app
      .get(OrganizationsService)
      .create({ name: 'Benchmark', adminEmail: email, adminName: 'Bench', adminPassword: PASSWORD });
    const headers = await firstSignIn(fastify, email, PASSWORD);
    for (let i = 0; i < 20; i++)
      await fastify.inject({
        method: 'POST',
        url: '/api/v1/regions',
        headers,
        payload: { name: `Region ${i}`, code: `R${String.fromCharCode(65 + i)}` },
      });

    const writer = app.get(AuditWriter);
    const auditedRead = writer.recordRead.bind(writer);
    const run = async (audited: boolean) => {
      writer.recordRead = audited ? auditedRead : async () => undefined;
      const started = performance.now();
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const response = await fastify.inject({ method: 'GET', url: '/api/v1/regions?limit=20', headers });
        if (response.statusCode !== 200) throw new Error(`unexpected status ${response.statusCode}`);
      }
      return REQUESTS_PER_ROUND / ((performance.now() - started) / 1000);
    };
    await run(true);
    await run(false);
    const on: number[] = [];
    const off: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      on.push(await run(true));
      off.push(await run(false));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    process.stdout.write(
      `audit overhead on GET /api/v1/regions (${ROUNDS} rounds × ${REQUESTS_PER_ROUND} requests, median):\n` +
        `  audit on   ${median(on).toFixed(0)} req/s\n  audit off  ${median(off).toFixed(0)} req/s\n` +
        `  on ÷ off   ${(median(on) / median(off)).toFixed(2)} (goal ≥ 0.80)\n`,
    );
    await app.close();
  } finally {
    await drop();
  }
}

void main();
