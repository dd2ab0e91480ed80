import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AppConfig, ConfigModule, DatabaseModule, LoggingModule, ProblemFilter, QueueModule, StrictValidationPipe } from '@pendamping/core';
import { Logger } from 'pino';
import { HealthModule } from './health/health.module';

@Module({})
export class ApiModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.register(config), LoggingModule.register(logger), DatabaseModule.register(config), QueueModule, HealthModule],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
      ],
    };
  }
}
