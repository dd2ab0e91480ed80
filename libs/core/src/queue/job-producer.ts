import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Logger } from 'pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JOB_CATALOGUE, JobName, JobPayload, QueueName } from './job-catalogue';
import { createProducerConnection } from './redis-connections';

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

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, jobId?: string): Promise<void> {
    const definition = JOB_CATALOGUE[name];
    await this.queue(definition.queue).add(name, payload, { ...definition.options, jobId });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}
