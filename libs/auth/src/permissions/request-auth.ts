import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthError } from '../auth-errors';
import { AppAbility } from './ability.factory';
import { UserActor } from './actor';
import { MfaState, SessionOrigin } from '../sessions/session-rules';

/** What the guard established about the caller, handed to handlers explicitly. */
export interface RequestAuth {
  actor: UserActor;
  ability: AppAbility;
  /** The session's standing under the user's current role (SessionRules.mfaState). */
  mfa: MfaState;
  /** Signed in with a temporary password: only changing it, enrolment and /me until then (SPEC §8). */
  passwordChangeRequired: boolean;
  sessionId: string;
  sessionOrigin: SessionOrigin;
  requestId: string;
  /** The client's X-Request-Id, cleaned; audited beside ours, never instead of it. */
  clientRequestId: string | null;
}

const AUTH = Symbol('AUTH');

export function attachAuth(request: FastifyRequest, auth: RequestAuth): void {
  (request as unknown as Record<symbol, RequestAuth>)[AUTH] = auth;
}

export function authOrUndefined(request: FastifyRequest): RequestAuth | undefined {
  return (request as unknown as Record<symbol, RequestAuth | undefined>)[AUTH];
}

export function authOf(request: FastifyRequest): RequestAuth {
  const auth = authOrUndefined(request);
  if (!auth) throw new AuthError('unauthenticated', 'Sign in first.');
  return auth;
}

export const Auth = createParamDecorator((_: unknown, context: ExecutionContext) =>
  authOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
