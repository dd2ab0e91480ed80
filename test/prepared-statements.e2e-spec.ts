import { prepared, PreparingClient } from '@pendamping/core';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';

/**
 * The pool's client sends a statement marked `prepared` by name, so PostgreSQL parses and plans
 * it once per connection; every other statement goes unnamed as before (docs/benchmarks.md, R2).
 */
describe('prepared statements', () => {
  let database: SuiteDatabase;
  let client: PreparingClient;
  const preparedOnThisConnection = async () =>
    (await client.query('SELECT statement FROM pg_prepared_statements')).rows.map(
      (row: { statement: string }) => row.statement,
    );

  beforeAll(async () => {
    database = await createSuiteDatabase({ empty: true });
    client = new PreparingClient({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('prepares a marked statement once and runs it again by name', async () => {
    const marked = prepared('SELECT $1::int + 1 AS next');
    expect((await client.query(marked, [1])).rows).toEqual([{ next: 2 }]);
    expect((await client.query(marked, [41])).rows).toEqual([{ next: 42 }]);
    expect((await preparedOnThisConnection()).filter((text) => text === marked)).toHaveLength(1);
  });

  it('sends any other statement unnamed, as pg does', async () => {
    const plain = 'SELECT $1::int * 2 AS twice';
    expect((await client.query(plain, [21])).rows).toEqual([{ twice: 42 }]);
    expect(await preparedOnThisConnection()).not.toContain(plain);
  });
});
