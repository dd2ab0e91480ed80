import { prepared, PREPARED_READ, PreparingClient } from '@pendamping/core';
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

  it('prepares reads marked as such by their comment, up to its bound of distinct texts, and sends the rest unnamed', async () => {
    const read = (offset: number) => `/* ${PREPARED_READ} */ SELECT $1::int + ${offset} AS value`;
    const marked = (await preparedOnThisConnection()).filter((text) => text.startsWith(`/* ${PREPARED_READ} */`));
    expect(marked).toEqual([]);
    for (let offset = 0; offset <= 100; offset++) {
      expect((await client.query(read(offset), [1])).rows).toEqual([{ value: 1 + offset }]);
      expect((await client.query(read(offset), [2])).rows).toEqual([{ value: 2 + offset }]);
    }
    const prepared = (await preparedOnThisConnection()).filter((text) => text.startsWith(`/* ${PREPARED_READ} */`));
    expect(prepared).toHaveLength(100);
    expect(prepared).toContain(read(99));
    expect(prepared).not.toContain(read(100));
  });

  it('sends any other statement unnamed, as pg does', async () => {
    const plain = 'SELECT $1::int * 2 AS twice';
    expect((await client.query(plain, [21])).rows).toEqual([{ twice: 42 }]);
    expect(await preparedOnThisConnection()).not.toContain(plain);
  });
});
