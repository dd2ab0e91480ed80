import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@pendamping/core';
import { quoteIdentifier, withAdminClient } from './admin-client';
import { baseTestEnv, databaseUrl, SUITE_DATABASE_PREFIX, TEMPLATE_DATABASE } from './test-env';

/** Migrates one template database; every suite clones it (CREATE DATABASE … TEMPLATE …). */
export async function prepareTemplateDatabase(): Promise<void> {
  await withAdminClient(async (admin) => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
        WHERE (datname LIKE $1 OR datname = $2)
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      [`${SUITE_DATABASE_PREFIX}%`, TEMPLATE_DATABASE],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`ALTER DATABASE ${quoteIdentifier(datname)} IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)}`);
    }
    await admin.query(`CREATE DATABASE ${quoteIdentifier(TEMPLATE_DATABASE)}`);
  });
  const template = new DataSource(dataSourceOptions(databaseUrl(baseTestEnv().DATABASE_URL!, TEMPLATE_DATABASE), 2));
  await template.initialize();
  try {
    await template.runMigrations({ transaction: 'each' });
  } finally {
    await template.destroy();
  }
  await withAdminClient((admin) => admin.query(`ALTER DATABASE ${quoteIdentifier(TEMPLATE_DATABASE)} IS_TEMPLATE true`));
}
