import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { clientRequestIdOf, ROOT_LOGGER } from '@pendamping/core';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { AuthError } from '../auth-errors';
import { SessionRules } from '../sessions/session-rules';
import { TokenService } from '../sessions/token.service';
import { buildAbility } from './ability.factory';
import { UserActor } from './actor';
import { ActorLoader } from './actor-loader';
import { POLICY, RoutePolicy } from './policy.decorator';
import { attachAuth, RequestAuth } from './request-auth';

/**
 * The one gate of every route: deny by default, authenticate, build the caller's ability from
 * their current role and scope, and check the route's declared policy. Record-level decisions
 * happen later through the same ability (row scope in SQL, field filtering, field refusal).
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly sessionRules: SessionRules,
    private readonly audit: AuditWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!policy) {
      this.logger.error({ route: request.routeOptions?.url }, 'route without a policy refused');
      throw new AuthError('forbidden', 'This route is closed.');
    }
    if (policy.kind === 'public') return true;

    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const claims = await this.tokens.verifyAccessToken(token);
    const session = await this.actors.load(
      claims.userId,
      claims.organizationId,
      claims.sessionId,
      this.sessionRules.lifetimes(),
    );
    if (!session) throw new AuthError('unauthenticated', 'The session has ended. Sign in again.');
    const { actor, origin, passwordChangeRequired } = session;
    const ability = buildAbility(actor);
    const requestIds = { requestId: String(request.id), clientRequestId: clientRequestIdOf(request.headers) };
    // Measured against the role she has now: a promotion limits a session that never proved a second factor.
    const mfa = this.sessionRules.mfaState(actor.role, origin.secondFactor);
    attachAuth(request, {
      actor,
      ability,
      mfa,
      passwordChangeRequired,
      sessionId: claims.sessionId,
      sessionOrigin: origin,
      ...requestIds,
    });

    const limitedSessionRoute = policy.kind === 'authenticated' && policy.duringMfaEnrollment;
    const target =
      policy.kind === 'ability'
        ? { action: policy.action, subject: policy.subject }
        : { action: 'access', subject: 'Route' };
    // A temporary password is changed first, then the second factor is enrolled (SPEC §8).
    if (passwordChangeRequired && !limitedSessionRoute) {
      await this.recordDenial(actor, target, requestIds);
      throw new AuthError(
        'password-change-required',
        'Set your own password (POST /api/v1/auth/password) before using the system.',
      );
    }
    if (mfa === 'enrollment_required' && !limitedSessionRoute) {
      await this.recordDenial(actor, target, requestIds);
      throw new AuthError(
        'mfa-enrollment-required',
        'Set up your second factor (POST /api/v1/auth/totp/enroll) before using the system.',
      );
    }
    if (policy.kind === 'authenticated') return true;
    if (ability.can(policy.action, policy.subject)) return true;
    await this.recordDenial(actor, target, requestIds);
    throw new AuthError('forbidden', `Your role may not ${policy.action.replace('_', ' ')} ${policy.subject} records.`);
  }

  private recordDenial(
    actor: UserActor,
    target: { action: string; subject: string },
    requestIds: Pick<RequestAuth, 'requestId' | 'clientRequestId'>,
  ): Promise<void> {
    return this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        organizationId: actor.organizationId,
        actor: { id: actor.userId, role: actor.role },
        ...target,
        outcome: 'denied',
        ...requestIds,
      }),
    );
  }
}
