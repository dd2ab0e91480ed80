import { CaseEntity } from './case.entity';
import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One perpetrator of a case: relationship, sex and age group coded; name and phone sealed under the case's key. */
@Entity({ name: 'case_perpetrators' })
@Index('UQ_case_perpetrators_case_position', ['caseId', 'position'], { unique: true })
export class CasePerpetratorEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  relationship!: string;

  @Column({ type: 'text', nullable: true })
  sex!: string | null;

  @Column({ name: 'age_group', type: 'text', nullable: true })
  ageGroup!: string | null;

  @Column({ type: 'bytea', nullable: true })
  name!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  phone!: Buffer | null;
}
