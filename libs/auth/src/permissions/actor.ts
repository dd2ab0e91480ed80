import type { Role } from '../users/roles';

/**
 * Who is acting, as loaded from PostgreSQL at the start of each request (so a change of role,
 * scope or assignment applies on the next request). The system actor is explicit too: jobs and
 * scripts never run with an implicit, all-powerful context.
 */
export interface UserActor {
  kind: 'user';
  userId: string;
  organizationId: string;
  role: Role;
  /** Regions a coordinator coordinates. */
  coordinatedRegionIds: string[];
  /** A companion's groups, and the villages and regions those groups are in. */
  memberGroupIds: string[];
  memberVillageIds: string[];
  memberRegionIds: string[];
}
