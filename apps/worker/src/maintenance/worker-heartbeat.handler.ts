import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName, WorkerHeartbeatEntity } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { OnJob } from '../jobs/job-handler.decorator';
import { WORKER_ID } from '../jobs/queue-consumers';

/** Lets /health/ready tell whether any worker is consuming the queues. */
@Injectable()
export class WorkerHeartbeatHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnJob(JobName.WorkerHeartbeat)
  async beat(): Promise<void> {
    await this.dataSource
      .getRepository(WorkerHeartbeatEntity)
      .upsert({ workerId: WORKER_ID, lastSeenAt: new Date() }, ['workerId']);
  }
}
