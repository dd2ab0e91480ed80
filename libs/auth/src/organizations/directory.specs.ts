import { eachRow, ResourceSpec } from '../permissions/scoped-resources';
import { GroupEntity } from './group.entity';
import { RegionEntity } from './region.entity';
import { ServiceProviderEntity } from './service-provider.entity';
import { VillageEntity } from './village.entity';

const stamps = (row: { version: number; createdAt: Date; updatedAt: Date }) => ({
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const REGIONS: ResourceSpec<RegionEntity> = {
  entity: RegionEntity,
  subject: 'Region',
  views: eachRow((row) => ({ id: row.id, name: row.name, code: row.code, timeZone: row.timeZone, ...stamps(row) })),
};

export const VILLAGES: ResourceSpec<VillageEntity> = {
  entity: VillageEntity,
  subject: 'Village',
  views: eachRow((row) => ({ id: row.id, name: row.name, regionId: row.regionId, ...stamps(row) })),
};

export const GROUPS: ResourceSpec<GroupEntity> = {
  entity: GroupEntity,
  subject: 'Group',
  views: eachRow((row) => ({
    id: row.id,
    name: row.name,
    villageId: row.villageId,
    regionId: row.regionId,
    ...stamps(row),
  })),
};

export const SERVICE_PROVIDERS: ResourceSpec<ServiceProviderEntity> = {
  entity: ServiceProviderEntity,
  subject: 'ServiceProvider',
  views: eachRow((row) => ({
    id: row.id,
    name: row.name,
    serviceType: row.serviceType,
    regionId: row.regionId,
    phone: row.phone,
    address: row.address,
    active: row.active,
    ...stamps(row),
  })),
};
