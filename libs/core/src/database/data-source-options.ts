import type { DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema';

export const MIGRATIONS_TABLE = 'migrations';

/** The single DataSource definition: the app, the worker, the CLI, the migration CLI and the tests use it. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // A burst (a group syncing its offline captures) queues for a connection rather than failing;
    // past this wait the API answers 503 with Retry-After.
    extra: { max: poolSize, connectionTimeoutMillis: 15_000, application_name: 'pendamping' },
  };
}
