import { Injectable } from '@nestjs/common';
import { CaseStatCompaction } from '@pendamping/cases';
import { JobName } from '@pendamping/core';
import { OnJob } from '../jobs/job-handler.decorator';

@Injectable()
export class CompactCaseStatisticsHandler {
  constructor(private readonly compaction: CaseStatCompaction) {}

  @OnJob(JobName.CompactCaseStatistics)
  async compact(): Promise<void> {
    await this.compaction.compact();
  }
}
