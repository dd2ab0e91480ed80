import { AUTH_ENTITIES } from '@pendamping/auth/entities';
import { CASES_ENTITIES } from '@pendamping/cases/entities';
import { CORE_ENTITIES, DatabaseSchema } from '@pendamping/core';
import { MIGRATIONS } from '@pendamping/migrations';

/**
 * The tables the API reads and writes: the plumbing's (worker heartbeats, for readiness), the trust
 * core's and the domain's; and the migrations its readiness check expects applied.
 */
export const API_SCHEMA: DatabaseSchema = {
  entities: [...CORE_ENTITIES, ...AUTH_ENTITIES, ...CASES_ENTITIES],
  migrations: MIGRATIONS,
};
