import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestAuth, ScopedResources } from '@pendamping/auth';
import { GROUPS } from '@pendamping/auth/organizations/directory.specs';
import { uniqueOr409 } from '@pendamping/auth/organizations/unique-violation';
import { Clock, DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { WorkPlanStatus } from '../code-lists/work-plan-codes';
import { PlanItemEntity } from './plan-item.entity';
import { WorkPlanEntity } from './work-plan.entity';
import { PLAN_ITEMS, WORK_PLANS } from './work-plan.specs';
import { isEditable, PLAN_STEPS, PlanStep, planConflict } from './work-plan-workflow';

export interface NewWorkPlan {
  groupId: string;
  year: number;
  goals?: string;
  copyFrom?: string;
}

export interface WorkPlanFilters {
  groupId?: string;
  year?: number;
  status?: WorkPlanStatus;
}

const refused = (field: string, message: string) =>
  new DomainError('business-rule', `${field} ${message}.`, { errors: [{ field, message }] });

/** SPEC §6: a group's plan for a year, its workflow, and a copy of last year's as next year's draft. */
@Injectable()
export class WorkPlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly clock: Clock,
  ) {}

  list(auth: RequestAuth, page: { cursor?: string; limit?: number }, filters: WorkPlanFilters) {
    return this.resources.list(WORK_PLANS, auth, page, (query) => {
      if (filters.groupId) query.andWhere('row.groupId = :groupId', { groupId: filters.groupId });
      if (filters.year) query.andWhere('row.year = :year', { year: filters.year });
      if (filters.status) query.andWhere('row.status = :status', { status: filters.status });
    });
  }

  /** The plan with its items, each filtered to what the caller may read. */
  async get(auth: RequestAuth, id: string) {
    const plan = await this.resources.get(WORK_PLANS, auth, id);
    const items = await this.resources
      .scoped(this.dataSource.manager, PLAN_ITEMS, auth)
      .andWhere('row.workPlanId = :id', { id })
      .orderBy('row.createdAt', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .getMany();
    return { ...plan, items: await this.resources.present(this.dataSource.manager, PLAN_ITEMS, auth, items, 'read') };
  }

  async create(auth: RequestAuth, input: NewWorkPlan) {
    const [group] = await this.resources.referenced(GROUPS, auth, [input.groupId], 'groupId');
    const source = input.copyFrom ? await this.copySource(auth, input) : undefined;
    const record = {
      organizationId: auth.actor.organizationId,
      groupId: group.id,
      villageId: group.villageId,
      regionId: group.regionId,
      year: input.year,
      goals: input.goals ?? source?.goals ?? null,
      copiedFromId: source?.id ?? null,
      status: 'draft' as const,
    };
    const now = this.clock.now();
    const body = { groupId: input.groupId, year: input.year, goals: input.goals, copiedFromId: input.copyFrom };
    return this.resources.create(WORK_PLANS, auth, record, body, async (manager) => {
      const id = await uniqueOr409(
        async () => (await manager.insert(WorkPlanEntity, { ...record, createdAt: now })).identifiers[0].id as string,
        { UQ_work_plans_group_year: 'year' },
      );
      if (source) {
        // The items carry over as planned, in their order, without their reports; items cancelled last year do not.
        await manager.query(
          `INSERT INTO plan_items (organization_id, version, work_plan_id, title, category, target_count, target_unit, planned_months, key_persons, budget, status, drppa_indicators, created_at, updated_at)
           SELECT organization_id, 1, $1, title, category, target_count, target_unit, planned_months, key_persons, budget, 'planned', drppa_indicators,
                  $3::timestamptz + make_interval(secs => n / 1e6), $3::timestamptz + make_interval(secs => n / 1e6)
             FROM (SELECT *, row_number() OVER (ORDER BY created_at, id) AS n FROM plan_items WHERE work_plan_id = $2 AND status <> 'cancelled') source`,
          [id, source.id, now],
        );
      }
      return id;
    });
  }

  update(auth: RequestAuth, id: string, version: number, input: { goals?: string | null }) {
    return this.resources.update(WORK_PLANS, auth, id, version, input, async (manager, current) => {
      if (!isEditable(current.status)) throw planConflict(current.status, 'changing it');
      await manager.update(WorkPlanEntity, { id }, input);
    });
  }

  /** Submit (the group), approve or return with comments (the region's coordinator). */
  step(auth: RequestAuth, id: string, step: PlanStep, input: { comments?: string; version?: number }) {
    const { action, from, to } = PLAN_STEPS[step];
    const fields =
      step === 'submit'
        ? ['status', 'submittedAt', 'submittedBy']
        : ['status', 'reviewComments', 'reviewedAt', 'reviewedBy'];
    return this.resources.act(
      WORK_PLANS,
      auth,
      id,
      { action, version: input.version, fields },
      async (manager, current) => {
        if (!from.includes(current.status)) throw planConflict(current.status, `to ${step} it`);
        if (step === 'submit' && (await manager.countBy(PlanItemEntity, { workPlanId: id })) === 0) {
          throw new DomainError('business-rule', 'A plan needs at least one item before it is submitted.', {
            errors: [{ field: 'items', message: 'is empty' }],
          });
        }
        // An approval without comments keeps the comments the plan was returned with: they explain what changed.
        const stamp =
          step === 'submit'
            ? { submittedAt: this.clock.now(), submittedBy: auth.actor.userId }
            : {
                reviewedAt: this.clock.now(),
                reviewedBy: auth.actor.userId,
                reviewComments: input.comments ?? current.reviewComments,
              };
        await manager.update(WorkPlanEntity, { id }, { status: to, ...stamp });
      },
    );
  }

  /** The plan copied: an earlier plan of the same group the caller can read. */
  private async copySource(auth: RequestAuth, input: NewWorkPlan): Promise<WorkPlanEntity> {
    const [source] = await this.resources.referenced(WORK_PLANS, auth, [input.copyFrom as string], 'copyFrom');
    if (source.groupId !== input.groupId) throw refused('copyFrom', 'must be a plan of the same group');
    if (source.year >= input.year) throw refused('copyFrom', 'must be a plan of an earlier year');
    return source;
  }
}
