import { dataSourceOptions, loadDotEnv } from '@pendamping/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FULL_SCHEMA } from '@pendamping/migrations/schema';

/** A benchmark's own database beside the configured one, migrated; `drop` removes it. */
export interface BenchDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * The benchmarks measure in a database of their own (`pendamping_bench_<pid>`) on the server of
 * `.env`'s DATABASE_URL, so a run never touches the demo data and a crashed run leaves a name that
 * says what it was.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  loadDotEnv();
  if (!process.env.DATABASE_URL)
    throw new Error("DATABASE_URL is not set: run the README's setup first (it writes .env), or set it.");
  const base = new URL(process.env.DATABASE_URL);
  const database = `pendamping_bench_${process.pid}`;
  const admin = new Client({ connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  };
  const url = Object.assign(new URL(base), { pathname: `/${database}` }).toString();
  try {
    const migrator = await new DataSource(dataSourceOptions(url, FULL_SCHEMA, 2)).initialize();
    await migrator.runMigrations();
    await migrator.destroy();
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}
