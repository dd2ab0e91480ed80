import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyRowScope, AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { DataSource } from 'typeorm';
import { OVERDUE_INDEXED } from './case-overdue';
import { CaseStatDeltaEntity } from './case-stat-delta.entity';
import { CaseSpecs } from './case.specs';

interface FigureRow {
  measure: string;
  key: string;
  n: number;
}

/**
 * The dashboard summary (SPEC §9) without a scan of the cases: the delta rows a trigger writes
 * with every change of a case are summed under the caller's rules, which scope them exactly as
 * they scope cases because the rows carry a case's scope columns (restriction exclusions
 * included). Overdue follow-ups change with the date alone, so they are counted from the due-date
 * indexes of the caller's scoped cases.
 */
@Injectable()
export class CaseStatistics {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly audit: AuditWriter,
  ) {}

  async summary(auth: RequestAuth) {
    return this.dataSource.transaction(async (manager) => {
      const figures = await applyRowScope(
        manager
          .createQueryBuilder(CaseStatDeltaEntity, 'row')
          .select('"row"."measure"', 'measure')
          .addSelect('"row"."key"', 'key')
          .addSelect('sum("row"."delta")::int', 'n')
          .groupBy('"row"."measure"')
          .addGroupBy('"row"."key"')
          .having('sum("row"."delta") <> 0'),
        auth.ability,
        'read',
        'Case',
      ).getRawMany<FigureRow>();
      const overdueFollowUps = await this.resources
        .scoped(manager, this.specs.caseSummaries, auth)
        .andWhere(OVERDUE_INDEXED)
        .getCount();
      await this.audit.recordRead(manager, this.resources.event(auth, 'count', 'Case', null, [], 'success'));
      const counts = (measure: string) =>
        Object.fromEntries(figures.filter((row) => row.measure === measure).map((row) => [row.key, row.n]));
      const single = (measure: string) => figures.find((row) => row.measure === measure)?.n ?? 0;
      return {
        total: single('total'),
        byStatus: counts('status'),
        byRiskLevel: counts('risk_level'),
        byViolenceType: counts('violence_type'),
        bySex: counts('sex'),
        byIntakeYear: counts('intake_year'),
        children: single('children'),
        overdueFollowUps,
      };
    });
  }
}
