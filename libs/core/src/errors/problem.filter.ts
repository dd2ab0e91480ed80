import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { DomainError, ProblemExtensions } from './domain-error';
import { kindForStatus, PROBLEM_KINDS, ProblemKind, problemType } from './problem-kinds';

export interface ProblemBody extends ProblemExtensions {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId: string;
}

/** pg-pool's words when no connection frees up in time: the database is saturated, not broken. */
const POOL_EXHAUSTED = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];
const RETRY_AFTER_SECONDS = 5;

const FASTIFY_CODES: Record<string, ProblemKind> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_BAD_URL: 'bad-request',
  FST_ERR_MAX_PARAM_LENGTH: 'bad-request',
};

/** Turns every error into an RFC 9457 problem; a 500 says nothing about its cause. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.answer(
      exception,
      host.switchToHttp().getRequest<FastifyRequest>(),
      host.switchToHttp().getResponse<FastifyReply>(),
    );
  }

  /** Also Fastify's error handler, for what its router refuses before Nest sees the request (a malformed URL). */
  answer(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      request.log.error({ err: exception, problemType: problem.type }, 'request failed');
    } else {
      request.log.info({ problemType: problem.type, status: problem.status }, 'request refused');
    }
    if (problem.type === problemType('service-unavailable')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8');
    // Set here too: answers refused by Fastify's router skip the app's onSend hook.
    reply.header('cache-control', 'no-store');
    reply.header('x-request-id', problem.requestId);
    reply.send(problem);
  }

  toProblem(exception: unknown, request: FastifyRequest): ProblemBody {
    const requestId = String(request.id);
    const instance = request.url.split('?')[0];
    if (exception instanceof DomainError) {
      return this.body(exception.kind, exception.detail, requestId, instance, exception.extensions);
    }
    const fastifyKind = this.fastifyKind(exception);
    if (fastifyKind) return this.body(fastifyKind, PROBLEM_KINDS[fastifyKind].title, requestId, instance);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const kind = kindForStatus(status);
      const detail = status === 404 ? 'No such resource.' : this.httpDetail(exception, kind);
      return { ...this.body(kind, detail, requestId, instance), status };
    }
    if (exception instanceof Error && POOL_EXHAUSTED.includes(exception.message)) {
      return this.body('service-unavailable', 'The service is busy; try again in a few seconds.', requestId, instance);
    }
    this.logger.error({ err: exception, requestId }, 'unexpected error');
    return this.body(
      'internal-error',
      `Something went wrong on our side. Quote ${requestId} when reporting it.`,
      requestId,
      instance,
    );
  }

  /** Fastify's body-parsing errors, raw or as the HttpException Nest wraps them in (`cause`). */
  private fastifyKind(exception: unknown): ProblemKind | undefined {
    const error = exception instanceof HttpException && exception.cause ? exception.cause : exception;
    const code = (error as { code?: unknown })?.code;
    return typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  }

  private httpDetail(exception: HttpException, kind: ProblemKind): string {
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    return typeof message === 'string' && exception.getStatus() < 500 ? message : PROBLEM_KINDS[kind].title;
  }

  private body(
    kind: ProblemKind,
    detail: string,
    requestId: string,
    instance: string,
    extensions: ProblemExtensions = {},
  ): ProblemBody {
    const { status, title } = PROBLEM_KINDS[kind];
    return { type: problemType(kind), title, status, detail, instance, requestId, ...extensions };
  }
}

/**
 * A problem written straight to the socket, for what Node's HTTP parser refuses before any
 * request exists (headers too large, a request too slow to arrive): Fastify's clientErrorHandler.
 */
export function rawProblem(kind: ProblemKind, requestId: string): string {
  const { status, title } = PROBLEM_KINDS[kind];
  const body = JSON.stringify({ type: problemType(kind), title, status, detail: title, requestId });
  return [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
