import { Check, Column, Entity, Index } from 'typeorm';
import { TenantRecord } from './tenant-record';

export const SERVICE_TYPES = [
  'police',
  'health',
  'legal_aid',
  'psychosocial',
  'shelter',
  'uptd_ppa',
  'customary_religious_leader',
  'village_government',
  'social_services',
  'education',
  'economic_support',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** The organisation's directory of services survivors are referred to (Unit PPA, puskesmas, LBH, …). */
@Entity({ name: 'service_providers' })
@Index('UQ_service_providers_org_name', ['organizationId', 'name'], { unique: true })
@Check('CHK_service_providers_type', `"service_type" IN (${SERVICE_TYPES.map((type) => `'${type}'`).join(', ')})`)
export class ServiceProviderEntity extends TenantRecord {
  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: ServiceType;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
