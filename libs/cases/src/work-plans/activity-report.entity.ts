import { UserEntity } from '@pendamping/auth/entities';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlanItemEntity } from './plan-item.entity';
import { WorkPlanEntity } from './work-plan.entity';

/** What a group did for a plan item on one day: who took part, what came of it, what stood in the way, what was learned. */
@Entity({ name: 'activity_reports' })
@Index('IDX_activity_reports_item_created', ['planItemId', 'createdAt', 'id'])
@Index('IDX_activity_reports_plan', ['workPlanId'])
@Check(
  'CHK_activity_reports_participants',
  '"women" >= 0 AND "men" >= 0 AND "girls" >= 0 AND "boys" >= 0 AND "disability" >= 0',
)
export class ActivityReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'plan_item_id', type: 'uuid' })
  planItemId!: string;

  @ManyToOne(() => PlanItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_item_id' })
  planItem?: PlanItemEntity;

  @Column({ name: 'work_plan_id', type: 'uuid' })
  workPlanId!: string;

  @ManyToOne(() => WorkPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_plan_id' })
  workPlan?: WorkPlanEntity;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'integer' })
  women!: number;

  @Column({ type: 'integer' })
  men!: number;

  @Column({ type: 'integer' })
  girls!: number;

  @Column({ type: 'integer' })
  boys!: number;

  /** Persons with disability among the participants counted above. */
  @Column({ type: 'integer' })
  disability!: number;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', nullable: true })
  results!: string | null;

  @Column({ type: 'text', nullable: true })
  obstacles!: string | null;

  @Column({ type: 'text', nullable: true })
  lessons!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
