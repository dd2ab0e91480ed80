import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from './job-producer';
import { evictionPolicy } from './redis-probe';

/** Warns loudly, without blocking start-up, when Redis may evict queued jobs. */
@Injectable()
export class EvictionPolicyCheck implements OnApplicationBootstrap {
  constructor(
    private readonly producer: JobProducer,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const connection = this.producer.connection;
    const check = async () => {
      try {
        const policy = await evictionPolicy(connection);
        if (policy !== 'noeviction') {
          this.logger.warn(
            { component: 'redis', maxmemoryPolicy: policy },
            `REDIS MISCONFIGURED: maxmemory-policy is "${policy}"; queued jobs can be evicted. Set maxmemory-policy noeviction.`,
          );
        }
      } catch (err) {
        this.logger.warn({ component: 'redis', err }, 'could not read the Redis eviction policy');
      }
    };
    if (connection.status === 'ready') void check();
    else connection.once('ready', () => void check());
  }
}
