import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from '@pendamping/auth';
import { CasesModule } from '@pendamping/cases';
import { AppConfig, ClockModule, ConfigModule, DatabaseModule, LoggingModule, QueueModule } from '@pendamping/core';
import { Logger } from 'pino';
import { JobHandlerRegistry } from './jobs/job-handler-registry';
import { QueueConsumers } from './jobs/queue-consumers';
import { CompactCaseStatisticsHandler } from './maintenance/compact-case-statistics.handler';
import { AuditAnchorHandler } from './maintenance/audit-anchor.handler';
import { PurgeExpiredHandler } from './maintenance/purge-expired.handler';
import { WorkerHeartbeatHandler } from './maintenance/worker-heartbeat.handler';
import { RenderReportHandler } from './reports/render-report.handler';
import { ReportMaintenanceHandler } from './reports/report-maintenance.handler';
import { WORKER_SCHEMA } from './schema';

@Module({})
export class WorkerModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.register(config),
        ClockModule.register(),
        LoggingModule.register(logger),
        DatabaseModule.register(config, WORKER_SCHEMA),
        QueueModule,
        DiscoveryModule,
        AuthModule,
        CasesModule,
      ],
      providers: [
        JobHandlerRegistry,
        QueueConsumers,
        WorkerHeartbeatHandler,
        AuditAnchorHandler,
        PurgeExpiredHandler,
        CompactCaseStatisticsHandler,
        RenderReportHandler,
        ReportMaintenanceHandler,
      ],
    };
  }
}
