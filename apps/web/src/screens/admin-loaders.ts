import { api } from '../api/client';
import { allPages } from '../api/page';
import { answered } from '../api/problem';
import type { Structure } from './admin-scope-fields';
import type { UserView } from './admin-views';

export async function loadStructure(): Promise<Structure> {
  const [regions, villages, groups] = await Promise.all([
    allPages((query) => api.GET('/api/v1/regions', { params: { query } })),
    allPages((query) => api.GET('/api/v1/villages', { params: { query } })),
    allPages((query) => api.GET('/api/v1/groups', { params: { query } })),
  ]);
  return { regions, villages, groups };
}

export const loadUsers = () => allPages((query) => api.GET('/api/v1/users', { params: { query } }));

export const loadRequests = () => allPages((query) => api.GET('/api/v1/admin-requests', { params: { query } }));

export const loadMe = () => answered(api.GET('/api/v1/me'));

/** A user's name by id, for requests and audit events that name users by id. */
export function namesOf(users: UserView[]): (id: string | null | undefined) => string | undefined {
  const names = new Map(users.map((user) => [user.id, user.name]));
  return (id) => (id ? names.get(id) : undefined);
}
