import { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from './data-source-options';

/** Names of the migrations the code knows that the database has not applied. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const tableExists = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [MIGRATIONS_TABLE]);
  const applied = new Set<string>(
    tableExists[0]?.present
      ? (await dataSource.query(`SELECT name FROM "${MIGRATIONS_TABLE}"`)).map((row: { name: string }) => row.name)
      : [],
  );
  return dataSource.migrations
    .map((migration) => migration.name ?? migration.constructor.name)
    .filter((name) => !applied.has(name));
}
