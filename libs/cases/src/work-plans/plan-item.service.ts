import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOT_FOUND, RequestAuth, ScopedResources } from '@pendamping/auth';
import { Clock, DomainError } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';
import { PlanItemStatus } from '../code-lists/work-plan-codes';
import { ActivityReportEntity } from './activity-report.entity';
import { PlanItemEntity } from './plan-item.entity';
import { WorkPlanEntity } from './work-plan.entity';
import { PLAN_ITEMS, planScopeOf, WORK_PLANS } from './work-plan.specs';
import { isEditable, ITEM_NEXT_STATUSES, planConflict } from './work-plan-workflow';

export interface PlanItemInput {
  title?: string;
  category?: string;
  targetCount?: number;
  targetUnit?: string;
  plannedMonths?: number[];
  keyPersons?: string | null;
  budget?: number | null;
  drppaIndicators?: string[];
  status?: PlanItemStatus;
  statusReason?: string;
}

const STATUS_FIELDS = new Set(['status', 'statusReason']);

/**
 * The items of a plan. While the plan is a draft (or returned) the group changes anything; once
 * submitted nothing; once approved the items approved with it only change status, with a reason,
 * while new items are added and marked as added after approval (SPEC §6).
 */
@Injectable()
export class PlanItemService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly clock: Clock,
  ) {}

  async create(
    auth: RequestAuth,
    planId: string,
    input: PlanItemInput & {
      title: string;
      category: string;
      targetCount: number;
      targetUnit: string;
      plannedMonths: number[];
    },
  ) {
    const plan = await this.resources.findVisible(this.dataSource.manager, WORK_PLANS, auth, planId);
    const record = { ...planScopeOf(plan), workPlanId: planId, status: input.status ?? 'planned' };
    return this.resources.create(PLAN_ITEMS, auth, record, input, async (manager) => {
      const current = await this.lockedPlan(manager, planId);
      if (current.status === 'submitted') throw planConflict(current.status, 'adding an item');
      if (input.status && input.status !== 'planned')
        throw new DomainError('business-rule', 'A new item starts as planned.', {
          errors: [{ field: 'status', message: 'must be planned' }],
        });
      const row = {
        organizationId: plan.organizationId,
        workPlanId: planId,
        title: input.title,
        category: input.category,
        targetCount: input.targetCount,
        targetUnit: input.targetUnit,
        plannedMonths: [...new Set(input.plannedMonths)].sort((a, b) => a - b),
        keyPersons: input.keyPersons ?? null,
        budget: input.budget === undefined || input.budget === null ? null : String(input.budget),
        status: 'planned' as const,
        drppaIndicators: input.drppaIndicators ?? [],
        addedAfterApproval: current.status === 'approved',
        createdAt: this.clock.now(),
      };
      return (await manager.insert(PlanItemEntity, row)).identifiers[0].id as string;
    });
  }

  async get(auth: RequestAuth, planId: string, itemId: string) {
    await this.belongs(planId, itemId);
    return this.resources.get(PLAN_ITEMS, auth, itemId);
  }

  async update(auth: RequestAuth, planId: string, itemId: string, version: number, input: PlanItemInput) {
    await this.belongs(planId, itemId);
    return this.resources.update(PLAN_ITEMS, auth, itemId, version, input, async (manager, current) => {
      const plan = await this.lockedPlan(manager, planId);
      if (plan.status === 'submitted') throw planConflict(plan.status, 'changing an item');
      const frozen = plan.status === 'approved' && !current.addedAfterApproval;
      const beyondStatus = Object.keys(input).filter((field) => !STATUS_FIELDS.has(field));
      if (frozen && beyondStatus.length > 0)
        throw planConflict(plan.status, `changing ${beyondStatus.join(', ')} of an approved item`);
      if (input.statusReason !== undefined && (input.status === undefined || input.status === current.status)) {
        throw new DomainError('business-rule', 'A status reason goes with a change of status.', {
          errors: [{ field: 'statusReason', message: 'needs a new status' }],
        });
      }
      if (input.status !== undefined && input.status !== current.status) {
        if (!input.statusReason)
          throw new DomainError('business-rule', 'A status set by hand needs a reason.', {
            errors: [{ field: 'statusReason', message: 'is required' }],
          });
        if (!ITEM_NEXT_STATUSES[current.status].includes(input.status)) {
          throw new DomainError('conflict', `The item is ${current.status}; it cannot become ${input.status}.`, {
            currentStatus: current.status,
          });
        }
      }
      const { plannedMonths, budget, ...rest } = input;
      const changes = {
        ...rest,
        ...(plannedMonths ? { plannedMonths: [...new Set(plannedMonths)].sort((a, b) => a - b) } : {}),
        ...(budget !== undefined ? { budget: budget === null ? null : String(budget) } : {}),
      };
      if (Object.keys(changes).length > 0) await manager.update(PlanItemEntity, { id: itemId }, changes);
    });
  }

  /** Only from a plan the group may still change: what was approved stays on record. */
  async remove(auth: RequestAuth, planId: string, itemId: string, version: number | undefined) {
    await this.belongs(planId, itemId);
    await this.resources.remove(PLAN_ITEMS, auth, itemId, version, async (manager) => {
      const plan = await this.lockedPlan(manager, planId);
      if (!isEditable(plan.status)) throw planConflict(plan.status, 'deleting an item');
      if ((await manager.countBy(ActivityReportEntity, { planItemId: itemId })) > 0) {
        throw new DomainError(
          'conflict',
          'The item has activity reports; cancel it with a reason instead of deleting it.',
          { currentStatus: plan.status },
        );
      }
    });
  }

  /** An item of another plan is not found, whatever else the request says. */
  async belongs(planId: string, itemId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(PlanItemEntity).existsBy({ id: itemId, workPlanId: planId })))
      throw NOT_FOUND();
  }

  /** The plan's status read under a lock, so a submission and an edit do not cross. */
  private async lockedPlan(manager: EntityManager, planId: string): Promise<WorkPlanEntity> {
    const plan = await manager
      .createQueryBuilder(WorkPlanEntity, 'plan')
      .where('plan.id = :planId', { planId })
      .setLock('pessimistic_read')
      .getOne();
    if (!plan) throw NOT_FOUND();
    return plan;
  }
}
