import { quoteIdentifier, withAdminClient } from './admin-client';
import { suiteDatabasePrefix, templateDatabase } from './test-env';

/** Suites drop their own databases; this drops what a crashed suite of this run left, and the template. */
export default async function globalTeardown(): Promise<void> {
  await withAdminClient(async (admin) => {
    const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${suiteDatabasePrefix()}%`]);
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
    await admin.query(`ALTER DATABASE ${quoteIdentifier(templateDatabase())} IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(templateDatabase())} WITH (FORCE)`);
  });
}
