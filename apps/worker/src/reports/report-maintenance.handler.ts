import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ReportExpiry, ReportReconciler } from '@pendamping/cases';
import { JobName, ROOT_LOGGER } from '@pendamping/core';
import { Logger } from 'pino';
import { OnJob } from '../jobs/job-handler.decorator';

/** Requests PostgreSQL holds but Redis lost are queued again at start and then periodically; expired files are deleted. */
@Injectable()
export class ReportMaintenanceHandler implements OnApplicationBootstrap {
  constructor(
    private readonly reconciler: ReportReconciler,
    private readonly expiry: ReportExpiry,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconciler
      .reconcile()
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'could not reconcile report requests at start; the scheduled run will'),
      );
  }

  @OnJob(JobName.ReconcileReports)
  async reconcile(): Promise<void> {
    await this.reconciler.reconcile();
  }

  @OnJob(JobName.ExpireReports)
  async expire(): Promise<void> {
    await this.expiry.expire();
  }
}
