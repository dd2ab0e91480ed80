import { WorkerHeartbeatEntity } from './entities/worker-heartbeat.entity';

/** The plumbing's own tables, for an app to list beside the entities of the libraries it uses. */
export const CORE_ENTITIES = [WorkerHeartbeatEntity];
