import { Injectable } from '@nestjs/common';
import { ExpiredRecords } from '@pendamping/auth';
import { JobName } from '@pendamping/core';
import { OnJob } from '../jobs/job-handler.decorator';

@Injectable()
export class PurgeExpiredHandler {
  constructor(private readonly expired: ExpiredRecords) {}

  @OnJob(JobName.PurgeExpired)
  async purge(): Promise<void> {
    await this.expired.purge();
  }
}
