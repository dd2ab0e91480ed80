import { Injectable } from '@nestjs/common';
import { RequestAuth } from '../permissions/request-auth';
import { ResourceSpec, ScopedResources } from '../permissions/scoped-resources';
import { GROUPS, REGIONS, SERVICE_PROVIDERS, VILLAGES } from './directory.specs';
import { GroupEntity } from './group.entity';
import { RegionEntity, RegionTimeZone } from './region.entity';
import { ServiceProviderEntity, ServiceType } from './service-provider.entity';
import { uniqueOr409 } from './unique-violation';
import { VillageEntity } from './village.entity';

export interface PageQuery {
  cursor?: string;
  limit?: number;
}

/**
 * Regions, villages, groups and the service directory of an organisation. Parents are looked up
 * through the caller's own read scope, so an id from another organisation is simply not found.
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly resources: ScopedResources) {}

  listRegions = (auth: RequestAuth, page: PageQuery) => this.resources.list(REGIONS, auth, page);
  getRegion = (auth: RequestAuth, id: string) => this.resources.get(REGIONS, auth, id);

  createRegion(auth: RequestAuth, body: { name: string; code: string; timeZone?: RegionTimeZone }) {
    const record = {
      organizationId: auth.actor.organizationId,
      name: body.name,
      code: body.code,
      timeZone: body.timeZone ?? 'Asia/Makassar',
    };
    return this.resources.create(REGIONS, auth, record, body, (manager) =>
      uniqueOr409(async () => (await manager.insert(RegionEntity, record)).identifiers[0].id as string, {
        UQ_regions_org_code: 'code',
        UQ_regions_org_name: 'name',
      }),
    );
  }

  updateRegion(
    auth: RequestAuth,
    id: string,
    version: number,
    body: { name?: string; code?: string; timeZone?: RegionTimeZone },
  ) {
    return this.resources.update(REGIONS, auth, id, version, body, (manager) =>
      uniqueOr409(() => manager.update(RegionEntity, { id }, body).then(() => undefined), {
        UQ_regions_org_code: 'code',
        UQ_regions_org_name: 'name',
      }),
    );
  }

  listVillages = (auth: RequestAuth, page: PageQuery, regionId?: string) =>
    this.resources.list(
      VILLAGES,
      auth,
      page,
      (query) => regionId && query.andWhere('row.regionId = :regionId', { regionId }),
    );
  getVillage = (auth: RequestAuth, id: string) => this.resources.get(VILLAGES, auth, id);

  async createVillage(auth: RequestAuth, body: { name: string; regionId: string }) {
    await this.parentExists(auth, REGIONS, body.regionId, 'regionId');
    const record = { organizationId: auth.actor.organizationId, regionId: body.regionId, name: body.name };
    return this.resources.create(VILLAGES, auth, record, body, (manager) =>
      uniqueOr409(async () => (await manager.insert(VillageEntity, record)).identifiers[0].id as string, {
        UQ_villages_region_name: 'name',
      }),
    );
  }

  updateVillage(auth: RequestAuth, id: string, version: number, body: { name?: string }) {
    return this.resources.update(VILLAGES, auth, id, version, body, (manager) =>
      uniqueOr409(() => manager.update(VillageEntity, { id }, body).then(() => undefined), {
        UQ_villages_region_name: 'name',
      }),
    );
  }

  listGroups = (auth: RequestAuth, page: PageQuery, villageId?: string) =>
    this.resources.list(
      GROUPS,
      auth,
      page,
      (query) => villageId && query.andWhere('row.villageId = :villageId', { villageId }),
    );
  getGroup = (auth: RequestAuth, id: string) => this.resources.get(GROUPS, auth, id);

  async createGroup(auth: RequestAuth, body: { name: string; villageId: string }) {
    const village = await this.parentExists(auth, VILLAGES, body.villageId, 'villageId');
    const record = {
      organizationId: auth.actor.organizationId,
      regionId: village.regionId,
      villageId: village.id,
      name: body.name,
    };
    return this.resources.create(GROUPS, auth, record, body, (manager) =>
      uniqueOr409(async () => (await manager.insert(GroupEntity, record)).identifiers[0].id as string, {
        UQ_groups_village_name: 'name',
      }),
    );
  }

  updateGroup(auth: RequestAuth, id: string, version: number, body: { name?: string }) {
    return this.resources.update(GROUPS, auth, id, version, body, (manager) =>
      uniqueOr409(() => manager.update(GroupEntity, { id }, body).then(() => undefined), {
        UQ_groups_village_name: 'name',
      }),
    );
  }

  listServiceProviders = (auth: RequestAuth, page: PageQuery, serviceType?: ServiceType) =>
    this.resources.list(
      SERVICE_PROVIDERS,
      auth,
      page,
      (query) => serviceType && query.andWhere('row.serviceType = :serviceType', { serviceType }),
    );
  getServiceProvider = (auth: RequestAuth, id: string) => this.resources.get(SERVICE_PROVIDERS, auth, id);

  async createServiceProvider(
    auth: RequestAuth,
    body: { name: string; serviceType: ServiceType; regionId?: string; phone?: string; address?: string },
  ) {
    if (body.regionId) await this.parentExists(auth, REGIONS, body.regionId, 'regionId');
    const record = {
      organizationId: auth.actor.organizationId,
      regionId: null,
      phone: null,
      address: null,
      active: true,
      ...body,
    };
    return this.resources.create(SERVICE_PROVIDERS, auth, record, body, (manager) =>
      uniqueOr409(async () => (await manager.insert(ServiceProviderEntity, record)).identifiers[0].id as string, {
        UQ_service_providers_org_name: 'name',
      }),
    );
  }

  async updateServiceProvider(
    auth: RequestAuth,
    id: string,
    version: number,
    body: {
      name?: string;
      serviceType?: ServiceType;
      regionId?: string | null;
      phone?: string | null;
      address?: string | null;
      active?: boolean;
    },
  ) {
    if (body.regionId) await this.parentExists(auth, REGIONS, body.regionId, 'regionId');
    return this.resources.update(SERVICE_PROVIDERS, auth, id, version, body, (manager) =>
      uniqueOr409(() => manager.update(ServiceProviderEntity, { id }, body).then(() => undefined), {
        UQ_service_providers_org_name: 'name',
      }),
    );
  }

  private async parentExists<E extends RegionEntity | VillageEntity>(
    auth: RequestAuth,
    spec: ResourceSpec<E>,
    id: string,
    field: string,
  ): Promise<E> {
    const [parent] = await this.resources.referenced(spec, auth, [id], field);
    return parent;
  }
}
