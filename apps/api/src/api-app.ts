import fastifyCookie from '@fastify/cookie';
import { DynamicModule, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocsServed, AppConfig, NestPinoLogger, newRequestId, ProblemFilter, rawProblem } from '@pendamping/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { ApiModule } from './api.module';
import { registerLiveness } from './health/liveness';
import { apiDocument } from './openapi/api-document';
import { cacheControlFor, registerWebClient } from './web-client';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application exactly as production runs it; main.ts and the e2e tests share it. */
export async function createApiApp(
  config: AppConfig,
  logger: Logger,
  rootModule: DynamicModule = ApiModule.register(config, logger),
): Promise<NestFastifyApplication> {
  const problems = new ProblemFilter(logger);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Always our own id: the client's X-Request-Id is audited apart (clientRequestIdOf).
    requestIdHeader: false,
    genReqId: newRequestId,
    // What Fastify's router refuses before Nest sees it (a malformed percent-encoding) answers a problem too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      problems.answer(error, request, reply),
    // What Node's parser refuses before a request exists still answers a problem, not Fastify's JSON.
    clientErrorHandler: (error, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const kind =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? 'headers-too-large'
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 'request-timeout'
            : 'bad-request';
      if (socket.writable) socket.write(rawProblem(kind, newRequestId()));
      socket.destroy(error);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  // Parses and sets cookies (the sign-in device cookie); each cookie that needs one carries its own MAC.
  await app.register(fastifyCookie);
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health/ready', method: RequestMethod.GET }] });
  // Every answer may carry case content or a token: no browser or proxy may keep one (cacheControlFor).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
      const cacheControl = cacheControlFor(request.url);
      if (cacheControl) reply.header('cache-control', cacheControl);
    });
  registerLiveness(app.getHttpAdapter().getInstance());
  await registerWebClient(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();

  if (apiDocsServed(config)) {
    SwaggerModule.setup('docs', app, apiDocument(app), { jsonDocumentUrl: 'docs-json' });
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
