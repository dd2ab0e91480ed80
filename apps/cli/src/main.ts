import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, NestPinoLogger } from '@pendamping/core';
import { Command } from 'commander';
import { CliModule } from './cli.module';
import { DemoSeeder } from './demo/demo-seeder';

async function withContext<T>(work: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>): Promise<T> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(CliModule.register(config, logger), { logger: new NestPinoLogger(logger) });
  try {
    return await work((type) => app.get(type));
  } finally {
    await app.close();
  }
}

const program = new Command('pendamping').description('Operator commands for Pendamping.').showHelpAfterError();

program
  .command('seed-demo')
  .description('Create the demo organisation (safe to run again).')
  .action(async () => {
    const summary = await withContext((get) => get(DemoSeeder).seed());
    process.stdout.write(`${summary.created ? 'Created' : 'Already present:'} demo organisation ${summary.organizationId}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
