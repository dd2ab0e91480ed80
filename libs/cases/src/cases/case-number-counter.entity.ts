import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last case number given per organisation, region and year. Incremented in the transaction
 * that inserts the case, so the row lock orders concurrent creations and a rolled-back creation
 * gives its number back: numbers are gap-free and never reused.
 */
@Entity({ name: 'case_number_counters' })
export class CaseNumberCounterEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;
}
