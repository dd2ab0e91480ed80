import { dataSourceOptions } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { FULL_SCHEMA } from '@pendamping/migrations/schema';

/** The entities and the migrations describe one schema: generating a migration would produce nothing. */
describe('schema drift', () => {
  let database: SuiteDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, FULL_SCHEMA, 2)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('has no change between the migrated database and the entities', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('has no pending migration in the template', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('reverts and re-applies every migration cleanly', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries).toEqual([]);
  });
});
