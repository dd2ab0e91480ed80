import { preparedNameOf } from '@pendamping/core';
import { DataSource, Logger } from 'typeorm';
import { createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';

/**
 * GET /cases/:id as the hot path of docs/benchmarks.md (R2): the case, its wrapped data key and
 * its perpetrators come in one statement, the statements of every request go prepared, and what
 * the one statement brings is read as the separate queries read it before (order of
 * perpetrators, a shredded key, a case without perpetrators).
 */

/** The text of every statement the API sends while `run` runs. */
async function statementsOf(dataSource: DataSource, run: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const ignore = () => undefined;
  const recorder: Logger = {
    logQuery: (text: string) => void texts.push(text),
    logQueryError: ignore,
    logQuerySlow: ignore,
    logSchemaBuild: ignore,
    logMigration: ignore,
    log: ignore,
  };
  const logger = dataSource.logger;
  Object.assign(dataSource, { logger: recorder });
  try {
    await run();
  } finally {
    Object.assign(dataSource, { logger });
  }
  return texts;
}

describe('GET /cases/:id', () => {
  const suite = organisationSuite();
  const read = (id: string) =>
    suite.api.http().get(`/api/v1/cases/${id}`).set(suite.org.coordinatorA.auth()).expect(200);

  const withPerpetrators = () =>
    createCase(
      suite.api,
      suite.org.coordinatorA,
      newCaseBody(suite.org.villages.a, {
        survivor: { sex: 'female', name: 'Yuliana Lake' },
        perpetrators: [
          { relationship: 'step_parent', name: 'Pelaku Pertama' },
          { relationship: 'neighbour', name: 'Pelaku Kedua' },
          { relationship: 'teacher', phone: '082100000003' },
        ],
      }),
    );

  it('reads the case, its data key and its perpetrators in one statement', async () => {
    const created = await withPerpetrators();
    const statements = await statementsOf(suite.dataSource, () => read(created.id));
    const touching = (table: string) => statements.filter((text) => text.includes(`"${table}"`));
    expect(touching('cases')).toHaveLength(1);
    expect(touching('data_keys')).toEqual(touching('cases'));
    expect(touching('case_perpetrators')).toEqual(touching('cases'));
  });

  it('sends the statements every request makes (its actor, its audit event) and the read of the case as prepared ones', async () => {
    const created = await withPerpetrators();
    const statements = await statementsOf(suite.dataSource, () => read(created.id));
    const named = statements.filter((text) => preparedNameOf(text) !== undefined);
    expect(named.map((text) => text.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'SELECT u.id, u.organization_id,',
      '/* prepared read',
      'UPDATE audit_lane_heads SET',
      'WITH appended AS',
    ]);
    expect(named[1]).toContain('"data_keys"');
  });

  it('opens the sealed values of the case and of each perpetrator, perpetrators in their order', async () => {
    const created = await withPerpetrators();
    const view = (await read(created.id)).body;
    expect(view.survivor.name).toBe('Yuliana Lake');
    expect(view.perpetrators).toEqual([
      { relationship: 'step_parent', name: 'Pelaku Pertama', phone: null, sex: null, ageGroup: null },
      { relationship: 'neighbour', name: 'Pelaku Kedua', phone: null, sex: null, ageGroup: null },
      { relationship: 'teacher', name: null, phone: '082100000003', sex: null, ageGroup: null },
    ]);
  });

  it('reads a case without perpetrators as one with none, not one empty perpetrator', async () => {
    const created = await createCase(suite.api, suite.org.coordinatorA, newCaseBody(suite.org.villages.a));
    const view = (await read(created.id)).body;
    expect(view.survivor.name).toBe('X');
    // The field filter drops an empty list of records, as it always has.
    expect(view.perpetrators ?? []).toEqual([]);
  });

  it('reads a case whose key was shredded without its sealed values, its coded ones intact', async () => {
    const created = await withPerpetrators();
    await suite.dataSource.query(`DELETE FROM data_keys WHERE owner_table = 'cases' AND owner_id = $1`, [created.id]);
    const view = (await read(created.id)).body;
    expect(view.caseNumber).toBe(created.caseNumber);
    expect(view.survivor.sex).toBe('female');
    expect('name' in view.survivor).toBe(false);
    // Erased where a value was sealed; null where none was ever given.
    expect(view.perpetrators).toEqual([
      { relationship: 'step_parent', phone: null, sex: null, ageGroup: null },
      { relationship: 'neighbour', phone: null, sex: null, ageGroup: null },
      { relationship: 'teacher', name: null, sex: null, ageGroup: null },
    ]);
  });
});
