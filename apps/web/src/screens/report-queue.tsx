import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import type { MessageKey } from '../i18n/messages';
import type { ReportQueueView, ReportStatus } from './report-views';

const STATUSES: [ReportStatus, MessageKey][] = [
  ['queued', 'reportsQueueQueued'],
  ['running', 'reportsQueueRunning'],
  ['succeeded', 'reportsQueueSucceeded'],
  ['failed', 'reportsQueueFailed'],
  ['expired', 'reportsQueueExpired'],
];

/**
 * The organisation's report queue for its administrator (SPEC §11): how many requests wait, run,
 * finished or failed, and whether the queue service answers. No report, requester or scope is shown.
 */
export function ReportQueue() {
  const { t, language } = useI18n();
  const [queue, setQueue] = useState<ReportQueueView>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const number = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB');

  const load = () => {
    setBusy(true);
    setFailure(undefined);
    answered(api.GET('/api/v1/reports/queue'))
      .then(setQueue, setFailure)
      .finally(() => setBusy(false));
  };
  useEffect(load, []);

  return (
    <>
      <Heading>{t('reportsQueueTitle')}</Heading>
      <p>{t('reportsQueueHelp')}</p>
      <Alert text={failure === undefined ? undefined : failureText(failure, t)} />
      {!queue && failure === undefined && <p aria-live="polite">{t('loading')}</p>}
      {queue && (
        <div aria-live="polite" class="report-queue">
          <dl class="facts">
            <div>
              <dt>{t('reportsQueueService')}</dt>
              <dd class={queue.redis === 'up' ? undefined : 'overdue'}>
                {t(queue.redis === 'up' ? 'reportsQueueUp' : 'reportsQueueDown')}
              </dd>
            </div>
          </dl>
          <table>
            <caption>{t('reportsQueueRequests')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('status')}</th>
                <th scope="col" class="number">
                  {t('reportsColumnCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {STATUSES.map(([status, label]) => (
                <tr key={status} data-status={status}>
                  <th scope="row">{t(label)}</th>
                  <td class="number">{number.format(queue.organization?.[status] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" onClick={load} disabled={busy}>
        {t('reportsQueueRefresh')}
      </button>
    </>
  );
}
