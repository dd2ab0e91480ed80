import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantRecord } from './tenant-record';
import { RegionEntity } from './region.entity';

/** A desa/kelurahan of one region. */
@Entity({ name: 'villages' })
@Index('UQ_villages_region_name', ['regionId', 'name'], { unique: true })
@Index('IDX_villages_org', ['organizationId'])
export class VillageEntity extends TenantRecord {
  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity;

  @Column({ type: 'text' })
  name!: string;
}
