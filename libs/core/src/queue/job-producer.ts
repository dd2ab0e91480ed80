import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Logger } from 'pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JOB_CATALOGUE, JobName, JobPayload, QueueName } from './job-catalogue';
import { createProducerConnection } from './redis-connections';

const ENQUEUE_TIMEOUT_MS = 3_000;

/** Adds jobs to the catalogue's queues; one shared producer connection per process. */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.connection = createProducerConnection(config.REDIS_URL, 'pendamping-producer');
    this.connection.on('error', (err) => this.logger.warn({ err, component: 'redis' }, 'redis connection error'));
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.REDIS_KEY_PREFIX });
      queue.on('error', (err) => this.logger.warn({ err, queue: name }, 'queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Fails within ENQUEUE_TIMEOUT_MS when Redis is away: a queue that never connected waits for
   * Redis instead of failing, and a request must not hang on it. An add that completes later is
   * harmless, since jobs with an id are added once.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, jobId?: string): Promise<void> {
    const definition = JOB_CATALOGUE[name];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    const added = this.queue(definition.queue).add(name, payload, { ...definition.options, jobId });
    added.catch(() => undefined);
    try {
      await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}
