import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { ADULT_AGE, SIMFONI_AGE_GROUP_LIST } from '../code-lists/age-groups';
import {
  DISABILITY_LIST,
  PLACE_TYPE_LIST,
  REFERRAL_SOURCE_LIST,
  REFERRAL_STATUS_LIST,
  RELATIONSHIP_LIST,
  SERVICE_TYPE_LIST,
  SEX_LIST,
} from '../code-lists/case-codes';
import { VIOLENCE_TYPE_LIST } from '../code-lists/violence';
import type {
  GroupNote,
  GroupSection,
  ReportAudience,
  ReportFigures,
  ReportLocale,
  ReportRow,
  ReportTable,
  ScopeLevel,
  SummaryFigure,
} from './report-model';

/*
 * The annual evaluation report's figures (SPEC §7), computed by PostgreSQL: every count, sum and
 * median is an aggregate in SQL over a set-based query, so Node holds a few hundred aggregate rows
 * whatever the number of cases, never a case row. Suppression for an external audience is
 * suppression.ts's business: these are the true figures.
 *
 * The case set. A query builder on CaseEntity (alias `row`) restricted to the organisation, the
 * scope (region, village or group of the case; the organisation = every case) and the intake
 * years, then to the requester's row scope (`caseScope`, the rules table's `report` action); it
 * selects coded columns only, and its SQL is the `base` CTE of the raw aggregations below. No
 * identifying or sensitive (bytea) column is ever selected, joined on or filtered by here.
 *
 * Which cases a figure counts (decided here, written down in docs for the lead):
 * - the characteristics of cases (violence types, age group and sex, disability, village,
 *   perpetrator relationship, place, referral source), children, follow-ups per case, overdue
 *   follow-ups and the median days to the first follow-up count the cases TAKEN IN (intake date)
 *   in the year, beside those taken in the year before;
 * - the year's work counts EVENTS dated in the year, whatever the intake year of their case:
 *   cases closed (the day, in the region's time zone, of a `case_changes` row setting `status` to
 *   "closed"), the median days from intake to that closure, referrals made (referredAt) and their
 *   service and current status, follow-ups made;
 * - follow-ups per case count a case's follow-ups dated up to the end of its intake year, so the
 *   two years compare like with like (as at 31 December); the first follow-up has no such limit;
 * - overdue follow-ups are counted today ("now", in each case's region's time zone), among the
 *   open cases of each intake year;
 * - groups: the work plans of the year of the scope's groups (a group without a plan for the year
 *   is not listed); items planned are those not cancelled; activities and participants are the
 *   plans' activity reports. Obstacles and lessons are read only for an internal report.
 */

export interface ReportFiguresInput {
  organizationId: string;
  /** `id` is ignored for the organisation level. */
  scope: { level: ScopeLevel; id: string | null };
  year: number;
  audience: ReportAudience;
  locale: ReportLocale;
  /** The requester's row scope for cases (applyRowScope with action 'report' on alias 'row'). */
  caseScope: (query: SelectQueryBuilder<CaseEntity>) => SelectQueryBuilder<CaseEntity>;
  /** Called between stages with a stage name and the percent done (0-100). */
  onStage?: (stage: string, percent: number) => Promise<void> | void;
  /** "Now" for overdue follow-ups and `generatedAt`; the current time when absent. */
  now?: Date;
}

/** Stage names passed to `onStage`, in order, with the percent reached once each is done. */
export const REPORT_FIGURE_STAGES = [
  ['scope', 5],
  ['cases', 25],
  ['tables', 50],
  ['closures', 60],
  ['referrals', 75],
  ['groups', 95],
  ['figures', 100],
] as const;

/** The columns of a case the report reads: coded only. Nothing else of a case ever leaves PostgreSQL. */
const CASE_COLUMNS = [
  'id',
  'regionId',
  'villageId',
  'groupId',
  'intakeDate',
  'status',
  'placeType',
  'referralSource',
  'violenceTypes',
  'survivorSex',
  'survivorAgeAtIntake',
  'survivorDisability',
  'nextFollowUpDue',
] as const satisfies readonly (keyof CaseEntity)[];

/** Row keys outside the code lists (the catalogue labels them). */
const UNKNOWN = 'unknown';
const NONE = 'none';

const FOLLOW_UP_BUCKETS = ['0', '1', '2-3', '4+'] as const;

/** The SIMFONI bands under 18: their sum is the children of the summary. */
export const CHILD_AGE_BANDS: readonly string[] = SIMFONI_AGE_GROUP_LIST.filter(
  (band) => band.max !== null && band.max < ADULT_AGE,
).map((band) => band.code);

/** `ageGroupFemale`, `ageGroupMale`: the age table of one sex. */
export const ageGroupTableKey = (sex: string) => `ageGroup${sex.charAt(0).toUpperCase()}${sex.slice(1)}`;

type Counts = Map<string, { current: number; previous: number }>;

/** Positional parameters after the base query's own ($1..$n come from TypeORM). */
class Statement {
  readonly params: unknown[];

  constructor(base: readonly unknown[] = []) {
    this.params = [...base];
  }

  /** A placeholder for one value, with an optional cast. */
  value(value: unknown, cast?: string): string {
    this.params.push(value);
    return `$${this.params.length}${cast ? `::${cast}` : ''}`;
  }
}

export interface Base {
  sql: string;
  params: unknown[];
}

export async function computeReportFigures(manager: EntityManager, input: ReportFiguresInput): Promise<ReportFigures> {
  const now = input.now ?? new Date();
  const { year } = input;
  const previousYear = year - 1;
  let stage = 0;
  const done = async () => {
    const [name, percent] = REPORT_FIGURE_STAGES[stage++];
    await input.onStage?.(name, percent);
  };

  const names = await placeNames(manager, input);
  await done();

  // Cases taken in during the two years, and every case taken in up to the end of the year (events).
  const cohort = caseBase(manager, input, { from: `${previousYear}-01-01`, to: `${year}-12-31` });
  const scoped = caseBase(manager, input, { to: `${year}-12-31` });

  const cohortSummary = await cohortFigures(manager, cohort, year, now);
  await done();
  const dims = await cohortDimensions(manager, cohort, year);
  await done();
  const closures = await closureFigures(manager, scoped, year);
  await done();
  const events = await eventDimensions(manager, scoped, year);
  await done();
  const groups = await groupFigures(manager, input);
  await done();

  const villageLabels = await villageNames(
    manager,
    input.organizationId,
    [...(dims.get('village')?.keys() ?? [])].filter((key) => key !== NONE),
  );

  const tables: ReportTable[] = [];
  const coded = (
    key: string,
    codeList: string,
    codes: readonly string[],
    options: { total: boolean; chart?: boolean; dim?: string; totalIs?: string },
  ) => {
    const rows = rowsOf(codes, dims.get(options.dim ?? key) ?? new Map());
    tables.push(table(key, rows, { codeList, ...options }));
  };
  coded('violenceTypes', 'violenceTypes', codesOf(VIOLENCE_TYPE_LIST), { total: false, chart: true });
  const ageCodes = codesOf(SIMFONI_AGE_GROUP_LIST);
  const ageRows = rowsOf(ageCodes, dims.get('ageGroup') ?? new Map());
  tables.push(table('ageGroup', ageRows, { codeList: 'ageGroup', total: true, chart: true, totalIs: 'casesNew' }));
  const sexRows = rowsOf(codesOf(SEX_LIST), dims.get('sex') ?? new Map());
  tables.push(table('sex', sexRows, { codeList: 'sex', total: true, totalIs: 'casesNew' }));
  // Age group by sex: one table per sex of the code list, each with the age table's rows (zeros included).
  for (const sex of codesOf(SEX_LIST)) {
    const counts = dims.get(`ageGroup.${sex}`) ?? new Map();
    const rows = ageRows.map((row) => ({ key: row.key, ...(counts.get(row.key) ?? { current: 0, previous: 0 }) }));
    tables.push({
      ...table(ageGroupTableKey(sex), rows, { codeList: 'ageGroup', total: true }),
      split: { of: 'ageGroup', by: 'sex', key: sex },
    });
  }
  coded('disability', 'disability', codesOf(DISABILITY_LIST), { total: true, totalIs: 'casesNew' });
  tables.push(
    table('village', villageRows(dims.get('village') ?? new Map(), villageLabels), {
      total: true,
      chart: true,
      totalIs: 'casesNew',
    }),
  );
  coded('relationship', 'relationship', codesOf(RELATIONSHIP_LIST), { total: false, chart: true });
  coded('placeType', 'placeType', codesOf(PLACE_TYPE_LIST), { total: true, totalIs: 'casesNew' });
  coded('referralSource', 'referralSource', codesOf(REFERRAL_SOURCE_LIST), { total: true, totalIs: 'casesNew' });
  tables.push(
    table('referralService', rowsOf(codesOf(SERVICE_TYPE_LIST), events.get('referralService') ?? new Map()), {
      codeList: 'serviceType',
      total: true,
      totalIs: 'referrals',
    }),
  );
  tables.push(
    table('referralOutcome', rowsOf(codesOf(REFERRAL_STATUS_LIST), events.get('referralOutcome') ?? new Map()), {
      codeList: 'referralStatus',
      total: true,
      totalIs: 'referrals',
    }),
  );
  const perCase = dims.get('followUpsPerCase') ?? new Map();
  tables.push(
    table(
      'followUpsPerCase',
      FOLLOW_UP_BUCKETS.map((key) => ({ key, ...(perCase.get(key) ?? { current: 0, previous: 0 }) })),
      { total: true, totalIs: 'casesNew' },
    ),
  );

  const both = (counts: Counts | undefined, key = '') => counts?.get(key) ?? { current: 0, previous: 0 };
  const current = groups.filter((plan) => plan.year === year);
  const previous = groups.filter((plan) => plan.year === previousYear);
  const sum = (plans: PlanRow[], pick: (plan: PlanRow) => number) =>
    plans.reduce((total, plan) => total + pick(plan), 0);
  const people = (plan: PlanRow) => plan.women + plan.men + plan.girls + plan.boys;

  const summary: SummaryFigure[] = [
    { key: 'casesNew', ...cohortSummary.casesNew, unit: 'count' },
    { key: 'casesClosed', current: closures.closed.current, previous: closures.closed.previous, unit: 'count' },
    {
      key: 'survivorsChildren',
      ...cohortSummary.children,
      unit: 'count',
      sumOf: { table: 'ageGroup', rows: [...CHILD_AGE_BANDS] },
    },
    { key: 'referrals', ...both(events.get('referrals')), unit: 'count' },
    { key: 'followUps', ...both(events.get('followUps')), unit: 'count' },
    { key: 'overdueFollowUps', ...cohortSummary.overdue, unit: 'count' },
    median('medianDaysToFirstFollowUp', cohortSummary.firstFollowUp),
    median('medianDaysToClosure', closures.days),
    {
      key: 'activities',
      current: sum(current, (plan) => plan.activities),
      previous: sum(previous, (plan) => plan.activities),
      unit: 'count',
    },
    {
      key: 'participants',
      current: sum(current, people),
      previous: sum(previous, people),
      unit: 'count',
      sumOf: { groupParticipants: true },
    },
  ];

  const notes = input.audience === 'internal' ? await freeText(manager, input) : undefined;
  const sections: GroupSection[] = current.map((plan) => ({
    groupId: plan.groupId,
    name: plan.groupName,
    village: plan.villageName,
    itemsPlanned: plan.planned,
    itemsDone: plan.done,
    activities: plan.activities,
    participants: {
      women: plan.women,
      men: plan.men,
      girls: plan.girls,
      boys: plan.boys,
      disability: plan.disability,
      total: people(plan),
    },
    ...(notes ? { obstacles: notes.get(plan.id)?.obstacles ?? [], lessons: notes.get(plan.id)?.lessons ?? [] } : {}),
  }));

  const figures: ReportFigures = {
    organizationName: names.organization,
    scope: {
      level: input.scope.level,
      id: input.scope.level === 'organization' ? null : input.scope.id,
      name: names.scope,
    },
    year,
    audience: input.audience,
    locale: input.locale,
    generatedAt: now,
    summary,
    tables,
    groups: sections,
  };
  await done();
  return figures;
}

// -------------------------------------------------------------------------------------------------
// The case set

/**
 * The ids of the cases the report's figures count, as one SQL query over the same case set:
 * those taken in during the two years, and any other case of the scope with an event the figures
 * count in them (a closure, a referral, a follow-up). Recorded per report so a later restriction
 * can name who holds a report that counted the case.
 */
export function countedCasesSql(manager: EntityManager, input: ReportFiguresInput): Base {
  const base = caseBase(manager, input, { to: `${input.year}-12-31` });
  const s = new Statement(base.params);
  const from = s.value(`${input.year - 1}-01-01`, 'date');
  const to = s.value(`${input.year}-12-31`, 'date');
  const sql = `
    WITH base AS (${base.sql})
    SELECT b.id
      FROM base b
      JOIN regions r ON r.id = b.region_id
     WHERE b.intake_date >= ${from}
        OR EXISTS (SELECT 1 FROM case_changes ch
                    WHERE ch.case_id = b.id AND ch.field = 'status' AND ch.coded_value = '"closed"'::jsonb
                      AND (ch.changed_at AT TIME ZONE r.time_zone)::date BETWEEN ${from} AND ${to})
        OR EXISTS (SELECT 1 FROM referrals rf WHERE rf.case_id = b.id AND rf.referred_at BETWEEN ${from} AND ${to})
        OR EXISTS (SELECT 1 FROM follow_ups fu WHERE fu.case_id = b.id AND fu.date BETWEEN ${from} AND ${to})`;
  return { sql, params: s.params };
}

function caseBase(manager: EntityManager, input: ReportFiguresInput, intake: { from?: string; to: string }): Base {
  let query = manager
    .createQueryBuilder(CaseEntity, 'row')
    .select(`row.${CASE_COLUMNS[0]}`, columnName(manager, CASE_COLUMNS[0]));
  for (const property of CASE_COLUMNS.slice(1))
    query = query.addSelect(`row.${property}`, columnName(manager, property));
  query = query.where('row.organizationId = :reportOrganizationId', { reportOrganizationId: input.organizationId });
  const scopeColumn = { organization: null, region: 'regionId', village: 'villageId', group: 'groupId' }[
    input.scope.level
  ];
  if (scopeColumn) {
    if (!input.scope.id) throw new Error(`A ${input.scope.level} report needs a scope id.`);
    query = query.andWhere(`row.${scopeColumn} = :reportScopeId`, { reportScopeId: input.scope.id });
  }
  if (intake.from) query = query.andWhere('row.intakeDate >= :reportIntakeFrom', { reportIntakeFrom: intake.from });
  query = query.andWhere('row.intakeDate <= :reportIntakeTo', { reportIntakeTo: intake.to });
  const [sql, params] = input.caseScope(query).getQueryAndParameters();
  return { sql, params };
}

function columnName(manager: EntityManager, property: string): string {
  const column = manager.connection.getMetadata(CaseEntity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`CaseEntity has no column ${property}`);
  return column.databaseName;
}

// -------------------------------------------------------------------------------------------------
// Aggregations

/** The SIMFONI band of `age` as SQL, from the code list's bounds; 'unknown' without an age. */
function ageBandSql(age: string): string {
  const cases = SIMFONI_AGE_GROUP_LIST.map((band) =>
    band.max === null
      ? `WHEN ${age} >= ${band.min} THEN '${band.code}'`
      : `WHEN ${age} BETWEEN ${band.min} AND ${band.max} THEN '${band.code}'`,
  );
  return `CASE ${cases.join(' ')} ELSE '${UNKNOWN}' END`;
}

/** The cases taken in, with their intake year `y`; the columns are the base's, named one by one. */
const cohortCte = (manager: EntityManager, base: Base) => `
  WITH base AS (${base.sql}),
  cohort AS (SELECT ${CASE_COLUMNS.map((property) => `b.${columnName(manager, property)}`).join(', ')}, EXTRACT(YEAR FROM b.intake_date)::int AS y FROM base b)`;

interface CohortSummary {
  casesNew: { current: number; previous: number };
  children: { current: number; previous: number };
  overdue: { current: number; previous: number };
  firstFollowUp: { current: number | null; previous: number | null };
}

async function cohortFigures(manager: EntityManager, base: Base, year: number, now: Date): Promise<CohortSummary> {
  const s = new Statement(base.params);
  const current = s.value(year, 'int');
  const previous = s.value(year - 1, 'int');
  const today = `(${s.value(now.toISOString(), 'timestamptz')} AT TIME ZONE r.time_zone)::date`;
  const overdue = `c.status <> 'closed' AND c.next_follow_up_due < ${today}`;
  const [row] = (await manager.query(
    `${cohortCte(manager, base)}
     SELECT count(*) FILTER (WHERE c.y = ${current})::int AS new_current,
            count(*) FILTER (WHERE c.y = ${previous})::int AS new_previous,
            count(*) FILTER (WHERE c.y = ${current} AND c.survivor_age_at_intake < ${ADULT_AGE})::int AS children_current,
            count(*) FILTER (WHERE c.y = ${previous} AND c.survivor_age_at_intake < ${ADULT_AGE})::int AS children_previous,
            count(*) FILTER (WHERE c.y = ${current} AND ${overdue})::int AS overdue_current,
            count(*) FILTER (WHERE c.y = ${previous} AND ${overdue})::int AS overdue_previous,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) FILTER (WHERE c.y = ${current}) AS first_current,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) FILTER (WHERE c.y = ${previous}) AS first_previous
       FROM cohort c
       JOIN regions r ON r.id = c.region_id
       CROSS JOIN LATERAL (
         SELECT CASE WHEN min(fu.date) IS NULL THEN NULL ELSE GREATEST(min(fu.date) - c.intake_date, 0) END AS days
           FROM follow_ups fu WHERE fu.case_id = c.id
       ) f`,
    s.params,
  )) as Record<string, number | null>[];
  return {
    casesNew: { current: Number(row.new_current), previous: Number(row.new_previous) },
    children: { current: Number(row.children_current), previous: Number(row.children_previous) },
    overdue: { current: Number(row.overdue_current), previous: Number(row.overdue_previous) },
    firstFollowUp: { current: nullableNumber(row.first_current), previous: nullableNumber(row.first_previous) },
  };
}

/** Counts per dimension and key of the cases taken in, both years in one pass each. */
async function cohortDimensions(manager: EntityManager, base: Base, year: number): Promise<Map<string, Counts>> {
  const s = new Statement(base.params);
  const current = s.value(year, 'int');
  const previous = s.value(year - 1, 'int');
  const both = (what: string) =>
    `count(${what}) FILTER (WHERE c.y = ${current})::int AS current, count(${what}) FILTER (WHERE c.y = ${previous})::int AS previous`;
  const band = ageBandSql('c.survivor_age_at_intake');
  const rows = (await manager.query(
    `${cohortCte(manager, base)}
     SELECT d.dim, d.key, ${both('*')}
       FROM cohort c
       CROSS JOIN LATERAL (VALUES
         ('ageGroup', ${band}),
         ('ageGroup.' || c.survivor_sex, ${band}),
         ('sex', c.survivor_sex),
         ('disability', COALESCE(c.survivor_disability, '${UNKNOWN}')),
         ('village', COALESCE(c.village_id::text, '${NONE}')),
         ('placeType', COALESCE(c.place_type, '${UNKNOWN}')),
         ('referralSource', COALESCE(c.referral_source, '${UNKNOWN}'))
       ) AS d(dim, key)
      GROUP BY d.dim, d.key
     UNION ALL
     SELECT 'violenceTypes', t.code, ${both('DISTINCT c.id')}
       FROM cohort c CROSS JOIN LATERAL unnest(c.violence_types) AS t(code)
      GROUP BY t.code
     UNION ALL
     SELECT 'relationship', COALESCE(p.relationship, '${UNKNOWN}'), ${both('DISTINCT c.id')}
       FROM cohort c
       LEFT JOIN LATERAL (SELECT DISTINCT cp.relationship FROM case_perpetrators cp WHERE cp.case_id = c.id) p ON true
      GROUP BY COALESCE(p.relationship, '${UNKNOWN}')
     UNION ALL
     SELECT 'followUpsPerCase', n.bucket, ${both('*')}
       FROM cohort c
       CROSS JOIN LATERAL (
         SELECT CASE WHEN count(*) = 0 THEN '0' WHEN count(*) = 1 THEN '1' WHEN count(*) <= 3 THEN '2-3' ELSE '4+' END AS bucket
           FROM follow_ups fu WHERE fu.case_id = c.id AND fu.date <= make_date(c.y, 12, 31)
       ) n
      GROUP BY n.bucket`,
    s.params,
  )) as { dim: string; key: string; current: number; previous: number }[];
  return byDimension(rows);
}

/** Cases closed in each year (the last closure of the case within that year) and the median days from intake. */
async function closureFigures(manager: EntityManager, base: Base, year: number) {
  const s = new Statement(base.params);
  const current = s.value(year, 'int');
  const previous = s.value(year - 1, 'int');
  const from = s.value(`${year - 1}-01-01`, 'date');
  const to = s.value(`${year}-12-31`, 'date');
  const [row] = (await manager.query(
    `WITH base AS (${base.sql}),
     closures AS (
       SELECT b.id, b.intake_date, (ch.changed_at AT TIME ZONE r.time_zone)::date AS closed_on
         FROM base b
         JOIN regions r ON r.id = b.region_id
         JOIN case_changes ch ON ch.case_id = b.id
        WHERE ch.field = 'status' AND ch.coded_value = '"closed"'::jsonb
     ),
     per_year AS (
       SELECT id, EXTRACT(YEAR FROM closed_on)::int AS y, GREATEST(max(closed_on) - max(intake_date), 0) AS days
         FROM closures
        WHERE closed_on BETWEEN ${from} AND ${to}
        GROUP BY id, EXTRACT(YEAR FROM closed_on)
     )
     SELECT count(*) FILTER (WHERE y = ${current})::int AS closed_current,
            count(*) FILTER (WHERE y = ${previous})::int AS closed_previous,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE y = ${current}) AS days_current,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE y = ${previous}) AS days_previous
       FROM per_year`,
    s.params,
  )) as Record<string, number | null>[];
  return {
    closed: { current: Number(row.closed_current), previous: Number(row.closed_previous) },
    days: { current: nullableNumber(row.days_current), previous: nullableNumber(row.days_previous) },
  };
}

/** Referrals (by service and status) and follow-ups dated in each year, of every case in scope. */
async function eventDimensions(manager: EntityManager, base: Base, year: number): Promise<Map<string, Counts>> {
  const s = new Statement(base.params);
  const yearStart = s.value(`${year}-01-01`, 'date');
  const from = s.value(`${year - 1}-01-01`, 'date');
  const to = s.value(`${year}-12-31`, 'date');
  const both = (column: string) =>
    `count(*) FILTER (WHERE ${column} >= ${yearStart})::int AS current, count(*) FILTER (WHERE ${column} < ${yearStart})::int AS previous`;
  const rows = (await manager.query(
    `WITH base AS (${base.sql}),
     referred AS (
       SELECT rf.service_type, rf.status, rf.referred_at
         FROM base b JOIN referrals rf ON rf.case_id = b.id
        WHERE rf.referred_at BETWEEN ${from} AND ${to}
     )
     SELECT d.dim, d.key, ${both('rf.referred_at')}
       FROM referred rf
       CROSS JOIN LATERAL (VALUES ('referralService', rf.service_type), ('referralOutcome', rf.status), ('referrals', '')) AS d(dim, key)
      GROUP BY d.dim, d.key
     UNION ALL
     SELECT 'followUps', '', ${both('fu.date')}
       FROM base b JOIN follow_ups fu ON fu.case_id = b.id
      WHERE fu.date BETWEEN ${from} AND ${to}`,
    s.params,
  )) as { dim: string; key: string; current: number; previous: number }[];
  return byDimension(rows);
}

interface PlanRow {
  id: string;
  groupId: string;
  year: number;
  groupName: string;
  villageName: string;
  planned: number;
  done: number;
  activities: number;
  women: number;
  men: number;
  girls: number;
  boys: number;
  disability: number;
}

/** The where clause of work plans in the report's organisation and scope, alias `wp`. */
function planScope(s: Statement, input: ReportFiguresInput): string {
  const column = { organization: null, region: 'region_id', village: 'village_id', group: 'group_id' }[
    input.scope.level
  ];
  const organization = `wp.organization_id = ${s.value(input.organizationId, 'uuid')}`;
  return column ? `${organization} AND wp.${column} = ${s.value(input.scope.id, 'uuid')}` : organization;
}

/** Per work plan of the two years: items planned (not cancelled) and done, activities and participants. */
async function groupFigures(manager: EntityManager, input: ReportFiguresInput): Promise<PlanRow[]> {
  const s = new Statement();
  const where = planScope(s, input);
  const rows = (await manager.query(
    `SELECT wp.id, wp.group_id AS "groupId", wp.year::int AS year, g.name AS "groupName", v.name AS "villageName",
            (SELECT count(*) FROM plan_items i WHERE i.work_plan_id = wp.id AND i.status <> 'cancelled')::int AS planned,
            (SELECT count(*) FROM plan_items i WHERE i.work_plan_id = wp.id AND i.status = 'done')::int AS done,
            a.activities, a.women, a.men, a.girls, a.boys, a.disability
       FROM work_plans wp
       JOIN groups g ON g.id = wp.group_id
       JOIN villages v ON v.id = g.village_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS activities, COALESCE(sum(ar.women), 0)::int AS women, COALESCE(sum(ar.men), 0)::int AS men,
                COALESCE(sum(ar.girls), 0)::int AS girls, COALESCE(sum(ar.boys), 0)::int AS boys, COALESCE(sum(ar.disability), 0)::int AS disability
           FROM activity_reports ar WHERE ar.work_plan_id = wp.id
       ) a
      WHERE ${where} AND wp.year IN (${s.value(input.year, 'int')}, ${s.value(input.year - 1, 'int')})
      ORDER BY v.name, g.name, g.id, wp.year DESC`,
    s.params,
  )) as PlanRow[];
  return rows.map((row) => ({ ...row, year: Number(row.year) }));
}

/**
 * The obstacles and lessons written in the activity reports of the year's plans (internal reports
 * only): each distinct text of a plan once, with how many reports wrote it, by its first activity date.
 */
async function freeText(
  manager: EntityManager,
  input: ReportFiguresInput,
): Promise<Map<string, { obstacles: GroupNote[]; lessons: GroupNote[] }>> {
  const s = new Statement();
  const where = planScope(s, input);
  const rows = (await manager.query(
    `SELECT ar.work_plan_id AS "planId", n.kind, n.text, count(*)::int AS times
       FROM activity_reports ar
       JOIN work_plans wp ON wp.id = ar.work_plan_id
       CROSS JOIN LATERAL (VALUES ('obstacles', NULLIF(btrim(ar.obstacles), '')), ('lessons', NULLIF(btrim(ar.lessons), ''))) AS n(kind, text)
      WHERE ${where} AND wp.year = ${s.value(input.year, 'int')} AND n.text IS NOT NULL
      GROUP BY ar.work_plan_id, n.kind, n.text
      ORDER BY min(ar.date), min(ar.created_at), n.text`,
    s.params,
  )) as { planId: string; kind: 'obstacles' | 'lessons'; text: string; times: number }[];
  const notes = new Map<string, { obstacles: GroupNote[]; lessons: GroupNote[] }>();
  for (const row of rows) {
    const entry = notes.get(row.planId) ?? { obstacles: [], lessons: [] };
    entry[row.kind].push({ text: row.text, times: Number(row.times) });
    notes.set(row.planId, entry);
  }
  return notes;
}

/** The organisation's name and the scope's (the organisation's own for an organisation-wide report). */
async function placeNames(
  manager: EntityManager,
  input: ReportFiguresInput,
): Promise<{ organization: string; scope: string }> {
  const [organization] = (await manager.query('SELECT name FROM organizations WHERE id = $1', [
    input.organizationId,
  ])) as { name: string }[];
  if (!organization) throw new Error('The report’s organisation does not exist.');
  if (input.scope.level === 'organization') return { organization: organization.name, scope: organization.name };
  const table = { region: 'regions', village: 'villages', group: 'groups' }[input.scope.level];
  const [place] = (await manager.query(`SELECT name FROM ${table} WHERE id = $1 AND organization_id = $2`, [
    input.scope.id,
    input.organizationId,
  ])) as { name: string }[];
  if (!place) throw new Error(`The report’s ${input.scope.level} does not exist in its organisation.`);
  return { organization: organization.name, scope: place.name };
}

/** Village names, with the region's where two villages of the table share a name (an organisation-wide report). */
async function villageNames(
  manager: EntityManager,
  organizationId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await manager.query(
    `SELECT v.id, v.name, r.name AS region FROM villages v JOIN regions r ON r.id = v.region_id
      WHERE v.organization_id = $1 AND v.id = ANY($2::uuid[])`,
    [organizationId, ids],
  )) as { id: string; name: string; region: string }[];
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.name, (seen.get(row.name) ?? 0) + 1);
  return new Map(rows.map((row) => [row.id, (seen.get(row.name) ?? 0) > 1 ? `${row.name} (${row.region})` : row.name]));
}

// -------------------------------------------------------------------------------------------------
// Shaping

function byDimension(rows: { dim: string; key: string; current: number; previous: number }[]): Map<string, Counts> {
  const dims = new Map<string, Counts>();
  for (const row of rows) {
    const counts = dims.get(row.dim) ?? new Map();
    counts.set(row.key, { current: Number(row.current), previous: Number(row.previous) });
    dims.set(row.dim, counts);
  }
  return dims;
}

function codesOf(list: readonly { code: string }[]): string[] {
  return list.map((entry) => entry.code);
}

/**
 * One row per code of the list, in its order, zeros included (so years and scopes compare row by
 * row), then any other code met (sorted), then "unknown"/"none" when some case has it.
 */
function rowsOf(codes: readonly string[], counts: Counts): ReportRow[] {
  const known = new Set(codes);
  const extra = [...counts.keys()].filter((key) => !known.has(key) && key !== UNKNOWN && key !== NONE).sort();
  const rows: ReportRow[] = [...codes, ...extra].map((key) => ({
    key,
    ...(counts.get(key) ?? { current: 0, previous: 0 }),
  }));
  for (const key of [UNKNOWN, NONE].filter((special) => !known.has(special))) {
    const found = counts.get(key);
    if (found && (found.current > 0 || found.previous > 0)) rows.push({ key, ...found });
  }
  return rows;
}

/** Villages with a case in either year, by name; cases without a village last, as "none". */
function villageRows(counts: Counts, labels: Map<string, string>): ReportRow[] {
  const rows: ReportRow[] = [...counts]
    .filter(([key]) => key !== NONE)
    .map(([key, value]) => ({ key, label: labels.get(key) ?? key, ...value }))
    .sort((a, b) => (a.label as string).localeCompare(b.label as string, 'id') || a.key.localeCompare(b.key));
  const none = counts.get(NONE);
  if (none && (none.current > 0 || none.previous > 0)) rows.push({ key: NONE, ...none });
  return rows;
}

function table(
  key: string,
  rows: ReportRow[],
  options: { codeList?: string; total: boolean; chart?: boolean; totalIs?: string },
): ReportTable {
  const add = (side: 'current' | 'previous') => rows.reduce((total, row) => total + (row[side] as number), 0);
  return {
    key,
    ...(options.codeList ? { codeList: options.codeList } : {}),
    rows,
    ...(options.total ? { total: { current: add('current'), previous: add('previous') } } : {}),
    ...(options.chart ? { chart: 'bar' as const } : {}),
    ...(options.total && options.totalIs ? { totalIs: options.totalIs } : {}),
  };
}

/** A median in days, one decimal; a side over no case is 0 and listed in `noData`. */
function median(key: string, values: { current: number | null; previous: number | null }): SummaryFigure {
  const round = (value: number | null) => (value === null ? 0 : Math.round(value * 10) / 10);
  const noData = (['current', 'previous'] as const).filter((side) => values[side] === null);
  return {
    key,
    current: round(values.current),
    previous: round(values.previous),
    unit: 'days',
    ...(noData.length > 0 ? { noData } : {}),
  };
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
