import fastifyCookie from '@fastify/cookie';
import { DynamicModule, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, NestPinoLogger, newRequestId } from '@pendamping/core';
import { Logger } from 'pino';
import { ApiModule } from './api.module';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application exactly as production runs it; main.ts and the e2e tests share it. */
export async function createApiApp(
  config: AppConfig,
  logger: Logger,
  rootModule: DynamicModule = ApiModule.register(config, logger),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Always our own id: the client's X-Request-Id is audited apart (clientRequestIdOf).
    requestIdHeader: false,
    genReqId: newRequestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  // Parses and sets cookies (the sign-in device cookie); each cookie that needs one carries its own MAC.
  await app.register(fastifyCookie);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pendamping API')
      .setDescription('Case management for community groups responding to violence against women and children.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
