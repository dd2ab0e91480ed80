import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantRecord } from './tenant-record';
import { OrganizationEntity } from './organization.entity';

export const REGION_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type RegionTimeZone = (typeof REGION_TIME_ZONES)[number];

/** A kabupaten/kota area an office covers; its code prefixes case numbers, its zone sets "today". */
@Entity({ name: 'regions' })
@Index('UQ_regions_org_code', ['organizationId', 'code'], { unique: true })
@Index('UQ_regions_org_name', ['organizationId', 'name'], { unique: true })
@Check('CHK_regions_code', `"code" ~ '^[A-Z]{2,6}$'`)
@Check('CHK_regions_time_zone', `"time_zone" IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')`)
export class RegionEntity extends TenantRecord {
  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: RegionTimeZone;
}
