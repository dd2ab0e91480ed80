import { api } from '../../api/client';
import { allPages } from '../../api/page';
import type { components } from '../../api/schema';

export type RegionView = components['schemas']['RegionView'];
export type VillageView = components['schemas']['VillageView'];
export type GroupView = components['schemas']['GroupView'];

/** A user as `GET /users` answers a coordinator or reviewer: the directory's fields, scope for a coordinator. */
export type UserEntry = components['schemas']['UserView'];

export const allRegions = () => allPages((query) => api.GET('/api/v1/regions', { params: { query } }));

export const allVillages = () => allPages((query) => api.GET('/api/v1/villages', { params: { query } }));

export const allGroups = () => allPages((query) => api.GET('/api/v1/groups', { params: { query } }));

export const allUsers = () => allPages((query) => api.GET('/api/v1/users', { params: { query } }));

/** The organisation's places by id, for naming a case's region, village and group. */
export interface Places {
  regions: RegionView[];
  villages: VillageView[];
  groups: GroupView[];
}

export const allPlaces = async (): Promise<Places> => {
  const [regions, villages, groups] = await Promise.all([allRegions(), allVillages(), allGroups()]);
  return { regions, villages, groups };
};

export const nameOf = (items: { id?: string | null; name?: string | null }[], id: string | null | undefined) =>
  (id && items.find((item) => item.id === id)?.name) || '';
