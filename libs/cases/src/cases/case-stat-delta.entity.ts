import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One +n/-n change of one summary figure (a `measure` and its `key`, e.g. status/active) for the
 * cases sharing one scope: the columns the rules' conditions read on a case, under the same
 * property names, so the rules scope these rows exactly as they scope cases. Written by a trigger
 * on `cases` in the transaction of the change, only ever inserted (no hot row under concurrent
 * creations), summed on read and folded together by CaseStatCompaction.
 */
@Entity({ name: 'case_stat_deltas' })
@Index('IDX_case_stat_deltas_org_region', ['organizationId', 'regionId'])
@Index('IDX_case_stat_deltas_assigned', ['assignedCompanionId'], { where: '"assigned_companion_id" IS NOT NULL' })
@Index('IDX_case_stat_deltas_co_assigned', ['coCompanionId'], { where: '"co_companion_id" IS NOT NULL' })
export class CaseStatDeltaEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @Column({ name: 'village_id', type: 'uuid', nullable: true })
  villageId!: string | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ name: 'assigned_companion_id', type: 'uuid', nullable: true })
  assignedCompanionId!: string | null;

  @Column({ name: 'co_companion_id', type: 'uuid', nullable: true })
  coCompanionId!: string | null;

  @Column({ name: 'excluded_user_ids', type: 'uuid', array: true })
  excludedUserIds!: string[];

  @Column({ type: 'text' })
  measure!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  delta!: number;
}
