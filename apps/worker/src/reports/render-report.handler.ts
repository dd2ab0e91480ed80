import { Injectable } from '@nestjs/common';
import { ReportRunner } from '@pendamping/cases';
import { JOB_CATALOGUE, JobName, JobPayload } from '@pendamping/core';
import { JobContext, OnJob } from '../jobs/job-handler.decorator';

@Injectable()
export class RenderReportHandler {
  constructor(private readonly runner: ReportRunner) {}

  @OnJob(JobName.RenderReport)
  async render(payload: JobPayload<JobName.RenderReport>, context: JobContext): Promise<void> {
    const final = context.attempt >= (JOB_CATALOGUE[JobName.RenderReport].options.attempts ?? 1);
    await this.runner.run(payload.reportId, final, (percent, stage) => context.reportProgress({ percent, stage }));
  }
}
