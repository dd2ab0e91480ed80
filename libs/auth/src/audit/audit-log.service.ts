import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_PAGE_SIZE, DomainError, MAX_PAGE_SIZE, Page } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';
import { eachRow, ResourceSpec, ScopedResources } from '../permissions/scoped-resources';
import { applyRowScope } from '../permissions/row-scope';
import { RequestAuth } from '../permissions/request-auth';
import { AuditEventEntity } from './audit.entities';
import { AuditVerifier, VerificationReport } from './audit-verifier';

export interface AuditFilters {
  actor?: string;
  subject?: string;
  action?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

const AUDIT_EVENTS: ResourceSpec<AuditEventEntity> = {
  entity: AuditEventEntity,
  subject: 'AuditEvent',
  views: eachRow((event: AuditEventEntity) => ({
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorRole: event.actorRole,
    action: event.action,
    subject: event.subject,
    subjectId: event.subjectId,
    fields: event.fields,
    outcome: event.outcome,
    requestId: event.requestId,
    clientRequestId: event.clientRequestId,
    subjectIds: event.subjectIds,
    deviceReadAt: event.deviceReadAt?.toISOString() ?? null,
    lane: event.lane,
    seq: event.seq,
  })),
};

/** Reading the audit log is itself audited in the log, like every other list (by ScopedResources.present). */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifier: AuditVerifier,
    private readonly resources: ScopedResources,
  ) {}

  list(auth: RequestAuth, filters: AuditFilters): Promise<Page<Record<string, unknown>>> {
    return this.dataSource.transaction((manager) => this.page(manager, auth, filters));
  }

  private async page(
    manager: EntityManager,
    auth: RequestAuth,
    filters: AuditFilters,
  ): Promise<Page<Record<string, unknown>>> {
    const query = applyRowScope(
      manager.getRepository(AuditEventEntity).createQueryBuilder('row'),
      auth.ability,
      'read',
      'AuditEvent',
      'row',
    );
    if (filters.actor) query.andWhere('row.actorId = :actor', { actor: filters.actor });
    if (filters.subject) query.andWhere('row.subject = :subject', { subject: filters.subject });
    if (filters.action) query.andWhere('row.action = :action', { action: filters.action });
    if (filters.from) query.andWhere('row.occurredAt >= :from', { from: filters.from });
    if (filters.to) query.andWhere('row.occurredAt < :to', { to: filters.to });
    // Newest first, paged by the event id, which only grows.
    if (filters.cursor) query.andWhere('row.id < :before', { before: this.cursorId(filters.cursor) });
    const limit = Math.min(Math.max(filters.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const rows = await query
      .orderBy('row.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = await this.resources.present(manager, AUDIT_EVENTS, auth, rows.slice(0, limit), 'list');
    return rows.length > limit ? { items, nextCursor: rows[limit - 1].id } : { items };
  }

  verify(auth: RequestAuth): Promise<VerificationReport> {
    return this.verifier.verify(auth.actor.organizationId);
  }

  private cursorId(cursor: string): string {
    if (!/^[1-9][0-9]{0,17}$/.test(cursor))
      throw new DomainError('validation-failed', 'The cursor is not one this API gave out.', {
        errors: [{ field: 'cursor', message: 'is not valid' }],
      });
    return cursor;
  }
}
