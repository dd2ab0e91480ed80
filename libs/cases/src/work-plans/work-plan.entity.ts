import { GroupEntity, OrganizationEntity, RegionEntity, UserEntity, VillageEntity } from '@pendamping/auth/entities';
import { TenantRecord } from '@pendamping/auth/organizations/tenant-record';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { WORK_PLAN_STATUS_CODES, WorkPlanStatus } from '../code-lists/work-plan-codes';

/** A group's plan for one year (SPEC §6); its village and region are copied from the group for scoping and reports. */
@Entity({ name: 'work_plans' })
@Index('UQ_work_plans_group_year', ['groupId', 'year'], { unique: true })
@Index('IDX_work_plans_org_created', ['organizationId', 'createdAt', 'id'])
@Index('IDX_work_plans_region_year', ['regionId', 'year'])
@Check('CHK_work_plans_status', `"status" IN (${WORK_PLAN_STATUS_CODES.map((code) => `'${code}'`).join(', ')})`)
export class WorkPlanEntity extends TenantRecord {
  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ name: 'village_id', type: 'uuid' })
  villageId!: string;

  @ManyToOne(() => VillageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: VillageEntity;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'text' })
  status!: WorkPlanStatus;

  @Column({ type: 'text', nullable: true })
  goals!: string | null;

  @Column({ name: 'review_comments', type: 'text', nullable: true })
  reviewComments!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: UserEntity;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by' })
  reviewer?: UserEntity;

  @Column({ name: 'copied_from_id', type: 'uuid', nullable: true })
  copiedFromId!: string | null;

  @ManyToOne(() => WorkPlanEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'copied_from_id' })
  copiedFrom?: WorkPlanEntity;
}
