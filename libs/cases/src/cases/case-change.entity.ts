import { CaseEntity } from './case.entity';
import { Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One field's new value in a case's history. A coded value is kept as JSON; an identifying or
 * sensitive one is sealed under the case's key, bound to this row's id, so the history is no
 * weaker than the case itself and shredding the case's key erases it too.
 */
@Entity({ name: 'case_changes' })
@Index('IDX_case_changes_case_time', ['caseId', 'changedAt', 'id'])
export class CaseChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  /** The request's action: create, update, transition or assign. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  field!: string;

  @Column({ name: 'coded_value', type: 'jsonb', nullable: true })
  codedValue!: unknown;

  @Column({ name: 'sealed_value', type: 'bytea', nullable: true })
  sealedValue!: Buffer | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
