import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantRecord } from './tenant-record';
import { VillageEntity } from './village.entity';

/**
 * A kelompok dampingan in one village. `regionId` repeats the village's region so that scope
 * rules are plain column conditions; villages never change region, so it cannot drift.
 */
@Entity({ name: 'groups' })
@Index('UQ_groups_village_name', ['villageId', 'name'], { unique: true })
@Index('IDX_groups_org_region', ['organizationId', 'regionId'])
export class GroupEntity extends TenantRecord {
  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @Column({ name: 'village_id', type: 'uuid' })
  villageId!: string;

  @ManyToOne(() => VillageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: VillageEntity;

  @Column({ type: 'text' })
  name!: string;
}
