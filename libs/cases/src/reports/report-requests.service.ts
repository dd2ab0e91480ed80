import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, permittedFields, readableView, RequestAuth, ScopedResources } from '@pendamping/auth';
import { DomainError, JobName, JobProducer, probeRedis, ROOT_LOGGER } from '@pendamping/core';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { ReportAudience, ReportFormat, ReportLocale, ScopeLevel } from './report-model';
import { ReportScope } from './report-scope';
import { REPORTS } from './report.specs';
import { REPORT_STATUSES } from './report.entity';
import { ReportStorage } from './report-storage';

export interface ReportRequest {
  kind: 'annual_evaluation';
  year: number;
  scope: { level: ScopeLevel; id?: string | null };
  format: ReportFormat;
  locale?: ReportLocale;
  audience?: ReportAudience;
}

export interface ReportDownload {
  stream: Readable;
  fileName: string;
  contentType: string;
  byteSize: number;
}

/**
 * The API's side of reports (SPEC §7): the request is saved in PostgreSQL first (the outbox) and
 * then queued with its id as the job id; the API never renders. If Redis is away the request is
 * still accepted, and the worker's reconciler queues it once Redis is back.
 */
@Injectable()
export class ReportRequests {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly scope: ReportScope,
    private readonly storage: ReportStorage,
    private readonly producer: JobProducer,
    private readonly audit: AuditWriter,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** The same request of the same requester while one is queued or running answers that one. */
  async request(auth: RequestAuth, input: ReportRequest): Promise<Record<string, unknown>> {
    const wanted = {
      kind: input.kind,
      year: input.year,
      scopeLevel: input.scope.level,
      scopeId: input.scope.id ?? null,
      format: input.format,
      locale: input.locale ?? 'id',
      audience: input.audience ?? 'internal',
    };
    const place = await this.scope.place(auth, input.scope);
    const requestKey = createHash('sha256')
      .update(JSON.stringify(Object.values(wanted)))
      .digest('hex');
    const record = { organizationId: auth.actor.organizationId, requestedBy: auth.actor.userId, ...place, ...wanted };
    const view = await this.resources.create(REPORTS, auth, record, input, async (manager) => {
      const [inserted] = (await manager.query(
        `INSERT INTO reports (organization_id, requested_by, kind, year, scope_level, scope_id, region_id, group_id, format, locale, audience, request_key, status, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'queued', 1)
         ON CONFLICT (requested_by, request_key) WHERE status IN ('queued', 'running') DO NOTHING
         RETURNING id`,
        [
          record.organizationId,
          record.requestedBy,
          wanted.kind,
          wanted.year,
          wanted.scopeLevel,
          wanted.scopeId,
          place.regionId,
          place.groupId,
          wanted.format,
          wanted.locale,
          wanted.audience,
          requestKey,
        ],
      )) as { id: string }[];
      if (inserted) return inserted.id;
      const [pending] = (await manager.query(
        `SELECT id FROM reports WHERE requested_by = $1 AND request_key = $2 AND status IN ('queued', 'running')`,
        [record.requestedBy, requestKey],
      )) as { id: string }[];
      return pending.id;
    });
    await this.enqueue(view.id as string);
    return view;
  }

  get = (auth: RequestAuth, id: string) => this.resources.get(REPORTS, auth, id);

  /** The caller's own requests (the rules hide everyone else's), newest last (the stable order of every list). */
  list(auth: RequestAuth, page: { cursor?: string; limit?: number }) {
    return this.resources.list(REPORTS, auth, page);
  }

  /** Permission re-checked on the report as it is now, and the download audited. */
  async download(auth: RequestAuth, id: string): Promise<ReportDownload> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.resources.findVisible(manager, REPORTS, auth, id);
      if (!permittedFields(auth.ability, 'read', 'Report', { ...report }).includes('file'))
        throw new DomainError('forbidden', 'You may not download this report.');
      if (report.status === 'expired')
        throw new DomainError('conflict', 'This report has expired and its file was deleted; request it again.', {
          currentStatus: report.status,
        });
      if (report.status !== 'succeeded' || !report.fileName || !report.contentType || report.byteSize === null) {
        throw new DomainError('conflict', `The report is ${report.status}; its file is not ready.`, {
          currentStatus: report.status,
        });
      }
      await this.audit.record(manager, this.resources.event(auth, 'download', 'Report', id, ['file'], 'success'));
      return {
        stream: this.storage.read(id),
        fileName: report.fileName,
        contentType: report.contentType,
        byteSize: report.byteSize,
      };
    });
  }

  /**
   * The organisation's own requests by status (PostgreSQL) and whether Redis answers. The queue's
   * counts in Redis are the deployment's, shared by every organisation: not one tenant's to see.
   */
  async queueStatus(auth: RequestAuth) {
    const rows = (await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM reports WHERE organization_id = $1 GROUP BY status`,
      [auth.actor.organizationId],
    )) as {
      status: string;
      n: number;
    }[];
    const organization = Object.fromEntries(
      REPORT_STATUSES.map((status) => [status, rows.find((row) => row.status === status)?.n ?? 0]),
    );
    const redis = (await probeRedis(this.producer.connection)).status;
    return readableView(
      auth.ability,
      'ReportQueue',
      { organizationId: auth.actor.organizationId },
      { redis, organization },
    );
  }

  /** Best effort: the request is safe in PostgreSQL, and the reconciler queues what this misses. */
  private async enqueue(reportId: string): Promise<void> {
    try {
      await this.producer.enqueue(JobName.RenderReport, { reportId }, reportId);
    } catch (err) {
      this.logger.warn({ err, reportId }, 'report request saved but not queued; the reconciler will queue it');
    }
  }
}
