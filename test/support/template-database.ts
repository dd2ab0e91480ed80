import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@pendamping/core';
import { quoteIdentifier, withAdminClient } from './admin-client';
import { baseTestEnv, databaseUrl, templateDatabase } from './test-env';
import { FULL_SCHEMA } from '@pendamping/migrations/schema';

/** Migrates this run's template database; every suite clones it (CREATE DATABASE … TEMPLATE …). */
export async function prepareTemplateDatabase(): Promise<void> {
  const templateName = templateDatabase();
  await withAdminClient((admin) => admin.query(`CREATE DATABASE ${quoteIdentifier(templateName)}`));
  const template = new DataSource(
    dataSourceOptions(databaseUrl(baseTestEnv().DATABASE_URL!, templateName), FULL_SCHEMA, 2),
  );
  await template.initialize();
  try {
    await template.runMigrations({ transaction: 'each' });
  } finally {
    await template.destroy();
  }
  await withAdminClient((admin) => admin.query(`ALTER DATABASE ${quoteIdentifier(templateName)} IS_TEMPLATE true`));
}
