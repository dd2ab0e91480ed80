import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, NestPinoLogger } from '@pendamping/core';
import { WORKER_ID } from './jobs/queue-consumers';
import { WorkerModule } from './worker.module';

/** The worker has no HTTP server: an application context over the same libs as the API. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  try {
    const app = await NestFactory.createApplicationContext(WorkerModule.register(config, logger), {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    });
    app.enableShutdownHooks();
    logger.info({ workerId: WORKER_ID }, 'worker started');
  } catch (err) {
    logger.fatal({ err }, 'worker failed to start');
    process.exit(1);
  }
}

void main();
