import { Injectable } from '@nestjs/common';
import { AuditAnchoring } from '@pendamping/auth';
import { JobName } from '@pendamping/core';
import { OnJob } from '../jobs/job-handler.decorator';

@Injectable()
export class AuditAnchorHandler {
  constructor(private readonly anchoring: AuditAnchoring) {}

  @OnJob(JobName.AuditAnchor)
  async anchor(): Promise<void> {
    await this.anchoring.anchorMovedHeads();
  }
}
