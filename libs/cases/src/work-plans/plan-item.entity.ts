import { TenantRecord } from '@pendamping/auth/organizations/tenant-record';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PLAN_ITEM_CATEGORY_CODES, PLAN_ITEM_STATUS_CODES, PlanItemStatus } from '../code-lists/work-plan-codes';
import { WorkPlanEntity } from './work-plan.entity';

/** One thing a group plans to do in its year, with its target; realised figures are computed from activity reports. */
@Entity({ name: 'plan_items' })
@Index('IDX_plan_items_plan_created', ['workPlanId', 'createdAt', 'id'])
@Check('CHK_plan_items_status', `"status" IN (${PLAN_ITEM_STATUS_CODES.map((code) => `'${code}'`).join(', ')})`)
@Check('CHK_plan_items_target', '"target_count" > 0')
@Check('CHK_plan_items_category', `"category" IN (${PLAN_ITEM_CATEGORY_CODES.map((code) => `'${code}'`).join(', ')})`)
export class PlanItemEntity extends TenantRecord {
  @Column({ name: 'work_plan_id', type: 'uuid' })
  workPlanId!: string;

  @ManyToOne(() => WorkPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_plan_id' })
  workPlan?: WorkPlanEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'target_count', type: 'integer' })
  targetCount!: number;

  @Column({ name: 'target_unit', type: 'text' })
  targetUnit!: string;

  /** Months of the plan's year, 1-12, ascending. */
  @Column({ name: 'planned_months', type: 'smallint', array: true })
  plannedMonths!: number[];

  @Column({ name: 'key_persons', type: 'text', nullable: true })
  keyPersons!: string | null;

  /** Whole rupiah. */
  @Column({ type: 'bigint', nullable: true })
  budget!: string | null;

  @Column({ type: 'text' })
  status!: PlanItemStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'drppa_indicators', type: 'text', array: true, default: () => "'{}'" })
  drppaIndicators!: string[];

  @Column({ name: 'added_after_approval', type: 'boolean', default: false })
  addedAfterApproval!: boolean;
}
