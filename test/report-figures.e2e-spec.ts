import { randomUUID } from 'node:crypto';
import { CaseEntity } from '@pendamping/cases/entities';
import { computeReportFigures, ReportFiguresInput } from '@pendamping/cases/reports/report-figures';
import type { Cell, ReportFigures, ReportTable } from '@pendamping/cases/reports/report-model';
import { suppress } from '@pendamping/cases/reports/suppression';
import { dataSourceOptions } from '@pendamping/core';
import { DataSource, Logger, SelectQueryBuilder } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { FULL_SCHEMA } from '@pendamping/migrations/schema';

/*
 * The annual report's figures against crafted rows written with SQL: every figure is asserted
 * exactly, for the year and the year before, per scope, with and without the requester's row
 * scope; every statement the computation sends is captured, and PostgreSQL's own plan of each is
 * read to prove that no identifying or sensitive column is read.
 */

/** The sealed (bytea) columns, per table: the report must never read one. */
const SEALED: Record<string, string[]> = {
  cases: [
    'survivor_name',
    'survivor_alias',
    'survivor_phone',
    'survivor_address',
    'survivor_birth_date',
    'survivor_nik',
    'guardian_name',
    'guardian_phone',
    'narrative',
    'safety_plan',
    'medical_notes',
    'safe_contact_safe_times',
    'safe_contact_intermediary',
    'status_reason',
  ],
  case_perpetrators: ['name', 'phone'],
  referrals: ['note', 'outcome_note'],
  follow_ups: ['notes', 'next_action'],
  case_changes: ['sealed_value'],
};
/** Names that are sealed wherever they appear in this schema's case tables (not `name`: places have one). */
const SEALED_WORDS = [...new Set(Object.values(SEALED).flat())].filter((column) => column !== 'name');

const YEAR = 2025;
const NOW = new Date('2026-02-01T00:00:00Z');
const SEAL = Buffer.from('sealed-ciphertext');

interface Captured {
  query: string;
  parameters: unknown[];
}

class CapturingLogger implements Logger {
  queries: Captured[] = [];
  logQuery(query: string, parameters?: unknown[]) {
    this.queries.push({ query, parameters: parameters ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

describe('report figures', () => {
  let database: SuiteDatabase;
  let dataSource: DataSource;
  const logger = new CapturingLogger();
  const ids = {
    org: randomUUID(),
    otherOrg: randomUUID(),
    user: randomUUID(),
    otherUser: randomUUID(),
    kupang: randomUUID(),
    soe: randomUUID(),
    otherRegion: randomUUID(),
    oesao: randomUUID(),
    baumata: randomUUID(),
    kuatae: randomUUID(),
    otherVillage: randomUUID(),
    g1: randomUUID(),
    g2: randomUUID(),
    g3: randomUUID(),
    otherGroup: randomUUID(),
  };
  const cases: Record<string, string> = {};

  const sql = (query: string, parameters: unknown[] = []) => dataSource.query(query, parameters);

  beforeAll(async () => {
    database = await createSuiteDatabase();
    dataSource = await new DataSource({ ...dataSourceOptions(database.url, FULL_SCHEMA, 2), logger }).initialize();
    await seed();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function seed() {
    await sql(`INSERT INTO organizations (id, name) VALUES ($1, 'Yayasan Uji Laporan'), ($2, 'Organisasi Lain')`, [
      ids.org,
      ids.otherOrg,
    ]);
    await sql(
      `INSERT INTO users (id, organization_id, email, name, role, password_hash, version)
       VALUES ($1, $2, 'pendamping-laporan@example.test', 'Pendamping', 'companion', 'x', 1),
              ($3, $4, 'lain-laporan@example.test', 'Lain', 'companion', 'x', 1)`,
      [ids.user, ids.org, ids.otherUser, ids.otherOrg],
    );
    await sql(
      `INSERT INTO regions (id, organization_id, name, code, time_zone, version)
       VALUES ($1, $4, 'Kupang', 'KPG', 'Asia/Makassar', 1), ($2, $4, 'SoE', 'SOE', 'Asia/Jayapura', 1), ($3, $5, 'Kupang', 'KPG', 'Asia/Makassar', 1)`,
      [ids.kupang, ids.soe, ids.otherRegion, ids.org, ids.otherOrg],
    );
    await sql(
      `INSERT INTO villages (id, organization_id, region_id, name, version)
       VALUES ($1, $5, $6, 'Oesao', 1), ($2, $5, $6, 'Baumata', 1), ($3, $5, $7, 'Kuatae', 1), ($4, $8, $9, 'Oesao', 1)`,
      [
        ids.oesao,
        ids.baumata,
        ids.kuatae,
        ids.otherVillage,
        ids.org,
        ids.kupang,
        ids.soe,
        ids.otherOrg,
        ids.otherRegion,
      ],
    );
    await sql(
      `INSERT INTO groups (id, organization_id, region_id, village_id, name, version)
       VALUES ($1, $5, $6, $7, 'Kelompok Oesao', 1), ($2, $5, $6, $8, 'Kelompok Baumata', 1), ($3, $5, $9, $10, 'Kelompok Kuatae', 1),
              ($4, $11, $12, $13, 'Kelompok Lain', 1)`,
      [
        ids.g1,
        ids.g2,
        ids.g3,
        ids.otherGroup,
        ids.org,
        ids.kupang,
        ids.oesao,
        ids.baumata,
        ids.soe,
        ids.kuatae,
        ids.otherOrg,
        ids.otherRegion,
        ids.otherVillage,
      ],
    );

    type Place = { region: string; village: string | null; group: string | null };
    const kupangOesao: Place = { region: ids.kupang, village: ids.oesao, group: ids.g1 };
    const kupangBaumata: Place = { region: ids.kupang, village: ids.baumata, group: ids.g2 };
    const soeKuatae: Place = { region: ids.soe, village: ids.kuatae, group: ids.g3 };
    const kupangWalkIn: Place = { region: ids.kupang, village: null, group: null };
    let sequence = 0;
    const addCase = async (
      name: string,
      place: Place,
      c: {
        intake: string;
        sex: string;
        age: number | null;
        disability: string | null;
        placeType: string | null;
        source: string | null;
        violence: string[];
        status: string;
        due?: string;
        organization?: string;
      },
    ) => {
      const id = randomUUID();
      cases[name] = id;
      sequence += 1;
      await sql(
        `INSERT INTO cases (id, organization_id, version, region_id, village_id, group_id, case_number, case_number_year, case_number_sequence, status, intake_date, place_type, referral_source,
                            violence_types, survivor_sex, survivor_age_at_intake, survivor_disability, consent_record, created_by, next_follow_up_due,
                            survivor_name, survivor_alias, survivor_phone, survivor_address, survivor_birth_date, survivor_nik, guardian_name, guardian_phone,
                            narrative, safety_plan, medical_notes, safe_contact_safe_times, safe_contact_intermediary, status_reason)
         VALUES ($1, $2, 1, $3, $4, $5, $6, 1, $18, $7, $8, $9, $10, $11, $12, $13, $14, true, $15, $16,
                 $17, $17, $17, $17, $17, $17, $17, $17, $17, $17, $17, $17, $17, $17)`,
        [
          id,
          c.organization ?? ids.org,
          place.region,
          place.village,
          place.group,
          `T-${sequence}`,
          c.status,
          c.intake,
          c.placeType,
          c.source,
          c.violence,
          c.sex,
          c.age,
          c.disability,
          c.organization === ids.otherOrg ? ids.otherUser : ids.user,
          c.due ?? null,
          SEAL,
          sequence,
        ],
      );
      return id;
    };
    const perpetrators = async (name: string, relationships: string[]) => {
      for (const [position, relationship] of relationships.entries()) {
        await sql(
          `INSERT INTO case_perpetrators (case_id, organization_id, position, relationship, name, phone) VALUES ($1, $2, $3, $4, $5, $5)`,
          [cases[name], ids.org, position, relationship, SEAL],
        );
      }
    };
    const followUps = async (name: string, dates: string[]) => {
      for (const date of dates) {
        await sql(
          `INSERT INTO follow_ups (organization_id, version, case_id, date, type, notes, next_action, created_by) VALUES ($1, 1, $2, $3, 'home_visit', $4, $4, $5)`,
          [ids.org, cases[name], date, SEAL, ids.user],
        );
      }
    };
    const referral = async (name: string, service: string, date: string, status: string) => {
      await sql(
        `INSERT INTO referrals (organization_id, version, case_id, service_type, referred_at, status, note, outcome_note, created_by) VALUES ($1, 1, $2, $3, $4, $5, $6, $6, $7)`,
        [ids.org, cases[name], service, date, status, SEAL, ids.user],
      );
    };
    const statusChange = async (name: string, status: string, at: string) => {
      await sql(
        `INSERT INTO case_changes (case_id, organization_id, actor_id, action, field, coded_value, changed_at) VALUES ($1, $2, $3, 'transition', 'status', to_jsonb($4::text), $5)`,
        [cases[name], ids.org, ids.user, status, at],
      );
      // The sealed reason of the same transition, as the writer records it.
      await sql(
        `INSERT INTO case_changes (case_id, organization_id, actor_id, action, field, sealed_value, changed_at) VALUES ($1, $2, $3, 'transition', 'statusReason', $4, $5)`,
        [cases[name], ids.org, ids.user, SEAL, at],
      );
    };

    // Taken in during 2025.
    await addCase('c1', kupangOesao, {
      intake: '2025-01-15',
      sex: 'female',
      age: 4,
      disability: 'none',
      placeType: 'home',
      source: 'family',
      violence: ['fisik', 'psikis'],
      status: 'closed',
    });
    await addCase('c2', kupangOesao, {
      intake: '2025-03-01',
      sex: 'female',
      age: 15,
      disability: 'physical',
      placeType: 'school',
      source: 'teacher',
      violence: ['seksual'],
      status: 'active',
      due: '2026-01-10',
    });
    await addCase('c3', kupangBaumata, {
      intake: '2025-06-20',
      sex: 'male',
      age: 10,
      disability: null,
      placeType: 'home',
      source: 'self',
      violence: ['fisik'],
      status: 'open',
      due: '2026-03-01',
    });
    await addCase('c4', kupangWalkIn, {
      intake: '2025-08-05',
      sex: 'female',
      age: 30,
      disability: 'none',
      placeType: 'online',
      source: 'ngo',
      violence: ['psikis', 'seksual'],
      status: 'active',
      due: '2025-12-01',
    });
    await addCase('c5', soeKuatae, {
      intake: '2025-11-30',
      sex: 'female',
      age: null,
      disability: null,
      placeType: null,
      source: null,
      violence: ['penelantaran'],
      status: 'closed',
      due: '2025-12-15',
    });
    await addCase('c6', kupangOesao, {
      intake: '2025-12-31',
      sex: 'male',
      age: 65,
      disability: 'sensory',
      placeType: 'public_place',
      source: 'police',
      violence: ['fisik'],
      status: 'open',
    });
    // Taken in during 2024, and one in 2023 (closed in 2025).
    await addCase('p1', kupangOesao, {
      intake: '2024-05-05',
      sex: 'female',
      age: 20,
      disability: 'none',
      placeType: 'home',
      source: 'family',
      violence: ['fisik'],
      status: 'closed',
    });
    await addCase('p2', soeKuatae, {
      intake: '2024-12-31',
      sex: 'female',
      age: 50,
      disability: 'none',
      placeType: 'home',
      source: 'self',
      violence: ['psikis'],
      status: 'active',
      due: '2026-01-31',
    });
    await addCase('o1', kupangBaumata, {
      intake: '2023-07-01',
      sex: 'female',
      age: 40,
      disability: 'none',
      placeType: 'home',
      source: 'self',
      violence: ['fisik'],
      status: 'closed',
    });
    // Taken in during 2026: after the report's year.
    await addCase('n1', kupangOesao, {
      intake: '2026-01-10',
      sex: 'female',
      age: 8,
      disability: 'none',
      placeType: 'home',
      source: 'self',
      violence: ['fisik'],
      status: 'open',
    });
    // Another organisation's case, in a village and region of the same names.
    await addCase(
      'x1',
      { region: ids.otherRegion, village: ids.otherVillage, group: ids.otherGroup },
      {
        intake: '2025-05-05',
        sex: 'female',
        age: 12,
        disability: 'none',
        placeType: 'home',
        source: 'self',
        violence: ['fisik'],
        status: 'open',
        due: '2025-06-01',
        organization: ids.otherOrg,
      },
    );

    await perpetrators('c1', ['parent', 'parent']);
    await perpetrators('c2', ['teacher']);
    await perpetrators('c4', ['husband_partner', 'former_partner']);
    await perpetrators('c5', ['other_family']);
    await perpetrators('c6', ['stranger']);
    await perpetrators('p1', ['husband_partner']);
    await perpetrators('p2', ['husband_partner']);
    await perpetrators('o1', ['neighbour']);

    await followUps('c1', ['2025-01-16', '2025-02-01']);
    await followUps('c2', ['2025-03-05', '2025-04-01', '2025-05-01', '2025-06-01', '2026-01-05']);
    await followUps('c4', ['2025-08-05']);
    await followUps('c5', ['2025-12-01']);
    await followUps('p1', ['2024-05-10', '2024-06-01', '2025-01-20']);
    await followUps('p2', ['2025-01-02']);
    await followUps('o1', ['2024-03-01', '2025-01-05']);
    await followUps('n1', ['2026-01-11']);

    await referral('c1', 'health', '2025-01-20', 'completed');
    await referral('c1', 'police', '2025-02-01', 'accepted');
    await referral('c2', 'legal_aid', '2025-03-10', 'pending');
    await referral('c4', 'shelter', '2025-08-06', 'declined');
    await referral('p1', 'police', '2024-05-06', 'completed');
    await referral('p1', 'psychosocial', '2025-01-03', 'in_service');
    await referral('o1', 'health', '2023-08-01', 'completed');

    // Closures: c1 in April (90 days); c5 at 01:30 on 1 January 2026 in SoE's zone (UTC+9), so not in 2025;
    // p2 closed in March 2025 (60 days) then reopened; o1 (2023) closed in January 2025 (559 days); p1 in 2024 (119 days).
    await statusChange('c1', 'closure_requested', '2025-04-10T01:00:00Z');
    await statusChange('c1', 'closed', '2025-04-15T01:00:00Z');
    await statusChange('c5', 'closed', '2025-12-31T16:30:00Z');
    await statusChange('p2', 'closed', '2025-03-01T02:00:00Z');
    await statusChange('p2', 'active', '2025-05-01T02:00:00Z');
    await statusChange('o1', 'closed', '2025-01-10T03:00:00Z');
    await statusChange('p1', 'closed', '2024-09-01T02:00:00Z');

    // Work plans: Oesao's group for 2025 and 2024, Kuatae's for 2025; Baumata's has none.
    const plan = async (group: string, village: string, region: string, year: number) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO work_plans (id, organization_id, version, group_id, village_id, region_id, year, status) VALUES ($1, $2, 1, $3, $4, $5, $6, 'approved')`,
        [id, ids.org, group, village, region, year],
      );
      return id;
    };
    const item = async (planId: string, status: string) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO plan_items (id, organization_id, version, work_plan_id, title, category, target_count, target_unit, planned_months, status)
         VALUES ($1, $2, 1, $3, 'Sosialisasi', 'awareness_session', 2, 'sessions', '{3,4}', $4)`,
        [id, ids.org, planId, status],
      );
      return id;
    };
    const activity = async (
      planId: string,
      itemId: string,
      date: string,
      people: [number, number, number, number, number],
      obstacles: string | null,
      lessons: string | null,
    ) => {
      await sql(
        `INSERT INTO activity_reports (organization_id, plan_item_id, work_plan_id, date, women, men, girls, boys, disability, summary, obstacles, lessons, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Ringkasan', $10, $11, $12)`,
        [ids.org, itemId, planId, date, ...people, obstacles, lessons, ids.user],
      );
    };
    const oesao2025 = await plan(ids.g1, ids.oesao, ids.kupang, 2025);
    const i1 = await item(oesao2025, 'done');
    const i2 = await item(oesao2025, 'in_progress');
    await item(oesao2025, 'cancelled');
    await item(oesao2025, 'planned');
    await activity(oesao2025, i1, '2025-03-03', [10, 2, 3, 1, 1], 'Hujan deras', '');
    await activity(oesao2025, i2, '2025-02-01', [5, 0, 0, 0, 0], '   ', 'Posyandu lebih ramai');
    await activity(oesao2025, i1, '2025-07-01', [4, 4, 0, 2, 0], 'Jalan rusak', null);
    const oesao2024 = await plan(ids.g1, ids.oesao, ids.kupang, 2024);
    const old = await item(oesao2024, 'done');
    await activity(oesao2024, old, '2024-06-01', [7, 0, 0, 0, 0], 'Tahun lalu', 'Tahun lalu');
    const kuatae2025 = await plan(ids.g3, ids.kuatae, ids.soe, 2025);
    await item(kuatae2025, 'planned');
  }

  const everything = (query: SelectQueryBuilder<CaseEntity>) => query;

  async function figures(overrides: Partial<ReportFiguresInput> = {}): Promise<ReportFigures> {
    logger.queries = [];
    return computeReportFigures(dataSource.manager, {
      organizationId: ids.org,
      scope: { level: 'organization', id: null },
      year: YEAR,
      audience: 'internal',
      locale: 'id',
      caseScope: everything,
      now: NOW,
      ...overrides,
    });
  }

  const tableOf = (result: ReportFigures, key: string): ReportTable => {
    const found = result.tables.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`no table ${key}`);
    return found;
  };
  /** key → [current, previous] of a table's non-zero rows. */
  const rowsOf = (result: ReportFigures, key: string): Record<string, [Cell, Cell]> =>
    Object.fromEntries(
      tableOf(result, key)
        .rows.filter((row) => row.current !== 0 || row.previous !== 0)
        .map((row) => [row.label ?? row.key, [row.current, row.previous]]),
    );
  const summaryOf = (result: ReportFigures): Record<string, [Cell, Cell]> =>
    Object.fromEntries(result.summary.map((figure) => [figure.key, [figure.current, figure.previous]]));

  describe('organisation-wide, internal', () => {
    let result: ReportFigures;
    const stages: [string, number][] = [];

    beforeAll(async () => {
      result = await dataSource.transaction('REPEATABLE READ', (manager) =>
        computeReportFigures(manager, {
          organizationId: ids.org,
          scope: { level: 'organization', id: null },
          year: YEAR,
          audience: 'internal',
          locale: 'en',
          caseScope: everything,
          now: NOW,
          onStage: (stage, percent) => {
            stages.push([stage, percent]);
          },
        }),
      );
    });

    it('names the organisation and the scope, and carries the request', () => {
      expect(result.organizationName).toBe('Yayasan Uji Laporan');
      expect(result.scope).toEqual({ level: 'organization', id: null, name: 'Yayasan Uji Laporan' });
      expect(result).toMatchObject({ year: 2025, audience: 'internal', locale: 'en', generatedAt: NOW });
    });

    it('reports progress between stages, ending at 100', () => {
      expect(stages.map(([stage]) => stage)).toEqual([
        'scope',
        'cases',
        'tables',
        'closures',
        'referrals',
        'groups',
        'figures',
      ]);
      const percents = stages.map(([, percent]) => percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(percents.at(-1)).toBe(100);
    });

    it('computes the summary for the year beside the year before', () => {
      expect(summaryOf(result)).toEqual({
        casesNew: [6, 2],
        // c1 (April), p2 (March, reopened since) and o1 (taken in 2023); c5 closed on 1 January 2026 in SoE's zone.
        casesClosed: [3, 1],
        survivorsChildren: [3, 0],
        referrals: [5, 1],
        followUps: [11, 3],
        // c2 and c4 of 2025 (c3 is due later, c5 is closed); p2 of 2024, reopened.
        overdueFollowUps: [2, 1],
        // 2025: 0, 1, 1, 4 days; 2024: 5 and 2 days.
        medianDaysToFirstFollowUp: [1, 3.5],
        // 2025: 60, 90, 559 days; 2024: 119 days.
        medianDaysToClosure: [90, 119],
        activities: [3, 1],
        participants: [31, 7],
      });
      expect(result.summary.find((figure) => figure.key === 'survivorsChildren')?.sumOf).toEqual({
        table: 'ageGroup',
        rows: ['0-5', '6-12', '13-17'],
      });
      expect(result.summary.filter((figure) => figure.unit === 'days').map((figure) => figure.key)).toEqual([
        'medianDaysToFirstFollowUp',
        'medianDaysToClosure',
      ]);
      expect(result.summary.some((figure) => figure.noData)).toBe(false);
    });

    it('lists the tables in order, with totals only for single-valued fields', () => {
      expect(result.tables.map((table) => [table.key, table.codeList ?? null, table.total !== undefined])).toEqual([
        ['violenceTypes', 'violenceTypes', false],
        ['ageGroup', 'ageGroup', true],
        ['sex', 'sex', true],
        ['ageGroupFemale', 'ageGroup', true],
        ['ageGroupMale', 'ageGroup', true],
        ['disability', 'disability', true],
        ['village', null, true],
        ['relationship', 'relationship', false],
        ['placeType', 'placeType', true],
        ['referralSource', 'referralSource', true],
        ['referralService', 'serviceType', true],
        ['referralOutcome', 'referralStatus', true],
        ['followUpsPerCase', null, true],
      ]);
      for (const table of result.tables.filter((candidate) => candidate.totalIs === 'casesNew'))
        expect([table.key, table.total]).toEqual([table.key, { current: 6, previous: 2 }]);
      for (const table of result.tables.filter((candidate) => candidate.totalIs === 'referrals'))
        expect(table.total).toEqual({ current: 5, previous: 1 });
      expect(tableOf(result, 'ageGroupFemale').split).toEqual({ of: 'ageGroup', by: 'sex', key: 'female' });
      expect(tableOf(result, 'ageGroupMale').total).toEqual({ current: 2, previous: 0 });
    });

    it('counts cases by violence type, once per case and type', () => {
      expect(rowsOf(result, 'violenceTypes')).toEqual({
        fisik: [3, 1],
        psikis: [2, 1],
        seksual: [2, 0],
        penelantaran: [1, 0],
      });
      // Every code is a row, zeros included, in the code list's order.
      expect(tableOf(result, 'violenceTypes').rows.map((row) => row.key)).toEqual([
        'fisik',
        'psikis',
        'seksual',
        'eksploitasi',
        'trafficking',
        'penelantaran',
        'lainnya',
      ]);
    });

    it('counts survivors by SIMFONI age group, by sex, and by both', () => {
      expect(rowsOf(result, 'ageGroup')).toEqual({
        '0-5': [1, 0],
        '6-12': [1, 0],
        '13-17': [1, 0],
        '18-24': [0, 1],
        '25-44': [1, 0],
        '45-59': [0, 1],
        '60+': [1, 0],
        unknown: [1, 0],
      });
      expect(tableOf(result, 'ageGroup').rows.map((row) => row.key)).toEqual([
        '0-5',
        '6-12',
        '13-17',
        '18-24',
        '25-44',
        '45-59',
        '60+',
        'unknown',
      ]);
      expect(rowsOf(result, 'sex')).toEqual({ female: [4, 2], male: [2, 0] });
      expect(rowsOf(result, 'ageGroupFemale')).toEqual({
        '0-5': [1, 0],
        '13-17': [1, 0],
        '18-24': [0, 1],
        '25-44': [1, 0],
        '45-59': [0, 1],
        unknown: [1, 0],
      });
      expect(rowsOf(result, 'ageGroupMale')).toEqual({ '6-12': [1, 0], '60+': [1, 0] });
      expect(tableOf(result, 'ageGroupMale').rows.map((row) => row.key)).toEqual(
        tableOf(result, 'ageGroup').rows.map((row) => row.key),
      );
    });

    it('counts cases by disability, place, referral source and village', () => {
      expect(rowsOf(result, 'disability')).toEqual({
        none: [2, 2],
        physical: [1, 0],
        sensory: [1, 0],
        unknown: [2, 0],
      });
      expect(rowsOf(result, 'placeType')).toEqual({
        home: [2, 2],
        school: [1, 0],
        online: [1, 0],
        public_place: [1, 0],
        unknown: [1, 0],
      });
      expect(rowsOf(result, 'referralSource')).toEqual({
        family: [1, 1],
        self: [1, 1],
        teacher: [1, 0],
        police: [1, 0],
        ngo: [1, 0],
        unknown: [1, 0],
      });
      const village = tableOf(result, 'village');
      expect(village.rows.map((row) => [row.key, row.label ?? null, row.current, row.previous])).toEqual([
        [ids.baumata, 'Baumata', 1, 0],
        [ids.kuatae, 'Kuatae', 1, 1],
        [ids.oesao, 'Oesao', 3, 1],
        ['none', null, 1, 0],
      ]);
    });

    it("counts cases per perpetrator's relationship, once per case", () => {
      expect(rowsOf(result, 'relationship')).toEqual({
        parent: [1, 0],
        teacher: [1, 0],
        husband_partner: [1, 2],
        former_partner: [1, 0],
        other_family: [1, 0],
        stranger: [1, 0],
        unknown: [1, 0],
      });
    });

    it('counts referrals made in each year by service and status, and follow-ups per case as at each year end', () => {
      expect(rowsOf(result, 'referralService')).toEqual({
        health: [1, 0],
        police: [1, 1],
        legal_aid: [1, 0],
        psychosocial: [1, 0],
        shelter: [1, 0],
      });
      expect(rowsOf(result, 'referralOutcome')).toEqual({
        pending: [1, 0],
        accepted: [1, 0],
        in_service: [1, 0],
        completed: [1, 1],
        declined: [1, 0],
      });
      expect(tableOf(result, 'followUpsPerCase').rows).toEqual([
        { key: '0', current: 2, previous: 1 },
        { key: '1', current: 2, previous: 0 },
        { key: '2-3', current: 1, previous: 1 },
        { key: '4+', current: 1, previous: 0 },
      ]);
    });

    it("reports each group's plan of the year, with its notes in order of activity date", () => {
      expect(result.groups).toEqual([
        {
          groupId: ids.g3,
          name: 'Kelompok Kuatae',
          village: 'Kuatae',
          itemsPlanned: 1,
          itemsDone: 0,
          activities: 0,
          participants: { women: 0, men: 0, girls: 0, boys: 0, disability: 0, total: 0 },
          obstacles: [],
          lessons: [],
        },
        {
          groupId: ids.g1,
          name: 'Kelompok Oesao',
          village: 'Oesao',
          itemsPlanned: 3,
          itemsDone: 1,
          activities: 3,
          participants: { women: 19, men: 6, girls: 3, boys: 3, disability: 1, total: 31 },
          obstacles: [
            { text: 'Hujan deras', times: 1 },
            { text: 'Jalan rusak', times: 1 },
          ],
          lessons: [{ text: 'Posyandu lebih ramai', times: 1 }],
        },
      ]);
    });
  });

  describe('scopes', () => {
    it('restricts a region report to the region’s cases and groups', async () => {
      const result = await figures({ scope: { level: 'region', id: ids.soe } });
      expect(result.scope).toEqual({ level: 'region', id: ids.soe, name: 'SoE' });
      expect(summaryOf(result)).toMatchObject({
        casesNew: [1, 1],
        casesClosed: [1, 0],
        referrals: [0, 0],
        overdueFollowUps: [0, 1],
        activities: [0, 0],
      });
      expect(rowsOf(result, 'village')).toEqual({ Kuatae: [1, 1] });
      expect(result.groups.map((group) => group.groupId)).toEqual([ids.g3]);
    });

    it('restricts a village report to the village’s cases and groups', async () => {
      const result = await figures({ scope: { level: 'village', id: ids.oesao } });
      expect(result.scope.name).toBe('Oesao');
      expect(summaryOf(result)).toMatchObject({
        casesNew: [3, 1],
        casesClosed: [1, 1],
        referrals: [4, 1],
        followUps: [7, 2],
        activities: [3, 1],
        participants: [31, 7],
      });
      expect(rowsOf(result, 'sex')).toEqual({ female: [2, 1], male: [1, 0] });
      expect(result.groups.map((group) => group.groupId)).toEqual([ids.g1]);
    });

    it('restricts a group report to the group’s cases and plan', async () => {
      const result = await figures({ scope: { level: 'group', id: ids.g2 } });
      expect(result.scope.name).toBe('Kelompok Baumata');
      // c3 taken in during 2025; o1 (taken in 2023) closed in 2025 after 559 days.
      expect(summaryOf(result)).toMatchObject({
        casesNew: [1, 0],
        casesClosed: [1, 0],
        medianDaysToClosure: [559, 0],
        followUps: [1, 1],
        activities: [0, 0],
      });
      expect(result.summary.find((figure) => figure.key === 'medianDaysToClosure')?.noData).toEqual(['previous']);
      expect(result.summary.find((figure) => figure.key === 'medianDaysToFirstFollowUp')).toMatchObject({
        current: 0,
        previous: 0,
        noData: ['current', 'previous'],
      });
      expect(result.groups).toEqual([]);
    });

    it('takes the previous year from year - 1: a 2026 report has 2025 as its previous year', async () => {
      const result = await figures({ year: 2026 });
      expect(summaryOf(result)).toMatchObject({
        casesNew: [1, 6],
        survivorsChildren: [1, 3],
        referrals: [0, 5],
        followUps: [2, 11],
        activities: [0, 3],
      });
      // c5 closed at 01:30 on 1 January 2026, SoE time.
      expect(summaryOf(result).casesClosed).toEqual([1, 3]);
      expect(rowsOf(result, 'violenceTypes')).toEqual({
        fisik: [1, 3],
        psikis: [0, 2],
        seksual: [0, 2],
        penelantaran: [0, 1],
      });
    });

    it('never counts another organisation’s rows', async () => {
      const result = await figures({ organizationId: ids.otherOrg, scope: { level: 'organization', id: null } });
      expect(summaryOf(result)).toMatchObject({ casesNew: [1, 0], overdueFollowUps: [1, 0] });
      const ours = await figures();
      expect(summaryOf(ours).casesNew).toEqual([6, 2]);
    });

    it('refuses a scope of another organisation', async () => {
      await expect(figures({ scope: { level: 'region', id: ids.otherRegion } })).rejects.toThrow(
        /region does not exist/,
      );
    });
  });

  describe('the requester’s row scope', () => {
    it('applies caseScope to every case figure', async () => {
      const withoutC6 = (query: SelectQueryBuilder<CaseEntity>) =>
        query.andWhere('row.id <> :hidden', { hidden: cases.c6 });
      const result = await figures({ caseScope: withoutC6 });
      expect(summaryOf(result)).toMatchObject({ casesNew: [5, 2] });
      expect(rowsOf(result, 'sex')).toEqual({ female: [4, 2], male: [1, 0] });
      expect(rowsOf(result, 'ageGroup')['60+']).toBeUndefined();
      expect(rowsOf(result, 'relationship').stranger).toBeUndefined();
      expect(rowsOf(result, 'village')).toEqual({ Baumata: [1, 0], Kuatae: [1, 1], Oesao: [2, 1], none: [1, 0] });
    });

    it('applies caseScope to events too (closures, referrals, follow-ups)', async () => {
      const withoutC1 = (query: SelectQueryBuilder<CaseEntity>) =>
        query.andWhere('row.id <> :hidden', { hidden: cases.c1 });
      const result = await figures({ caseScope: withoutC1 });
      expect(summaryOf(result)).toMatchObject({
        casesNew: [5, 2],
        casesClosed: [2, 1],
        referrals: [3, 1],
        followUps: [9, 3],
        medianDaysToClosure: [309.5, 119],
      });
      // Plans are the groups' and are not cases: the row scope does not touch them.
      expect(summaryOf(result)).toMatchObject({ activities: [3, 1], participants: [31, 7] });
    });

    it('builds its case set on CaseEntity alias row, once per set', async () => {
      const seen: string[] = [];
      await figures({
        caseScope: (query) => {
          seen.push(`${query.alias}:${query.expressionMap.mainAlias?.metadata.tableName}`);
          return query;
        },
      });
      expect(seen).toEqual(['row:cases', 'row:cases']);
    });
  });

  describe("the groups' notes", () => {
    it('counts a note written word for word in several activity reports once, with how many wrote it', async () => {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        const [{ id: planId }] = (await runner.query(`SELECT id FROM work_plans WHERE group_id = $1 AND year = $2`, [
          ids.g1,
          YEAR,
        ])) as { id: string }[];
        const [{ id: itemId }] = (await runner.query(
          `SELECT id FROM plan_items WHERE work_plan_id = $1 AND status = 'done'`,
          [planId],
        )) as { id: string }[];
        for (const date of ['2025-08-01', '2025-09-01']) {
          await runner.query(
            `INSERT INTO activity_reports (organization_id, plan_item_id, work_plan_id, date, women, men, girls, boys, disability, summary, obstacles, lessons, created_by)
             VALUES ($1, $2, $3, $4, 1, 0, 0, 0, 0, 'Ringkasan', ' Hujan deras ', 'Posyandu lebih ramai', $5)`,
            [ids.org, itemId, planId, date, ids.user],
          );
        }
        const result = await computeReportFigures(runner.manager, {
          organizationId: ids.org,
          scope: { level: 'organization', id: null },
          year: YEAR,
          audience: 'internal',
          locale: 'id',
          caseScope: everything,
          now: NOW,
        });
        const oesao = result.groups.find((group) => group.groupId === ids.g1);
        expect(oesao?.obstacles).toEqual([
          { text: 'Hujan deras', times: 3 },
          { text: 'Jalan rusak', times: 1 },
        ]);
        expect(oesao?.lessons).toEqual([{ text: 'Posyandu lebih ramai', times: 3 }]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });

  describe('external audience', () => {
    it('reads no free text at all, and suppression leaves none', async () => {
      const result = await figures({ audience: 'external' });
      expect(result.groups.every((group) => group.obstacles === undefined && group.lessons === undefined)).toBe(true);
      expect(logger.queries.some((entry) => /obstacles|lessons/.test(entry.query))).toBe(false);
      const suppressed = suppress(result);
      // The six cases of 2025 fall in six age groups, one each: six "<5" adding up to a shown 6
      // would say each is 1, so the total goes too, and with it every table's and the summary's;
      // the five referrals of 2025 likewise, one per service.
      const hidden = { suppressed: true };
      expect(summaryOf(suppressed)).toMatchObject({
        casesNew: [hidden, hidden],
        referrals: [hidden, hidden],
        followUps: [11, hidden],
        medianDaysToClosure: [90, 119],
      });
      expect(tableOf(suppressed, 'ageGroup').total).toEqual({
        current: { suppressed: true },
        previous: { suppressed: true },
      });
    });

    it('suppresses an internal computation with no free text left', async () => {
      const suppressed = suppress(await figures());
      expect(suppressed.groups).toHaveLength(2);
      for (const group of suppressed.groups) {
        expect(group).not.toHaveProperty('obstacles');
        expect(group).not.toHaveProperty('lessons');
      }
    });
  });

  describe('what the SQL reads', () => {
    let statements: Captured[];
    const TABLE_COLUMNS: Record<string, string[]> = {};

    beforeAll(async () => {
      const columns = (await sql(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
        [Object.keys(SEALED)],
      )) as { table_name: string; column_name: string }[];
      for (const { table_name: table, column_name: column } of columns) (TABLE_COLUMNS[table] ??= []).push(column);
      const all: Captured[] = [];
      for (const overrides of [
        {},
        { scope: { level: 'village' as const, id: ids.oesao } },
        { audience: 'external' as const },
      ]) {
        await figures(overrides);
        all.push(...logger.queries);
      }
      statements = all.filter((entry) => /^\s*(SELECT|WITH)/i.test(entry.query));
    });

    it('captured the aggregations, case set included', () => {
      expect(statements.length).toBeGreaterThanOrEqual(20);
      expect(statements.filter((entry) => entry.query.includes('FROM "cases" "row"')).length).toBeGreaterThanOrEqual(
        12,
      );
    });

    it('names no sealed column and selects no whole row', () => {
      const word = new RegExp(`\\b(${SEALED_WORDS.join('|')})\\b`, 'i');
      for (const { query } of statements) {
        expect(query).not.toMatch(word);
        expect(query.replace(/count\(\*\)/gi, '')).not.toContain('*');
      }
    });

    /**
     * The sealed columns a statement reads, from PostgreSQL's verbose plan: in what it returns, in
     * any filter, join, sort or grouping, and in what any node passes up. One thing is not a read:
     * a scan may pass the table's whole stored row up unprojected (the "physical tlist", e.g.
     * under a hash), which every scan of the table does whatever its SQL names; it is recognised
     * as exactly the table's full column list, and never accepted in what the statement returns.
     */
    async function sealedColumnsRead(query: string, parameters: unknown[]): Promise<string[]> {
      const [{ 'QUERY PLAN': plan }] = (await dataSource.query(
        `EXPLAIN (VERBOSE, FORMAT JSON) ${query}`,
        parameters,
      )) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
      const aliases = new Map<string, string>();
      const collect = (node: PlanNode) => {
        const relation = node['Relation Name'];
        if (relation && SEALED[relation]) aliases.set(node.Alias ?? relation, relation);
        node.Plans?.forEach(collect);
      };
      collect(plan[0].Plan);
      const found = new Set<string>();
      const qualified = (alias: string) => `"?${alias.replace(/[^\w]/g, '')}"?\\.`;
      const check = (expressions: string[], own: string | undefined) => {
        for (const [alias, relation] of aliases) {
          for (const column of SEALED[relation]) {
            // Qualified ("p.name", "\"row\".narrative"), or bare ("name") in the scan of the relation itself.
            const reference = new RegExp(
              `(^|[^\\w.])${alias === own ? `(${qualified(alias)})?` : qualified(alias)}"?${column}"?(?!\\w)`,
            );
            if (expressions.some((expression) => reference.test(expression))) found.add(`${relation}.${column}`);
          }
        }
      };
      const walk = (node: PlanNode, top: boolean) => {
        const relation = node['Relation Name'];
        const own = relation && SEALED[relation] ? (node.Alias ?? relation) : undefined;
        check(
          EXPRESSION_KEYS.flatMap((key) => (node[key] ?? []) as string[]),
          own,
        );
        let output = (node.Output ?? []) as string[];
        if (!top) {
          for (const [alias, table] of aliases) {
            const plain = (entry: string) =>
              new RegExp(`^${qualified(alias)}"?\\w+"?$`).test(entry) || (alias === own && /^"?\w+"?$/.test(entry));
            const columns = output.filter(plain).map((entry) => entry.replace(/"/g, '').replace(/^.*\./, ''));
            if (columns.join(',') === TABLE_COLUMNS[table].join(',')) output = output.filter((entry) => !plain(entry));
          }
        }
        check(output, own);
        node.Plans?.forEach((child) => walk(child, false));
      };
      walk(plan[0].Plan, true);
      return [...found];
    }

    it('reads no sealed column in any plan (the check itself catches one that does)', async () => {
      expect(await sealedColumnsRead('SELECT c.id FROM cases c WHERE c.survivor_name IS NOT NULL', [])).toEqual([
        'cases.survivor_name',
      ]);
      expect(await sealedColumnsRead('SELECT p.relationship, p.name FROM case_perpetrators p', [])).toEqual([
        'case_perpetrators.name',
      ]);
      expect(await sealedColumnsRead('SELECT c.* FROM cases c JOIN regions r ON r.id = c.region_id', [])).toEqual(
        SEALED.cases.map((column) => `cases.${column}`),
      );
      expect(
        await sealedColumnsRead(
          'SELECT c.id FROM cases c JOIN case_perpetrators p ON p.case_id = c.id ORDER BY p.phone',
          [],
        ),
      ).toEqual(['case_perpetrators.phone']);
      expect(await sealedColumnsRead('SELECT count(*) FROM follow_ups f GROUP BY f.notes', [])).toEqual([
        'follow_ups.notes',
      ]);
      for (const { query, parameters } of statements) {
        expect({ query, sealed: await sealedColumnsRead(query, parameters) }).toEqual({ query, sealed: [] });
      }
    });
  });
});

/** The fields of a plan node that hold expressions over columns. */
const EXPRESSION_KEYS = [
  'Filter',
  'Index Cond',
  'Recheck Cond',
  'Join Filter',
  'Hash Cond',
  'Merge Cond',
  'Sort Key',
  'Presorted Key',
  'Group Key',
  'Hash Key',
  'Order By',
  'TID Cond',
  'Cache Key',
  'Function Call',
  'Table Function Call',
];

interface PlanNode {
  'Relation Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}
