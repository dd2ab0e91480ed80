import { AUTH_ENTITIES } from '@pendamping/auth/entities';
import { CASES_ENTITIES } from '@pendamping/cases/entities';
import { CORE_ENTITIES, DatabaseSchema } from '@pendamping/core';
import { MIGRATIONS } from '@pendamping/migrations';

/**
 * The tables the worker reads and writes: the plumbing's (its heartbeat), the trust core's (actors,
 * audit) and the domain's (reports, case statistics); and the migrations of the release.
 */
export const WORKER_SCHEMA: DatabaseSchema = {
  entities: [...CORE_ENTITIES, ...AUTH_ENTITIES, ...CASES_ENTITIES],
  migrations: MIGRATIONS,
};
