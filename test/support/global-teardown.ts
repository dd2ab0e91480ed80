import { quoteIdentifier, withAdminClient } from './admin-client';
import { SUITE_DATABASE_PREFIX } from './test-env';

/** Suites drop their own databases; this catches the ones a crashed suite left behind. */
export default async function globalTeardown(): Promise<void> {
  await withAdminClient(async (admin) => {
    const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${SUITE_DATABASE_PREFIX}%`]);
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
  });
}
