import { DynamicModule, Global, Module } from '@nestjs/common';
import { Logger } from 'pino';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** One pino instance per process, shared by Fastify's request logs and the application. */
@Global()
@Module({})
export class LoggingModule {
  static register(logger: Logger): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: ROOT_LOGGER, useValue: logger }], exports: [ROOT_LOGGER] };
  }
}
