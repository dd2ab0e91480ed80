import { Writable } from 'node:stream';
import { subject as asSubject } from '@casl/ability';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyRowScope, AuditWriter, buildAbility } from '@pendamping/auth';
import { ActorLoader } from '@pendamping/auth/permissions/actor-loader';
import { APP_CONFIG, AppConfig, ROOT_LOGGER } from '@pendamping/core';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { computeReportFigures, countedCasesSql, ReportFiguresInput } from './report-figures';
import { countsCaseExcludingRequester, lockRestrictions, recordCountedCases } from './report-holders';
import type { ReportFigures, ReportFormat } from './report-model';
import { ReportEntity } from './report.entity';
import { reportFileName } from './report-file-name';
import { ReportStorage } from './report-storage';
import { renderCsvZip } from './render/csv-report';
import { renderPdf } from './render/pdf-report';
import { renderXlsx } from './render/xlsx-report';
import { suppress } from './suppression';

export const REPORT_FILE_TYPES: Record<ReportFormat, { type: string; extension: string }> = {
  pdf: { type: 'application/pdf', extension: 'pdf' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  csv: { type: 'application/zip', extension: 'zip' },
};

/** How many times a report is counted again when a case it counted is restricted against its requester meanwhile. */
const RECOUNTS = 3;

/** A case the figures counted was restricted against the requester before the file was committed: count again. */
class CountedCaseRestricted extends Error {
  readonly logSafe = true;
}

/** A failure the requester can read: it names no data, no SQL, no stack. */
export class ReportRefused extends Error {
  readonly logSafe = true;
}

/**
 * The worker's side of a report (SPEC §7): claims the request, checks again that the requester
 * may have it, computes the figures in SQL, suppresses small cells for an external audience, and
 * writes the file into PostgreSQL in the transaction that marks it succeeded.
 */
@Injectable()
export class ReportRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actors: ActorLoader,
    private readonly storage: ReportStorage,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** `final` is the job's last attempt: a failure then is recorded on the request for the requester to see. */
  async run(
    reportId: string,
    final: boolean,
    onProgress: (percent: number, stage: string) => Promise<void>,
  ): Promise<void> {
    const report = await this.claim(reportId);
    if (!report) return;
    try {
      for (let round = 1; ; round++) {
        const figures = await this.figures(report, onProgress);
        await this.progress(report.id, 80, 'rendering', onProgress);
        try {
          await this.write(report, figures);
          return;
        } catch (error) {
          if (!(error instanceof CountedCaseRestricted) || round >= RECOUNTS) throw error;
        }
      }
    } catch (error) {
      const refused = error instanceof ReportRefused;
      if (refused || final)
        await this.fail(
          report,
          refused ? error.message : 'The report could not be produced; request it again or ask your administrator.',
        );
      if (!refused) throw error;
    }
  }

  /** Running again after a crash is allowed; a finished, failed or expired request is left alone. */
  private async claim(reportId: string): Promise<ReportEntity | undefined> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[row]] = (await this.dataSource.query(
      `UPDATE reports SET status = 'running', started_at = now(), attempts = attempts + 1, progress = 0, stage = 'starting', error = NULL
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [reportId],
    )) as [{ id: string }[], number];
    return row ? this.dataSource.getRepository(ReportEntity).findOneByOrFail({ id: reportId }) : undefined;
  }

  private async figures(
    report: ReportEntity,
    onProgress: (percent: number, stage: string) => Promise<void>,
  ): Promise<ReportFigures> {
    const actor = await this.actors.loadForJob(report.requestedBy, report.organizationId);
    const ability = actor && buildAbility(actor);
    const record: Record<string, unknown> = {
      organizationId: report.organizationId,
      regionId: report.regionId,
      groupId: report.groupId,
    };
    if (!ability || !ability.can('create', asSubject('Report', record))) {
      throw new ReportRefused('The requester may no longer have this report (their role, scope or account changed).');
    }
    const input: ReportFiguresInput = {
      organizationId: report.organizationId,
      scope: { level: report.scopeLevel as ReportFigures['scope']['level'], id: report.scopeId },
      year: report.year,
      audience: report.audience as ReportFigures['audience'],
      locale: report.locale as ReportFigures['locale'],
      // The rules' `report` action: among others, no case that excludes the requester, whatever its intake year.
      caseScope: (query) => applyRowScope(query, ability, 'report', 'Case', 'row'),
      onStage: (stage, percent) => this.progress(report.id, Math.round(percent * 0.8), stage, onProgress),
    };
    const figures = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const computed = await computeReportFigures(manager, input);
      await recordCountedCases(manager, report.id, countedCasesSql(manager, input));
      return computed;
    });
    return figures.audience === 'external' ? suppress(figures, this.config.REPORT_SUPPRESSION_THRESHOLD) : figures;
  }

  /**
   * The file and the `succeeded` status in one transaction: a worker killed before the commit
   * leaves no chunk; a second worker finishing the same request finds it no longer running.
   */
  private async write(report: ReportEntity, figures: ReportFigures): Promise<void> {
    const format = report.format as ReportFormat;
    const { type, extension } = REPORT_FILE_TYPES[format];
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM report_chunks WHERE report_id = $1', [report.id]);
      const sink = this.storage.sink(manager, report.id);
      await this.render(format, figures, sink.stream);
      const { byteSize, checksumSha256 } = sink.stored();
      await lockRestrictions(manager, report.organizationId, 'shared');
      if (await countsCaseExcludingRequester(manager, report.id, report.requestedBy))
        throw new CountedCaseRestricted('a counted case now excludes the requester');
      const [[finished]] = (await manager.query(
        `UPDATE reports SET status = 'succeeded', progress = 100, stage = 'done', file_name = $2, content_type = $3, byte_size = $4, checksum_sha256 = $5,
                finished_at = now(), expires_at = now() + make_interval(hours => $6), version = version + 1
          WHERE id = $1 AND status = 'running' RETURNING id`,
        [
          report.id,
          reportFileName(figures, extension),
          type,
          byteSize,
          checksumSha256,
          this.config.REPORT_RETENTION_HOURS,
        ],
      )) as [{ id: string }[], number];
      if (!finished) throw new ReportRefused('The report was finished or withdrawn meanwhile.');
      await this.audit.record(manager, {
        organizationId: report.organizationId,
        actor: null,
        action: 'render',
        subject: 'Report',
        subjectId: report.id,
        outcome: 'success',
      });
    });
    this.logger.info({ reportId: report.id, format }, 'report rendered');
  }

  private async render(format: ReportFormat, figures: ReportFigures, out: Writable): Promise<void> {
    const options = { threshold: this.config.REPORT_SUPPRESSION_THRESHOLD };
    if (format === 'pdf') await renderPdf(figures, out, options);
    else if (format === 'xlsx') await renderXlsx(figures, out, options);
    else await renderCsvZip(figures, out, options);
  }

  private async fail(report: ReportEntity, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE reports SET status = 'failed', error = $2, finished_at = now(), version = version + 1 WHERE id = $1 AND status = 'running'`,
      [report.id, message],
    );
  }

  private async progress(
    reportId: string,
    percent: number,
    stage: string,
    onProgress: (percent: number, stage: string) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.query(`UPDATE reports SET progress = $2, stage = $3 WHERE id = $1 AND status = 'running'`, [
      reportId,
      percent,
      stage,
    ]);
    await onProgress(percent, stage);
  }
}
