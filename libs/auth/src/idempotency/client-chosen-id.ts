import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource, EntityTarget, QueryFailedError } from 'typeorm';
import { authOrUndefined } from '../permissions/request-auth';

const CLIENT_CHOSEN_ID = 'pendamping:client-chosen-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record that remembers who created it: what a client-chosen id is checked against. */
type CreatedRecord = { id: string; createdBy: string };

/**
 * Marks a creation route whose body may carry a device-made `id` (SPEC §4, §12: cases,
 * follow-ups, activity reports), stored in `entity`.
 */
export const ClientChosenId = (entity: EntityTarget<CreatedRecord>) => SetMetadata(CLIENT_CHOSEN_ID, entity);

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/**
 * SPEC §12 "Outbox": the id is what guarantees exactly once. Its creator sending it again gets 200
 * `{id}`, decided here before any idempotency replay and before the record's own checks, so the
 * answer holds even when the record is no longer hers to read (a case reassigned while her phone
 * was offline); an id that another user's record holds is 409 `id-taken`, which says nothing
 * more about that record. Two creations with one id at once: the loser's insert fails on the
 * primary key and is answered the same way. Registered before the idempotency interceptor.
 */
@Injectable()
export class ClientChosenIdInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const entity = this.reflector.get<EntityTarget<CreatedRecord> | undefined>(CLIENT_CHOSEN_ID, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const id = (request.body as { id?: unknown } | undefined)?.id;
    const auth = authOrUndefined(request);
    if (!entity || typeof id !== 'string' || !UUID.test(id) || !auth) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const answerExisting = async (): Promise<{ id: string } | undefined> => {
      const existing = await this.dataSource
        .getRepository(entity)
        .findOne({ where: { id: id.toLowerCase() }, select: { id: true, createdBy: true } });
      if (!existing) return undefined;
      if (existing.createdBy !== auth.actor.userId)
        throw new DomainError('id-taken', 'This id is already used by another record; choose another.', {
          fields: ['id'],
        });
      reply.status(200);
      return { id: existing.id };
    };
    return from(answerExisting()).pipe(
      mergeMap((answered) =>
        answered
          ? of(answered)
          : next
              .handle()
              .pipe(
                catchError((error: unknown) =>
                  isUniqueViolation(error)
                    ? from(answerExisting()).pipe(mergeMap((raced) => (raced ? of(raced) : throwError(() => error))))
                    : throwError(() => error),
                ),
              ),
      ),
    );
  }
}
