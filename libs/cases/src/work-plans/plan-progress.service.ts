import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { DataSource } from 'typeorm';
import { PARTICIPANTS_UNIT } from '../code-lists/work-plan-codes';
import { WORK_PLANS } from './work-plan.specs';

interface ItemRow {
  id: string;
  title: string;
  category: string;
  status: string;
  target_count: number;
  target_unit: string;
  planned_months: number[];
  added_after_approval: boolean;
  activities: number;
  realised: number;
  women: number;
  men: number;
  girls: number;
  boys: number;
  disability: number;
  overdue: boolean;
}

const percent = (realised: number, planned: number) =>
  planned === 0 ? 0 : Math.round((realised * 1000) / planned) / 10;

/**
 * SPEC §6: planned against realised, computed by PostgreSQL from the activity reports, never
 * typed in. An item's realised count is its number of reports, or the participants reached when
 * its unit is `participants`. An item is overdue when its last planned month has ended (in the
 * region's time zone) and it is neither done nor cancelled. The plan's figures count items:
 * planned (not cancelled) against done.
 */
@Injectable()
export class PlanProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly audit: AuditWriter,
  ) {}

  async progress(auth: RequestAuth, planId: string) {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.resources.findVisible(manager, WORK_PLANS, auth, planId);
      const rows = (await manager.query(
        `SELECT i.id, i.title, i.category, i.status, i.target_count, i.target_unit, i.planned_months, i.added_after_approval,
                count(a.id)::int AS activities,
                (CASE WHEN i.target_unit = $2 THEN coalesce(sum(a.women + a.men + a.girls + a.boys), 0) ELSE count(a.id) END)::int AS realised,
                coalesce(sum(a.women), 0)::int AS women, coalesce(sum(a.men), 0)::int AS men, coalesce(sum(a.girls), 0)::int AS girls,
                coalesce(sum(a.boys), 0)::int AS boys, coalesce(sum(a.disability), 0)::int AS disability,
                (i.status NOT IN ('done', 'cancelled')
                  AND make_date(p.year, (SELECT max(m) FROM unnest(i.planned_months) m), 1) + interval '1 month' <= (now() AT TIME ZONE r.time_zone)::date) AS overdue
           FROM plan_items i
           JOIN work_plans p ON p.id = i.work_plan_id
           JOIN regions r ON r.id = p.region_id
           LEFT JOIN activity_reports a ON a.plan_item_id = i.id
          WHERE i.work_plan_id = $1
          GROUP BY i.id, p.year, r.time_zone
          ORDER BY i.created_at, i.id`,
        [planId, PARTICIPANTS_UNIT],
      )) as ItemRow[];
      await this.audit.recordRead(
        manager,
        this.resources.event(auth, 'read_progress', 'WorkPlan', planId, [], 'success'),
      );
      const participants = (row: Pick<ItemRow, 'women' | 'men' | 'girls' | 'boys' | 'disability'>) => ({
        women: row.women,
        men: row.men,
        girls: row.girls,
        boys: row.boys,
        disability: row.disability,
        total: row.women + row.men + row.girls + row.boys,
      });
      const items = rows.map((row) => ({
        id: row.id,
        title: row.title,
        category: row.category,
        status: row.status,
        addedAfterApproval: row.added_after_approval,
        plannedMonths: row.planned_months,
        target: { count: row.target_count, unit: row.target_unit },
        realised: row.realised,
        percent: percent(row.realised, row.target_count),
        activities: row.activities,
        participants: participants(row),
        overdue: row.overdue,
      }));
      const planned = rows.filter((row) => row.status !== 'cancelled');
      const sum = (key: 'women' | 'men' | 'girls' | 'boys' | 'disability') =>
        rows.reduce((total, row) => total + row[key], 0);
      return {
        workPlanId: planId,
        year: plan.year,
        status: plan.status,
        items,
        plan: {
          itemsPlanned: planned.length,
          itemsDone: planned.filter((row) => row.status === 'done').length,
          itemsCancelled: rows.length - planned.length,
          itemsOverdue: rows.filter((row) => row.overdue).length,
          percentDone: percent(planned.filter((row) => row.status === 'done').length, planned.length),
          activities: rows.reduce((total, row) => total + row.activities, 0),
          participants: participants({
            women: sum('women'),
            men: sum('men'),
            girls: sum('girls'),
            boys: sum('boys'),
            disability: sum('disability'),
          }),
        },
      };
    });
  }
}
