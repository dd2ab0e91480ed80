import { AUTH_ENTITIES } from '@pendamping/auth/entities';
import { CASES_ENTITIES } from '@pendamping/cases/entities';
import { CORE_ENTITIES, DatabaseSchema } from '@pendamping/core';
import { MIGRATIONS } from './index';

/**
 * The whole database: every library's entities beside the migrations that create their tables.
 * The migration CLI generates against it, and the tests check that the two agree.
 */
export const FULL_SCHEMA: DatabaseSchema = {
  entities: [...CORE_ENTITIES, ...AUTH_ENTITIES, ...CASES_ENTITIES],
  migrations: MIGRATIONS,
};
