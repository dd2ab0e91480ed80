import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyRowScope, AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { DataSource } from 'typeorm';
import { OVERDUE_INDEXED } from './case-overdue';
import { CaseStatDeltaEntity } from './case-stat-delta.entity';
import { CaseSpecs } from './case.specs';

const STAT_DELTAS = 'case_stat_deltas';
const SCOPE_COLUMNS = [
  'organization_id',
  'region_id',
  'village_id',
  'group_id',
  'assigned_companion_id',
  'co_companion_id',
  'excluded_user_ids',
].join(', ');

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

  /**
   * Folds the delta rows into one row per scope and figure, dropping those that sum to nothing.
   * Writers only insert, so this statement's delete takes only the rows its snapshot sees and the
   * sums stay whole under concurrent changes; readers see the table before or after it.
   */
  async compact(): Promise<void> {
    await this.dataSource.query(`
      WITH folded AS (DELETE FROM ${STAT_DELTAS} RETURNING ${SCOPE_COLUMNS}, measure, key, delta)
      INSERT INTO ${STAT_DELTAS} (${SCOPE_COLUMNS}, measure, key, delta)
      SELECT ${SCOPE_COLUMNS}, measure, key, sum(delta)::int
      FROM folded
      GROUP BY ${SCOPE_COLUMNS}, measure, key
      HAVING sum(delta) <> 0`);
  }
}
