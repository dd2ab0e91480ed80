import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { idOf } from '../api/record-id';
import { Alert } from '../ui/alert';
import { downloadReport } from './report-download';
import type { ReportStatus, ReportView } from './report-views';

export const STATUS_TEXT: Record<ReportStatus, MessageKey> = {
  queued: 'reportsStatusQueued',
  running: 'reportsStatusRunning',
  succeeded: 'reportsStatusSucceeded',
  failed: 'reportsStatusFailed',
  expired: 'reportsStatusExpired',
};

/** The worker's stages (SPEC §7), in the order it reports them. */
const STAGE_TEXT: Record<string, MessageKey> = {
  starting: 'reportsStageStarting',
  scope: 'reportsStageScope',
  cases: 'reportsStageCases',
  tables: 'reportsStageTables',
  closures: 'reportsStageClosures',
  referrals: 'reportsStageReferrals',
  groups: 'reportsStageGroups',
  figures: 'reportsStageFigures',
  rendering: 'reportsStageRendering',
};

const FORMAT_TEXT: Record<NonNullable<ReportView['format']>, MessageKey> = {
  pdf: 'reportsFormatPdf',
  xlsx: 'reportsFormatXlsx',
  csv: 'reportsFormatCsv',
};

export const isPending = (report: ReportView) => report.status === 'queued' || report.status === 'running';

/**
 * One requested report. Internal and external look different at a glance (SPEC §7 issue 12): a
 * badge that says which, in words, and a colour of its own; the server's file name says it too.
 */
export function ReportCard({ report, title, focused }: { report: ReportView; title: string; focused: boolean }) {
  const { t, language } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focused) heading.current?.focus();
  }, [focused]);
  const [downloading, setDownloading] = useState(false);
  const [failed, setFailed] = useState(false);
  const when = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const titleId = `report-${report.id}-title`;
  const stage = report.stage ? STAGE_TEXT[report.stage] : undefined;

  const download = async () => {
    setDownloading(true);
    setFailed(false);
    try {
      await downloadReport(idOf(report), report.fileName ?? `${report.id}.${report.format}`);
    } catch {
      setFailed(true);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <li class={`report-card ${report.audience}`} data-report={report.id} data-status={report.status}>
      <p class="audience-badge">
        {t(report.audience === 'internal' ? 'reportsBadgeInternal' : 'reportsBadgeExternal')}
      </p>
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('status')}</dt>
          <dd class="report-status">{report.status && t(STATUS_TEXT[report.status])}</dd>
        </div>
        <div>
          <dt>{t('reportsFormat')}</dt>
          <dd>{report.format && t(FORMAT_TEXT[report.format])}</dd>
        </div>
        <div>
          <dt>{t('reportsLocale')}</dt>
          <dd>{t(report.locale === 'en' ? 'reportsLocaleEn' : 'reportsLocaleId')}</dd>
        </div>
        <div>
          <dt>{t('reportsRequestedAt')}</dt>
          <dd>{report.createdAt && when.format(new Date(report.createdAt))}</dd>
        </div>
        {report.status === 'succeeded' && report.fileName && (
          <div>
            <dt>{t('reportsFile')}</dt>
            <dd class="file-name">{report.fileName}</dd>
          </div>
        )}
        {report.status === 'succeeded' && report.expiresAt && (
          <div>
            <dt>{t('reportsAvailableUntil')}</dt>
            <dd>{when.format(new Date(report.expiresAt))}</dd>
          </div>
        )}
      </dl>
      {isPending(report) && (
        <div class="report-progress">
          <progress max={100} value={report.progress} aria-labelledby={titleId} />
          <p>
            {t('reportsProgress', { percent: String(report.progress) })}
            {stage && `: ${t(stage)}`}
          </p>
        </div>
      )}
      {report.status === 'failed' && <p>{t('reportsFailedHelp')}</p>}
      {report.status === 'expired' && <p>{t('reportsExpiredHelp')}</p>}
      {report.status === 'succeeded' && (
        <>
          <Alert text={failed ? t('reportsDownloadFailed') : undefined} />
          <button type="button" class="download" disabled={downloading} aria-describedby={titleId} onClick={download}>
            {downloading ? t('reportsDownloading') : t('reportsDownload')}
          </button>
        </>
      )}
    </li>
  );
}
