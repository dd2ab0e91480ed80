import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { ApiHeader } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, DomainError, validationFailed } from '@pendamping/core';
import { REFRESH_TOKEN_TTL_SECONDS } from '@pendamping/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';

/**
 * The browser's refresh token (SPEC §11): out of reach of scripts, sent only to the auth routes
 * of this site. It lives as long as a refresh token can; the server refuses it earlier when the
 * session ends.
 */
export const REFRESH_COOKIE = 'pendamping_refresh';

export const REFRESH_COOKIE_OPTIONS: CookieSerializeOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  path: '/api/v1/auth',
  maxAge: REFRESH_TOKEN_TTL_SECONDS,
};

export const SESSION_TRANSPORT_HEADER = 'x-session-transport';

/** Whether the client asked for its refresh token as a cookie; without the header the JSON form stays. */
export function cookieTransport(request: FastifyRequest): boolean {
  const transport = request.headers[SESSION_TRANSPORT_HEADER];
  if (transport === undefined) return false;
  if (transport === 'cookie') return true;
  throw new DomainError('bad-request', 'X-Session-Transport accepts only the value "cookie".');
}

/**
 * The phone a token-issuing request binds its session to (SPEC §12), lower-cased. A phone's
 * refresh token lives only in its sealed store: asking for it in the cookie is a 400.
 */
export function phoneOf(body: { deviceId?: string }, request: FastifyRequest): string | undefined {
  if (body.deviceId === undefined) return undefined;
  if (cookieTransport(request))
    throw validationFailed([
      { field: 'deviceId', message: 'a phone takes its refresh token in the body, not the cookie' },
    ]);
  return body.deviceId.toLowerCase();
}

/** Sign-out expires the refresh cookie with the attributes it was set with, or the browser keeps it. */
export function expireRefreshCookie(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, REFRESH_COOKIE_OPTIONS);
}

/**
 * On a route that issues or uses a refresh token, a request with `X-Session-Transport: cookie`
 * must come from the web client's own origin (browsers send Origin on every POST, so a missing
 * one is refused too), and the refresh token of its answer moves from the body into the cookie.
 */
@Injectable()
export class SessionTransportInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!cookieTransport(request)) return next.handle();
    if (request.headers.origin !== this.config.PUBLIC_ORIGIN)
      throw new DomainError('origin-refused', 'A request carrying the session cookie must come from the web client.');
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(map((body: unknown) => intoCookie(body, reply)));
  }
}

function intoCookie(body: unknown, reply: FastifyReply): unknown {
  if (typeof body !== 'object' || body === null || !('refreshToken' in body)) return body;
  const { refreshToken, ...rest } = body as { refreshToken: string };
  reply.setCookie(REFRESH_COOKIE, refreshToken, REFRESH_COOKIE_OPTIONS);
  return rest;
}

/** Marks a route that issues or uses a refresh token (SessionTransportInterceptor). */
export const SessionTransport = () =>
  applyDecorators(
    UseInterceptors(SessionTransportInterceptor),
    ApiHeader({
      name: 'X-Session-Transport',
      required: false,
      enum: ['cookie'],
      description:
        'Browsers: the refresh token travels in the HttpOnly cookie `pendamping_refresh`, never in a body; the request must carry `Origin: PUBLIC_ORIGIN`, or it answers 403 origin-refused.',
    }),
  );
