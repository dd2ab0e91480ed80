import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule, ClientChosenIdInterceptor, IdempotencyInterceptor, PolicyGuard } from '@pendamping/auth';
import {
  AppConfig,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  ProblemFilter,
  QueueModule,
  StrictValidationPipe,
} from '@pendamping/core';
import { Logger } from 'pino';
import { CasesModule } from '@pendamping/cases';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CaseWorkController } from './cases/case-work.controller';
import { CasesController } from './cases/cases.controller';
import { StatsController } from './cases/stats.controller';
import { ClientSettingsController } from './client-settings/client-settings.controller';
import { CodeListsController } from './code-lists/code-lists.controller';
import { DevicesController } from './devices/devices.controller';
import { HealthModule } from './health/health.module';
import { DirectoryController } from './organization/directory.controller';
import { UsersController } from './organization/users.controller';
import { AdminRequestsController } from './organization/admin-requests.controller';
import { ReportsController } from './reports/reports.controller';
import { WorkPlansController } from './work-plans/work-plans.controller';
import { SyncController } from './sync/sync.controller';
import { API_SCHEMA } from './schema';

@Module({})
export class ApiModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.register(config),
        ClockModule.register(),
        LoggingModule.register(logger),
        DatabaseModule.register(config, API_SCHEMA),
        QueueModule,
        AuthModule,
        CasesModule,
        HealthModule,
      ],
      controllers: [
        AuthController,
        DirectoryController,
        UsersController,
        AdminRequestsController,
        AuditController,
        CodeListsController,
        ClientSettingsController,
        CasesController,
        CaseWorkController,
        StatsController,
        WorkPlansController,
        ReportsController,
        SyncController,
        DevicesController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
        { provide: APP_GUARD, useClass: PolicyGuard },
        // In this order: a client-chosen id answered again is decided before any idempotency replay (SPEC §12).
        { provide: APP_INTERCEPTOR, useExisting: ClientChosenIdInterceptor },
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
