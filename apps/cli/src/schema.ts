import { AUTH_ENTITIES } from '@pendamping/auth/entities';
import { CASES_ENTITIES } from '@pendamping/cases/entities';
import { CORE_ENTITIES, DatabaseSchema } from '@pendamping/core';
import { MIGRATIONS } from '@pendamping/migrations';

/**
 * The tables the operator commands read and write: the plumbing's, the trust core's (organisations,
 * users, keys) and the domain's (demo and generated cases and plans); and the migrations of the release.
 */
export const CLI_SCHEMA: DatabaseSchema = {
  entities: [...CORE_ENTITIES, ...AUTH_ENTITIES, ...CASES_ENTITIES],
  migrations: MIGRATIONS,
};
