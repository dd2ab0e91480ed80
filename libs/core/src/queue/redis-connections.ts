import type { ConnectionOptions } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';

/**
 * Producers and probes fail fast while Redis is away (the API keeps serving, SPEC §8); workers
 * wait for Redis to come back, as BullMQ requires of its blocking connections.
 */
export function createProducerConnection(url: string, connectionName: string): IORedis {
  return new IORedis(url, {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  } satisfies RedisOptions);
}

export function workerConnectionOptions(url: string, connectionName: string): ConnectionOptions {
  return {
    url,
    connectionName,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(attempt * 500, 5_000),
  };
}
