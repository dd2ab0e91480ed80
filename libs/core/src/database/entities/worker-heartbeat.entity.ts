import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last time each worker process finished a scheduled heartbeat job: is anything consuming queues? */
@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId!: string;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
