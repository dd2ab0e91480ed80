import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  JOB_CATALOGUE,
  JobName,
  JobProducer,
  QueueName,
  ROOT_LOGGER,
  workerConnectionOptions,
} from '@pendamping/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Logger } from 'pino';
import { JobHandlerRegistry } from './job-handler-registry';

export const WORKER_ID = `${hostname()}:${process.pid}`;
/** Upserting a scheduler that exists changes nothing, so this only matters after Redis lost them. */
const SCHEDULE_REFRESH_MS = 30_000;

/**
 * One BullMQ worker per queue of the catalogue. On shutdown, `close()` lets active jobs finish;
 * a job still running when the process dies keeps its lock only until it expires, then BullMQ's
 * stalled-job check hands it to another worker, so nothing is lost.
 */
@Injectable()
export class QueueConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers: Worker[] = [];
  private scheduleRefresh?: NodeJS.Timeout;

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queues = new Set(Object.values(JOB_CATALOGUE).map((definition) => definition.queue));
    for (const queue of queues) this.workers.push(this.startWorker(queue));
    await this.upsertSchedules();
    // Redis restarted empty loses the schedulers too (the reconciler's among them): put them back.
    this.scheduleRefresh = setInterval(() => void this.upsertSchedules(), SCHEDULE_REFRESH_MS);
    this.scheduleRefresh.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleRefresh);
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(queue, (job) => this.process(job), {
      connection: workerConnectionOptions(this.config.REDIS_URL, `pendamping-worker-${queue}`),
      prefix: this.config.REDIS_KEY_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
      lockDuration: this.config.WORKER_STALL_SECONDS * 1000,
      stalledInterval: this.config.WORKER_STALL_SECONDS * 1000,
      autorun: true,
    });
    worker.on('error', (err) => this.logger.warn({ err, queue }, 'worker connection error'));
    worker.on('failed', (job, err) =>
      this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err }, 'job failed'),
    );
    worker.on('completed', (job) => this.logger.debug({ queue, job: job.name, jobId: job.id }, 'job completed'));
    return worker;
  }

  private async process(job: Job): Promise<void> {
    const handler = this.registry.handlerFor(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    await handler(job.data, {
      jobId: String(job.id),
      attempt: job.attemptsMade + 1,
      reportProgress: (progress) => job.updateProgress(progress),
    });
  }

  private async upsertSchedules(): Promise<void> {
    for (const [name, definition] of Object.entries(JOB_CATALOGUE) as [JobName, (typeof JOB_CATALOGUE)[JobName]][]) {
      if (!definition.everySeconds) continue;
      try {
        await this.producer
          .queue(definition.queue)
          .upsertJobScheduler(
            name,
            { every: definition.everySeconds(this.config) * 1000 },
            { name, data: {}, opts: definition.options },
          );
      } catch (err) {
        this.logger.warn(
          { err, job: name },
          'could not schedule a repeating job; it will be scheduled at the next start',
        );
      }
    }
  }
}
