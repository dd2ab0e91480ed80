import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AppConfig,
  JobProducer,
  pendingMigrations,
  probeRedis,
  WorkerHeartbeatEntity,
} from '@pendamping/core';
import { DataSource } from 'typeorm';

export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: {
    postgres: { status: 'up' | 'down'; reason?: string; pendingMigrations?: string[] };
    redis: { status: 'up' | 'down'; reason?: string };
    worker: { status: 'seen' | 'stale' | 'never-seen' | 'unknown'; lastSeenAt?: string };
  };
}

const POSTGRES_TIMEOUT_MS = 2_000;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref());
}

/**
 * PostgreSQL down or a migration pending makes the API unavailable (503); Redis down only
 * degrades it, since cases are served and report requests are kept in the outbox meanwhile.
 */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [postgres, redis] = await Promise.all([this.checkPostgres(), probeRedis(this.producer.connection)]);
    const worker = postgres.status === 'up' ? await this.checkWorker() : { status: 'unknown' as const };
    const status =
      postgres.status === 'down' || (postgres.pendingMigrations?.length ?? 0) > 0
        ? 'unavailable'
        : redis.status === 'down'
          ? 'degraded'
          : 'ready';
    return { status, checks: { postgres, redis, worker } };
  }

  private async checkPostgres(): Promise<ReadinessReport['checks']['postgres']> {
    try {
      const pending = await Promise.race([pendingMigrations(this.dataSource), timeout(POSTGRES_TIMEOUT_MS)]);
      return pending.length > 0
        ? { status: 'up', reason: 'migrations pending', pendingMigrations: pending }
        : { status: 'up' };
    } catch (error) {
      return {
        status: 'down',
        reason: `PostgreSQL unreachable: ${error instanceof Error ? error.constructor.name : 'error'}`,
      };
    }
  }

  private async checkWorker(): Promise<ReadinessReport['checks']['worker']> {
    try {
      const latest = await this.dataSource
        .getRepository(WorkerHeartbeatEntity)
        .createQueryBuilder('heartbeat')
        .select('MAX(heartbeat.lastSeenAt)', 'lastSeenAt')
        .getRawOne<{ lastSeenAt: Date | null }>();
      if (!latest?.lastSeenAt) return { status: 'never-seen' };
      const staleAfterMs = this.config.WORKER_HEARTBEAT_SECONDS * 3 * 1000;
      const fresh = Date.now() - new Date(latest.lastSeenAt).getTime() < staleAfterMs;
      return { status: fresh ? 'seen' : 'stale', lastSeenAt: new Date(latest.lastSeenAt).toISOString() };
    } catch {
      return { status: 'unknown' };
    }
  }
}
