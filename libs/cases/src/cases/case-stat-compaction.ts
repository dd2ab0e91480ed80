import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const SCOPE_COLUMNS = [
  'organization_id',
  'region_id',
  'village_id',
  'group_id',
  'assigned_companion_id',
  'co_companion_id',
  'excluded_user_ids',
].join(', ');

/** Keeps the summary's delta rows (case-stat-delta.entity.ts) about one per scope and figure. */
@Injectable()
export class CaseStatCompaction {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Folds the delta rows into one row per scope and figure, dropping those that sum to nothing.
   * Writers only insert, so this statement's delete takes only the rows its snapshot sees and the
   * sums stay whole under concurrent changes; readers see the table before or after it.
   */
  async compact(): Promise<void> {
    await this.dataSource.query(`
      WITH folded AS (DELETE FROM case_stat_deltas RETURNING ${SCOPE_COLUMNS}, measure, key, delta)
      INSERT INTO case_stat_deltas (${SCOPE_COLUMNS}, measure, key, delta)
      SELECT ${SCOPE_COLUMNS}, measure, key, sum(delta)::int
      FROM folded
      GROUP BY ${SCOPE_COLUMNS}, measure, key
      HAVING sum(delta) <> 0`);
  }
}
