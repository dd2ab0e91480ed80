import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, DomainError } from '@pendamping/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DataSource, IsNull } from 'typeorm';
import { authOrUndefined } from '../permissions/request-auth';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { requestHash } from './request-hash';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A claim older than this belongs to a request that died; a retry may take it over. */
const ABANDONED_AFTER_MS = 2 * 60_000;

type Claim = { kind: 'run' } | { kind: 'replay'; status: number; resourcePath: string | null };

/**
 * SPEC §8: a POST repeated with the same Idempotency-Key and body creates nothing new and answers
 * the first status with the resource as the caller may read it now (fetched again through the
 * API, so today's permissions apply); the same key with another body is a 422. Keys belong to
 * the signed-in user and expire after IDEMPOTENCY_KEY_TTL_HOURS.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    const auth = authOrUndefined(request);
    if (request.method !== 'POST' || header === undefined || !auth) return next.handle();
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      return throwError(
        () => new DomainError('bad-request', 'Idempotency-Key must be 1-200 visible ASCII characters.'),
      );
    }
    const path = request.url.split('?')[0];
    const hash = requestHash(request.method, path, request.body);
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const owner = { userId: auth.actor.userId, key: header };

    return from(this.claim(owner, hash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay')
          return from(this.replay(request, context.switchToHttp().getResponse<FastifyReply>(), claim));
        return next.handle().pipe(
          mergeMap((body) => {
            const reply = context.switchToHttp().getResponse<FastifyReply>();
            return from(this.complete(owner, status, this.resourcePathOf(path, body, reply)).then(() => body));
          }),
          catchError((error: unknown) => from(this.release(owner)).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  private async claim(owner: { userId: string; key: string }, hash: string): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const expiresAt = new Date(Date.now() + this.config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
      await manager.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at <= now()`, [
        owner.userId,
        owner.key,
      ]);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(IdempotencyKeyEntity)
        .values({ ...owner, requestHash: hash, status: null, resourcePath: null, expiresAt })
        .orIgnore()
        .returning(['key'])
        .execute();
      if (inserted.raw.length === 1) return { kind: 'run' };
      const existing = await manager.findOneOrFail(IdempotencyKeyEntity, {
        where: owner,
        lock: { mode: 'pessimistic_write' },
      });
      if (existing.requestHash !== hash) {
        throw new DomainError(
          'business-rule',
          'This Idempotency-Key was used for a different request. Use a new key for a new request.',
        );
      }
      if (existing.status !== null)
        return { kind: 'replay', status: existing.status, resourcePath: existing.resourcePath };
      if (Date.now() - existing.createdAt.getTime() < ABANDONED_AFTER_MS) {
        throw new DomainError(
          'idempotency-in-progress',
          'The first request with this Idempotency-Key is still being processed. Retry in a moment.',
        );
      }
      await manager.update(IdempotencyKeyEntity, owner, { createdAt: new Date(), expiresAt });
      return { kind: 'run' };
    });
  }

  private async complete(
    owner: { userId: string; key: string },
    status: number,
    resourcePath: string | null,
  ): Promise<void> {
    await this.dataSource.getRepository(IdempotencyKeyEntity).update(owner, { status, resourcePath });
  }

  private async release(owner: { userId: string; key: string }): Promise<void> {
    await this.dataSource.getRepository(IdempotencyKeyEntity).delete({ ...owner, status: IsNull() });
  }

  /**
   * The resource a POST answered with, to show again on a replay: the Location the handler named
   * (a 202 that answers with an administration request); else an action on a record
   * (`/cases/:id/transitions`) answers that record, which lives at the path up to its id, and a
   * creation answers a new member of the collection, at collection/id. Other POSTs have none.
   */
  private resourcePathOf(path: string, body: unknown, reply: FastifyReply): string | null {
    const location = reply.getHeader('location');
    if (typeof location === 'string' && location.startsWith('/api/v1/')) return location;
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const segments = path.split('/');
    const own = segments.findIndex((segment) => segment.toLowerCase() === id.toLowerCase());
    return own === -1 ? `${path}/${id}` : segments.slice(0, own + 1).join('/');
  }

  private async replay(
    request: FastifyRequest,
    reply: FastifyReply,
    claim: { status: number; resourcePath: string | null },
  ): Promise<unknown> {
    reply.header('idempotent-replayed', 'true');
    if (!claim.resourcePath) {
      reply.status(claim.status);
      return undefined;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Read again through the API, so today's permissions apply and the read is audited like any
    // other; the replaying request's id goes along as the client's request id to link the two.
    const current = await fastify.inject({
      method: 'GET',
      url: claim.resourcePath,
      headers: { authorization: request.headers.authorization ?? '', 'x-request-id': request.id },
    });
    if (current.statusCode !== 200) throw new DomainError('not-found', 'No such resource.');
    reply.status(claim.status);
    return current.json();
  }
}
