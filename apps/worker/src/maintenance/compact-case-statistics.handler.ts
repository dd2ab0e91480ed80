import { Injectable } from '@nestjs/common';
import { CaseStatistics } from '@pendamping/cases';
import { JobName } from '@pendamping/core';
import { OnJob } from '../jobs/job-handler.decorator';

@Injectable()
export class CompactCaseStatisticsHandler {
  constructor(private readonly statistics: CaseStatistics) {}

  @OnJob(JobName.CompactCaseStatistics)
  async compact(): Promise<void> {
    await this.statistics.compact();
  }
}
