import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { allPages } from '../api/page';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { allPlaces } from './case-list/directory';
import { isPending, ReportCard, STATUS_TEXT } from './report-card';
import { ReportRequestForm, type Place, type Places } from './report-request-form';
import type { ReportStatus, ReportView } from './report-views';

/** Polling starts brisk (a small report is ready in seconds) and slows down while a report takes long. */
const FIRST_POLL_MS = 1_000;
const LAST_POLL_MS = 15_000;
const POLL_GROWTH = 1.5;
/** One's own requests, newest first: the API lists them oldest first. */
const myReports = async () => (await allPages((query) => api.GET('/api/v1/reports', { params: { query } }))).reverse();

const placesOf = (items: { id?: string | null; name?: string | null }[]): Place[] =>
  items.map((item) => ({ id: item.id ?? '', name: item.name ?? '' }));

async function readablePlaces(): Promise<Places> {
  const { regions, villages, groups } = await allPlaces();
  return { regions: placesOf(regions), villages: placesOf(villages), groups: placesOf(groups) };
}

/**
 * The reader's evaluation reports (SPEC §7): asking for one, watching it be prepared, and
 * downloading it. Her reports come first (on a phone she returns to download, not to ask again).
 * Only her own exist for her. While one is queued or running its status is asked
 * for again, less often the longer it takes, and a change of status is announced.
 */
export function Reports() {
  const { t } = useI18n();
  const [reports, setReports] = useState<ReportView[]>();
  const [places, setPlaces] = useState<Places>();
  const [failure, setFailure] = useState<unknown>();
  const [announced, setAnnounced] = useState<{ id: string; status: ReportStatus }>();
  const [polls, setPolls] = useState(0);
  /** The report just asked for: the keyboard goes on from it, where its progress shows. */
  const [requested, setRequested] = useState<string>();
  const delay = useRef(FIRST_POLL_MS);

  useEffect(() => {
    Promise.all([myReports(), readablePlaces()]).then(([mine, readable]) => {
      setReports(mine);
      setPlaces(readable);
    }, setFailure);
  }, []);

  const pending = (reports ?? []).filter(isPending).map(idOf);
  useEffect(() => {
    if (pending.length === 0) return;
    let stopped = false;
    const timer = setTimeout(() => {
      Promise.all(pending.map((id) => answered(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })))).then(
        (fresh) => {
          if (stopped) return;
          delay.current = Math.min(delay.current * POLL_GROWTH, LAST_POLL_MS);
          const changed = fresh.find((report) => !isPending(report));
          if (changed?.status) setAnnounced({ id: idOf(changed), status: changed.status });
          setReports((current) => current?.map((report) => fresh.find((one) => one.id === report.id) ?? report));
          setPolls((count) => count + 1);
        },
        () => {
          if (stopped) return;
          delay.current = LAST_POLL_MS;
          setPolls((count) => count + 1);
        },
      );
    }, delay.current);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [pending.join(','), polls]);

  const scopeName = (report: ReportView) => {
    const { level, id } = report.scope ?? {};
    if (!level) return '';
    if (level === 'organization' || !places) return t('reportsScopeOrganization');
    const list = level === 'region' ? places.regions : level === 'village' ? places.villages : places.groups;
    return list.find((place) => place.id === id)?.name ?? '';
  };
  const title = (report: ReportView) => t('reportsCardTitle', { year: String(report.year), scope: scopeName(report) });
  const announcedReport = announced && reports?.find((report) => report.id === announced.id);

  return (
    <>
      <Heading>{t('reportsTitle')}</Heading>
      <Alert text={failure === undefined ? undefined : failureText(failure, t)} />
      {!reports && failure === undefined && <p aria-live="polite">{t('loading')}</p>}
      <div class="reports-layout">
        {reports && (
          <section class="case-section" aria-labelledby="my-reports">
            <h2 id="my-reports">{t('reportsMine')}</h2>
            <p class="visually-hidden" aria-live="polite">
              {announcedReport &&
                t('reportsAnnounce', { title: title(announcedReport), status: t(STATUS_TEXT[announced.status]) })}
            </p>
            {reports.length === 0 ? (
              <p>{t('reportsNone')}</p>
            ) : (
              <ul class="report-list">
                {reports.map((report) => (
                  <ReportCard key={report.id} report={report} title={title(report)} focused={report.id === requested} />
                ))}
              </ul>
            )}
          </section>
        )}
        {places && (
          <ReportRequestForm
            places={places}
            onRequested={(report) => {
              delay.current = FIRST_POLL_MS;
              setReports((current) => [report, ...(current ?? []).filter((one) => one.id !== report.id)]);
              setRequested(report.id);
            }}
          />
        )}
      </div>
    </>
  );
}
