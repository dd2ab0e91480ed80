import { api } from '../../api/client';
import type { Page } from '../../api/page';
import { answered } from '../../api/problem';
import type { components } from '../../api/schema';

export type RegionView = components['schemas']['RegionView'];
export type VillageView = components['schemas']['VillageView'];
export type GroupView = components['schemas']['GroupView'];

/** A user as `GET /users` answers a coordinator or reviewer: the directory's fields, scope for a coordinator. */
export type UserEntry = components['schemas']['UserView'];

const PAGE = 200;

/** Every page of a list: the organisation's structure and staff are short lists that the screens need whole. */
async function everyPage<Item>(page: (cursor: string | undefined) => Promise<Page<Item>>): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const allRegions = () =>
  everyPage((cursor) => answered(api.GET('/api/v1/regions', { params: { query: { cursor, limit: PAGE } } })));

export const allVillages = () =>
  everyPage((cursor) => answered(api.GET('/api/v1/villages', { params: { query: { cursor, limit: PAGE } } })));

export const allGroups = () =>
  everyPage((cursor) => answered(api.GET('/api/v1/groups', { params: { query: { cursor, limit: PAGE } } })));

export const allUsers = () =>
  everyPage((cursor) => answered(api.GET('/api/v1/users', { params: { query: { cursor, limit: PAGE } } })));

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
