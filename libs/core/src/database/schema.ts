import { AUTH_ENTITIES } from '@pendamping/auth/entities';
import { CASES_ENTITIES } from '@pendamping/cases/entities';
import { MIGRATIONS } from '@pendamping/migrations';
import { WorkerHeartbeatEntity } from './entities/worker-heartbeat.entity';

/** Every entity and migration, listed explicitly so jest, tsc output and the CLI load the same set. */
export const ENTITIES = [WorkerHeartbeatEntity, ...AUTH_ENTITIES, ...CASES_ENTITIES];
export { MIGRATIONS };
