import type { JobsOptions } from 'bullmq';

/**
 * The one catalogue of queues, jobs and payloads. Payloads carry ids only: nothing confidential
 * ever sits in Redis (SPEC §7). The worker refuses to start unless every job here has exactly
 * one handler.
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  WorkerHeartbeat = 'maintenance.worker-heartbeat',
  AuditAnchor = 'maintenance.audit-anchor',
  PurgeExpired = 'maintenance.purge-expired',
}

export interface JobPayloads {
  [JobName.WorkerHeartbeat]: Record<string, never>;
  [JobName.AuditAnchor]: Record<string, never>;
  [JobName.PurgeExpired]: Record<string, never>;
}

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
  /** Run on a fixed interval by a BullMQ job scheduler the worker upserts at start. */
  everySeconds?: (config: { WORKER_HEARTBEAT_SECONDS: number; AUDIT_ANCHOR_SECONDS: number }) => number;
}

export const JOB_CATALOGUE: Record<JobName, JobDefinition> = {
  [JobName.WorkerHeartbeat]: {
    queue: QueueName.Maintenance,
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
    everySeconds: (config) => config.WORKER_HEARTBEAT_SECONDS,
  },
  [JobName.AuditAnchor]: {
    queue: QueueName.Maintenance,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 100, removeOnFail: 100 },
    everySeconds: (config) => config.AUDIT_ANCHOR_SECONDS,
  },
  [JobName.PurgeExpired]: {
    queue: QueueName.Maintenance,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 24, removeOnFail: 100 },
    everySeconds: () => 3_600,
  },
};

export type JobPayload<N extends JobName> = JobPayloads[N];
