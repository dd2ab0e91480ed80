import type { JobsOptions } from 'bullmq';

/**
 * The one catalogue of queues, jobs and payloads. Payloads carry ids only: nothing confidential
 * ever sits in Redis (SPEC §7). The worker refuses to start unless every job here has exactly
 * one handler.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Reports = 'reports',
}

export enum JobName {
  WorkerHeartbeat = 'maintenance.worker-heartbeat',
  AuditAnchor = 'maintenance.audit-anchor',
  PurgeExpired = 'maintenance.purge-expired',
  CompactCaseStatistics = 'maintenance.compact-case-statistics',
  RenderReport = 'reports.render',
  ReconcileReports = 'reports.reconcile',
  ExpireReports = 'reports.expire',
}

export interface JobPayloads {
  [JobName.WorkerHeartbeat]: Record<string, never>;
  [JobName.AuditAnchor]: Record<string, never>;
  [JobName.PurgeExpired]: Record<string, never>;
  [JobName.CompactCaseStatistics]: Record<string, never>;
  /** The report request's id, which is also the job id: the request itself lives in PostgreSQL. */
  [JobName.RenderReport]: { reportId: string };
  [JobName.ReconcileReports]: Record<string, never>;
  [JobName.ExpireReports]: Record<string, never>;
}

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
  /** Run on a fixed interval by a BullMQ job scheduler the worker upserts at start. */
  everySeconds?: (config: {
    WORKER_HEARTBEAT_SECONDS: number;
    AUDIT_ANCHOR_SECONDS: number;
    REPORT_RECONCILE_SECONDS: number;
  }) => number;
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
  // The summary's delta rows, folded so a read sums about one row per scope and figure.
  [JobName.CompactCaseStatistics]: {
    queue: QueueName.Maintenance,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 24, removeOnFail: 100 },
    everySeconds: () => 600,
  },
  [JobName.RenderReport]: {
    queue: QueueName.Reports,
    options: {
      attempts: 4,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    },
  },
  [JobName.ReconcileReports]: {
    queue: QueueName.Maintenance,
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
    everySeconds: (config) => config.REPORT_RECONCILE_SECONDS,
  },
  [JobName.ExpireReports]: {
    queue: QueueName.Maintenance,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 24, removeOnFail: 100 },
    everySeconds: () => 3_600,
  },
};

export type JobPayload<N extends JobName> = JobPayloads[N];
