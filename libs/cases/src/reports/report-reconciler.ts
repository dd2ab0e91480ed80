import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName, JobProducer, QueueName, ROOT_LOGGER } from '@pendamping/core';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';

/** Requests younger than this may still be on their way into Redis from the API. */
const GRACE_SECONDS = 5;
const BATCH = 500;

/**
 * PostgreSQL is the system of record for report requests; Redis only schedules them. After Redis
 * lost its data (a restart without persistence, a failover, an outage while requests came in),
 * this queues again every request PostgreSQL holds as queued or running that Redis does not.
 */
@Injectable()
export class ReportReconciler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async reconcile(): Promise<number> {
    const pending = (await this.dataSource.query(
      `SELECT id FROM reports WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [GRACE_SECONDS, BATCH],
    )) as { id: string }[];
    const queue = this.producer.queue(QueueName.Reports);
    let requeued = 0;
    for (const { id } of pending) {
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      if (
        state === 'waiting' ||
        state === 'active' ||
        state === 'delayed' ||
        state === 'prioritized' ||
        state === 'waiting-children'
      )
        continue;
      if (state === 'failed') {
        // Every attempt used up (a worker died on the last one): recorded, not retried for ever.
        await this.dataSource.query(
          `UPDATE reports SET status = 'failed', error = 'The report could not be produced; request it again or ask your administrator.', finished_at = now(), version = version + 1
            WHERE id = $1 AND status IN ('queued', 'running')`,
          [id],
        );
        continue;
      }
      // A completed job with its request still pending: the job's record outlived a lost run, so start afresh.
      if (job) await job.remove();
      await this.producer.enqueue(JobName.RenderReport, { reportId: id }, id);
      requeued++;
    }
    if (requeued > 0) this.logger.info({ requeued }, 'report requests queued again from PostgreSQL');
    return requeued;
  }
}
