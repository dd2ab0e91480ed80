import type { DataSourceOptions } from 'typeorm';
import { PreparingClient } from './prepared-statements';

export const MIGRATIONS_TABLE = 'migrations';

/**
 * What one process's DataSource maps: the entities of the libraries it uses, and the migrations it
 * knows (the API's readiness check names those the database has not applied). The plumbing names
 * no table of the domain it serves; each app, the migration CLI and the tests compose their own.
 */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** The single DataSource definition: the apps, the migration CLI and the tests use it with their schema. */
export function dataSourceOptions(databaseUrl: string, schema: DatabaseSchema, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // A burst (a group syncing its offline captures) queues for a connection rather than failing;
    // past this wait the API answers 503 with Retry-After.
    // PreparingClient sends the statements marked `prepared` by name (prepared-statements.ts).
    extra: { max: poolSize, connectionTimeoutMillis: 15_000, application_name: 'pendamping', Client: PreparingClient },
  };
}
