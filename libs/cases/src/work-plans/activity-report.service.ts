import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOT_FOUND, RequestAuth, ScopedResources } from '@pendamping/auth';
import { Clock, DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { PARTICIPANTS_UNIT } from '../code-lists/work-plan-codes';
import { ActivityReportEntity } from './activity-report.entity';
import { PlanItemService } from './plan-item.service';
import { ACTIVITY_REPORTS, PLAN_ITEMS, planScopeOf } from './work-plan.specs';

export interface NewActivityReport {
  /** A client-chosen id (offline capture); one already used never reaches here (ClientChosenIdInterceptor). */
  id?: string;
  date: string;
  participants: { women: number; men: number; girls: number; boys: number; disability: number };
  summary: string;
  results?: string;
  obstacles?: string;
  lessons?: string;
}

const refused = (field: string, message: string) =>
  new DomainError('business-rule', `${field} ${message}.`, { errors: [{ field, message }] });

/**
 * SPEC §6: what a group did for an item. A report moves a planned item to in progress, and to
 * done once the realised count reaches the target (the number of reports, or the participants when
 * the unit is `participants`); a cancelled item takes no reports.
 */
@Injectable()
export class ActivityReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly items: PlanItemService,
    private readonly clock: Clock,
  ) {}

  async list(auth: RequestAuth, planId: string, itemId: string, page: { cursor?: string; limit?: number }) {
    await this.items.belongs(planId, itemId);
    await this.resources.findVisible(this.dataSource.manager, PLAN_ITEMS, auth, itemId);
    return this.resources.list(ACTIVITY_REPORTS, auth, page, (query) =>
      query.andWhere('row.planItemId = :itemId', { itemId }),
    );
  }

  async get(auth: RequestAuth, planId: string, itemId: string, activityId: string) {
    await this.items.belongs(planId, itemId);
    if (!(await this.dataSource.getRepository(ActivityReportEntity).existsBy({ id: activityId, planItemId: itemId })))
      throw NOT_FOUND();
    return this.resources.get(ACTIVITY_REPORTS, auth, activityId);
  }

  async create(auth: RequestAuth, planId: string, itemId: string, input: NewActivityReport) {
    await this.items.belongs(planId, itemId);
    const item = await this.resources.findVisible(this.dataSource.manager, PLAN_ITEMS, auth, itemId);
    const plan = item.workPlan;
    const record = { ...planScopeOf(plan), planItemId: itemId, workPlanId: planId };
    const body = {
      date: input.date,
      participants: input.participants,
      summary: input.summary,
      results: input.results,
      obstacles: input.obstacles,
      lessons: input.lessons,
    };
    return this.resources.create(ACTIVITY_REPORTS, auth, record, body, async (manager) => {
      // The item locked for update: reports filed at once on one item take turns, each counting the others.
      const [{ status, year, today }] = (await manager.query(
        `SELECT i.status, p.year, (now() AT TIME ZONE r.time_zone)::date::text AS today
           FROM plan_items i JOIN work_plans p ON p.id = i.work_plan_id JOIN regions r ON r.id = p.region_id
          WHERE i.id = $1 FOR UPDATE OF i FOR SHARE OF p`,
        [itemId],
      )) as { status: string; year: number; today: string }[];
      if (status === 'cancelled')
        throw new DomainError('conflict', 'The item is cancelled; it takes no activity reports.', {
          currentStatus: status,
        });
      if (Number(input.date.slice(0, 4)) !== year) throw refused('date', `must be in the plan's year, ${year}`);
      if (input.date > today) throw refused('date', 'must not be in the future');
      const row = {
        ...(input.id ? { id: input.id } : {}),
        organizationId: record.organizationId,
        planItemId: itemId,
        workPlanId: planId,
        date: input.date,
        ...input.participants,
        summary: input.summary,
        results: input.results ?? null,
        obstacles: input.obstacles ?? null,
        lessons: input.lessons ?? null,
        createdBy: auth.actor.userId,
        createdAt: this.clock.now(),
      };
      const id = (await manager.insert(ActivityReportEntity, row)).identifiers[0].id as string;
      await manager.query(
        `UPDATE plan_items i SET status = CASE WHEN realised.n >= i.target_count THEN 'done' ELSE 'in_progress' END, version = i.version + 1, updated_at = now()
           FROM (SELECT CASE WHEN (SELECT target_unit FROM plan_items WHERE id = $1) = $2
                             THEN coalesce(sum(women + men + girls + boys), 0) ELSE count(*) END AS n
                   FROM activity_reports WHERE plan_item_id = $1) realised
          WHERE i.id = $1 AND i.status IN ('planned', 'in_progress')
            AND i.status <> CASE WHEN realised.n >= i.target_count THEN 'done' ELSE 'in_progress' END`,
        [itemId, PARTICIPANTS_UNIT],
      );
      return id;
    });
  }
}
