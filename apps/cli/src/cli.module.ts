import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@pendamping/auth';
import { CasesModule } from '@pendamping/cases';
import { AppConfig, ClockModule, ConfigModule, DatabaseModule, LoggingModule, QueueModule } from '@pendamping/core';
import { Logger } from 'pino';
import { DemoCaseSeeder } from './demo/demo-case-seeder';
import { DemoPlanSeeder } from './demo/demo-plan-seeder';
import { DemoSeeder } from './demo/demo-seeder';
import { DemoTimeline } from './demo/demo-timeline';
import { SyntheticCases } from './generate/synthetic-cases';
import { CLI_SCHEMA } from './schema';

@Module({})
export class CliModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    // The system clock, except while the demo seed replays a step of its story (demo-timeline.ts).
    const timeline = new DemoTimeline();
    return {
      module: CliModule,
      imports: [
        ConfigModule.register(config),
        ClockModule.register(timeline),
        LoggingModule.register(logger),
        DatabaseModule.register(config, CLI_SCHEMA),
        QueueModule,
        AuthModule,
        CasesModule,
      ],
      providers: [
        DemoSeeder,
        DemoCaseSeeder,
        DemoPlanSeeder,
        SyntheticCases,
        { provide: DemoTimeline, useValue: timeline },
      ],
    };
  }
}
