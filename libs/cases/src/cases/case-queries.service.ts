import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { CREATION_ORDER, Page } from '@pendamping/core';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CaseEntity } from './case.entity';
import { worklistOrder } from './case-list-order';
import { CaseSpecs } from './case.specs';

export interface CaseFilters {
  status?: string;
  regionId?: string;
  villageId?: string;
  groupId?: string;
  violenceType?: string;
  riskLevel?: string;
  assignedTo?: 'me';
  overdue?: boolean;
  intakeFrom?: string;
  intakeTo?: string;
}

/** "Today" where the case is: its region's time zone (SPEC §2). */
const REGION_TODAY = `(now() AT TIME ZONE (SELECT r.time_zone FROM regions r WHERE r.id = "row"."region_id"))::date`;
const OVERDUE = `("row"."next_follow_up_due" < ${REGION_TODAY} AND "row"."status" <> 'closed')`;

export const MAX_DUE_ITEMS = 200;

/** Lists, counts and worklists of cases, filtered in SQL by the caller's rules. */
@Injectable()
export class CaseQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * `assignedTo=me` is the worklist: its order's partitions (her own cases, those she is
   * co-companion of) are the filter, so that each is read from its index in order.
   */
  list(
    auth: RequestAuth,
    page: { cursor?: string; limit?: number },
    filters: CaseFilters,
  ): Promise<Page<Record<string, unknown>>> {
    const order = filters.assignedTo === 'me' ? worklistOrder(auth.actor.userId) : CREATION_ORDER;
    return this.resources.list(this.specs.caseSummaries, auth, page, (query) => this.filter(query, filters), order);
  }

  /** De-identified counts of the caller's cases, computed by PostgreSQL in one statement. */
  async summary(auth: RequestAuth) {
    return this.dataSource.transaction(async (manager) => {
      const [sql, parameters] = this.resources
        .scoped(manager, this.specs.caseSummaries, auth)
        .select([
          '"row"."status" AS status',
          '"row"."risk_level" AS risk_level',
          '"row"."violence_types" AS violence_types',
        ])
        .addSelect('"row"."survivor_sex"', 'sex')
        .addSelect('"row"."survivor_age_at_intake" < 18', 'child')
        .addSelect(OVERDUE, 'overdue')
        .addSelect('"row"."intake_date"', 'intake_date')
        .getQueryAndParameters();
      const counts = (grouped: string, from = 'scoped') =>
        `(SELECT coalesce(jsonb_object_agg(key, n), '{}') FROM (SELECT ${grouped} AS key, count(*)::int AS n FROM ${from} GROUP BY 1) g WHERE key IS NOT NULL)`;
      const [row] = (await manager.query(
        `WITH scoped AS (${sql})
         SELECT (SELECT count(*)::int FROM scoped) AS total,
                ${counts('status')} AS by_status,
                ${counts('risk_level')} AS by_risk_level,
                ${counts('type', 'scoped, unnest(violence_types) AS type')} AS by_violence_type,
                ${counts('sex')} AS by_sex,
                ${counts('extract(year FROM intake_date)::int::text')} AS by_intake_year,
                (SELECT count(*)::int FROM scoped WHERE child) AS children,
                (SELECT count(*)::int FROM scoped WHERE overdue) AS overdue_follow_ups`,
        parameters,
      )) as Record<string, unknown>[];
      await this.audit.recordRead(manager, this.resources.event(auth, 'count', 'Case', null, [], 'success'));
      return {
        total: row.total,
        byStatus: row.by_status,
        byRiskLevel: row.by_risk_level,
        byViolenceType: row.by_violence_type,
        bySex: row.by_sex,
        byIntakeYear: row.by_intake_year,
        children: row.children,
        overdueFollowUps: row.overdue_follow_ups,
      };
    });
  }

  /**
   * The follow-ups due within `days` (overdue first, then by due date) of the caller's open cases:
   * a companion's are their cases, a coordinator's their regions'. A worklist, capped at
   * MAX_DUE_ITEMS most urgent, rather than a paged list.
   */
  async due(auth: RequestAuth, days: number) {
    return this.dataSource.transaction(async (manager) => {
      const { entities, raw } = await this.resources
        .scoped(manager, this.specs.caseSummaries, auth)
        .andWhere(`"row"."next_follow_up_due" IS NOT NULL AND "row"."status" <> 'closed'`)
        .andWhere(`"row"."next_follow_up_due" <= ${REGION_TODAY} + :days::int`, { days })
        .addSelect(OVERDUE, 'overdue')
        .orderBy('row.nextFollowUpDue', 'ASC')
        .addOrderBy('row.id', 'ASC')
        .limit(MAX_DUE_ITEMS)
        .getRawAndEntities<{ overdue: boolean }>();
      await this.audit.recordRead(manager, this.resources.event(auth, 'list_due', 'Case', null, [], 'success'));
      return {
        items: entities.map((row, index) => ({
          caseId: row.id,
          caseNumber: row.caseNumber,
          dueDate: row.nextFollowUpDue,
          overdue: raw[index].overdue,
          riskLevel: row.riskLevel,
          assignedCompanionId: row.assignedCompanionId,
        })),
      };
    });
  }

  private filter(query: SelectQueryBuilder<CaseEntity>, filters: CaseFilters): void {
    const equal = {
      status: 'status',
      regionId: 'region_id',
      villageId: 'village_id',
      groupId: 'group_id',
      riskLevel: 'risk_level',
    } as const;
    for (const [name, column] of Object.entries(equal)) {
      const value = filters[name as keyof typeof equal];
      if (value !== undefined) query.andWhere(`"row"."${column}" = :${name}`, { [name]: value });
    }
    if (filters.violenceType)
      query.andWhere(`:violenceType = ANY("row"."violence_types")`, { violenceType: filters.violenceType });
    if (filters.overdue === true) query.andWhere(OVERDUE);
    if (filters.overdue === false) query.andWhere(`NOT coalesce(${OVERDUE}, false)`);
    if (filters.intakeFrom) query.andWhere(`"row"."intake_date" >= :intakeFrom`, { intakeFrom: filters.intakeFrom });
    if (filters.intakeTo) query.andWhere(`"row"."intake_date" <= :intakeTo`, { intakeTo: filters.intakeTo });
  }
}
