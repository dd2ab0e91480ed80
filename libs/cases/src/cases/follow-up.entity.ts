import { CaseEntity } from './case.entity';
import { TenantRecord } from '@pendamping/auth/organizations/tenant-record';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { FOLLOW_UP_TYPE_CODES } from '../code-lists/case-codes';

/** A contact with the survivor or on their behalf; notes and next action sealed under the case's key. */
@Entity({ name: 'follow_ups' })
@Index('IDX_follow_ups_case_created', ['caseId', 'createdAt', 'id'])
@Check('CHK_follow_ups_type', `"type" IN (${FOLLOW_UP_TYPE_CODES.map((code) => `'${code}'`).join(', ')})`)
@Check('CHK_follow_ups_due_after_date', '"due_date" IS NULL OR "due_date" >= "date"')
export class FollowUpEntity extends TenantRecord {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'bytea', nullable: true })
  notes!: Buffer | null;

  @Column({ name: 'next_action', type: 'bytea', nullable: true })
  nextAction!: Buffer | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;
}
