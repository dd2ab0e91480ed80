import { AuditWriter, FieldEncryption } from '@pendamping/auth';
import { CaseStatCompaction } from '@pendamping/cases';
import { CaseVault } from '@pendamping/cases/cases/case-vault';
import { ageOn } from '@pendamping/cases/cases/case-writer';
import { SurvivorDuplicates } from '@pendamping/cases/cases/survivor-duplicates';
import { SyntheticCases } from '../apps/cli/src/generate/synthetic-cases';
import { organisationSuite } from './support/organisation-suite';

/**
 * `generate --cases <n>` (issue 14): cases that cost what real ones cost to read. Their
 * identities are sealed under a data key of their own and open through the API, a share of them
 * has perpetrators, referrals and follow-ups, case numbers stay gap-free, and the planner has
 * statistics when it ends.
 */
describe('generate --cases', () => {
  const suite = organisationSuite();
  const COUNT = 400;
  const query = <T>(text: string, parameters: unknown[] = []) => suite.dataSource.query<T[]>(text, parameters);
  let startedAt: Date;

  beforeAll(async () => {
    const get = <T>(type: new (...args: never[]) => T) => suite.api.app.get(type, { strict: false });
    startedAt = (await query<{ now: Date }>('SELECT now()'))[0].now;
    await new SyntheticCases(
      suite.dataSource,
      get(AuditWriter),
      get(CaseStatCompaction),
      get(FieldEncryption),
      get(CaseVault),
      get(SurvivorDuplicates),
    ).generate(suite.org.id, COUNT);
  }, 120_000);

  it('seals every identity under a data key of the case, with the duplicate index beside it', async () => {
    const [row] = await query<Record<string, number>>(
      `SELECT count(*)::int AS cases,
              count(*) FILTER (WHERE survivor_name IS NOT NULL AND survivor_birth_date IS NOT NULL AND narrative IS NOT NULL)::int AS sealed,
              count(*) FILTER (WHERE survivor_duplicate_index IS NOT NULL)::int AS indexed,
              count(k.owner_id)::int AS keyed
         FROM cases c LEFT JOIN data_keys k ON k.owner_table = 'cases' AND k.owner_id = c.id
        WHERE c.organization_id = $1`,
      [suite.org.id],
    );
    expect(row).toEqual({ cases: COUNT, sealed: COUNT, indexed: COUNT, keyed: COUNT });
  });

  it('gives a share of the cases perpetrators, referrals and follow-ups', async () => {
    const shares = await query<{ perpetrators: number; cases: number }>(
      `SELECT (SELECT count(*) FROM case_perpetrators p WHERE p.case_id = c.id)::int AS perpetrators, count(*)::int AS cases
         FROM cases c WHERE c.organization_id = $1 GROUP BY 1 ORDER BY 1`,
      [suite.org.id],
    );
    expect(shares.map((share) => share.perpetrators)).toEqual([0, 1, 2]);
    const [{ referred, followed }] = await query<{ referred: number; followed: number }>(
      `SELECT count(DISTINCT r.case_id)::int AS referred, (SELECT count(DISTINCT case_id)::int FROM follow_ups WHERE organization_id = $1) AS followed
         FROM referrals r WHERE r.organization_id = $1`,
      [suite.org.id],
    );
    for (const share of [referred, followed]) {
      expect(share).toBeGreaterThan(COUNT / 10);
      expect(share).toBeLessThan(COUNT / 2);
    }
  });

  it('numbers the cases of each region and year 1..n', async () => {
    const gaps = await query<{ region_id: string }>(
      `SELECT region_id FROM cases WHERE organization_id = $1 GROUP BY region_id, case_number_year
       HAVING min(case_number_sequence) <> 1 OR max(case_number_sequence) <> count(DISTINCT case_number_sequence)`,
      [suite.org.id],
    );
    expect(gaps).toEqual([]);
  });

  it('ends with ANALYZE', async () => {
    const [{ analyzed }] = await query<{ analyzed: Date | null }>(
      `SELECT greatest(last_analyze, last_autoanalyze) AS analyzed FROM pg_stat_user_tables WHERE relname = 'cases'`,
    );
    expect(analyzed?.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
  });

  it('opens a generated case through the API: its survivor, her age at intake and her perpetrators', async () => {
    const [{ id }] = await query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.region_id = $1 AND (SELECT count(*) FROM case_perpetrators p WHERE p.case_id = c.id) = 2 LIMIT 1`,
      [suite.org.regions.a],
    );
    const view = (await suite.api.http().get(`/api/v1/cases/${id}`).set(suite.org.coordinatorA.auth()).expect(200))
      .body;
    expect(view.survivor.name).toMatch(/^Sintetis \d{6}$/);
    expect(ageOn(view.survivor.birthDate, view.intakeDate)).toBe(view.survivor.ageAtIntake);
    expect(view.narrative).toMatch(/sintetis/);
    expect(view.perpetrators.map((perpetrator: { name: string }) => perpetrator.name)).toEqual([
      'Pelaku sintetis 1',
      'Pelaku sintetis 2',
    ]);
  });
});
