import { randomBytes } from 'node:crypto';
import { quoteIdentifier, withAdminClient } from './admin-client';
import { baseTestEnv, databaseUrl, suiteDatabasePrefix, templateDatabase } from './test-env';

export interface SuiteDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A database of the suite's own: a clone of the migrated template, or an empty one. */
export async function createSuiteDatabase(options: { empty?: boolean } = {}): Promise<SuiteDatabase> {
  const name = `${suiteDatabasePrefix()}${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : templateDatabase();
  await withAdminClient((admin) =>
    admin.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`),
  );
  return {
    name,
    url: databaseUrl(baseTestEnv().DATABASE_URL!, name),
    drop: () =>
      withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
