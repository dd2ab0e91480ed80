import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { VillageEntity } from './village.entity';

/**
 * A kelompok dampingan in one village. `regionId` repeats the village's region so that scope
 * rules are plain column conditions; villages never change region, so it cannot drift.
 */
@Entity({ name: 'groups' })
@Index('UQ_groups_village_name', ['villageId', 'name'], { unique: true })
@Index('IDX_groups_org_region', ['organizationId', 'regionId'])
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @Column({ name: 'village_id', type: 'uuid' })
  villageId!: string;

  @ManyToOne(() => VillageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: VillageEntity;

  @Column({ type: 'text' })
  name!: string;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
