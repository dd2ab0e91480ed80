import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { CREATION_ORDER, KeysetOrder, Page } from '@pendamping/core';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CaseEntity } from './case.entity';
import { OVERDUE, OVERDUE_INDEXED, REGION_TODAY } from './case-overdue';
import { INTAKE_ORDER, worklistOrder } from './case-list-order';
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
   * co-companion of) are the filter, so that each is read from its index in order. A list with
   * an intake range is paged in intake order; every other list in creation order.
   */
  list(
    auth: RequestAuth,
    page: { cursor?: string; limit?: number },
    filters: CaseFilters,
  ): Promise<Page<Record<string, unknown>>> {
    return this.resources.list(
      this.specs.caseSummaries,
      auth,
      page,
      (query) => this.filter(query, filters),
      this.orderOf(auth, filters),
    );
  }

  private orderOf(auth: RequestAuth, filters: CaseFilters): KeysetOrder {
    if (filters.assignedTo === 'me') return worklistOrder(auth.actor.userId);
    return filters.intakeFrom || filters.intakeTo ? INTAKE_ORDER : CREATION_ORDER;
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
    if (filters.overdue === true) query.andWhere(OVERDUE_INDEXED);
    if (filters.overdue === false) query.andWhere(`NOT coalesce(${OVERDUE}, false)`);
    if (filters.intakeFrom) query.andWhere(`"row"."intake_date" >= :intakeFrom`, { intakeFrom: filters.intakeFrom });
    if (filters.intakeTo) query.andWhere(`"row"."intake_date" <= :intakeTo`, { intakeTo: filters.intakeTo });
  }
}
