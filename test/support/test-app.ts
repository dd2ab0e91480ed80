import { randomBytes } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '@pendamping/api/api-app';
import { ApiModule } from '@pendamping/api/api.module';
import { AppConfig, createLogger, loadConfig, NestPinoLogger } from '@pendamping/core';
import { WorkerModule } from '@pendamping/worker/worker.module';
import { Logger } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { baseTestEnv, redisPrefixOfRun } from './test-env';

export interface CapturedLogs {
  lines: string[];
  text(): string;
}

function captureLogs(level: string): { logger: Logger; logs: CapturedLogs } {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, logs: { lines, text: () => lines.join('') } };
}

/** Config for one suite: its own database and its own Redis key prefix. */
export function suiteConfig(databaseUrl: string, overrides: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    ...baseTestEnv(),
    DATABASE_URL: databaseUrl,
    REDIS_KEY_PREFIX: `${redisPrefixOfRun()}${randomBytes(5).toString('hex')}`,
    ...overrides,
  });
}

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  logs: CapturedLogs;
  http(): TestAgent;
  close(): Promise<void>;
}

/** Anything a test sends HTTP requests to: the in-process API, or the API as a process of its own. */
export type HttpTarget = Pick<TestApi, 'http'>;

export async function startTestApi(config: AppConfig, options: { extraControllers?: Type[] } = {}): Promise<TestApi> {
  const { logger, logs } = captureLogs(config.LOG_LEVEL);
  const root: DynamicModule | undefined = options.extraControllers
    ? {
        module: class TestApiRoot {},
        imports: [ApiModule.register(config, logger)],
        controllers: options.extraControllers,
      }
    : undefined;
  const app = await createApiApp(config, logger, root);
  return { app, config, logs, http: () => request(app.getHttpServer()), close: () => app.close() };
}

export interface TestWorker {
  context: INestApplicationContext;
  logs: CapturedLogs;
  close(): Promise<void>;
}

export async function startTestWorker(config: AppConfig): Promise<TestWorker> {
  const { logger, logs } = captureLogs(config.LOG_LEVEL);
  const context = await NestFactory.createApplicationContext(WorkerModule.register(config, logger), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  return { context, logs, close: () => context.close() };
}
