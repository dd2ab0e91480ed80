import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@pendamping/auth';
import { AppConfig, ConfigModule, DatabaseModule, LoggingModule } from '@pendamping/core';
import { Logger } from 'pino';
import { DemoSeeder } from './demo/demo-seeder';

@Module({})
export class CliModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.register(config), LoggingModule.register(logger), DatabaseModule.register(config), AuthModule],
      providers: [DemoSeeder],
    };
  }
}
