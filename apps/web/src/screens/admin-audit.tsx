import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS, AUDIT_SUBJECT_LABELS, roleLabel } from './admin-labels';
import { momentOf } from '../ui/labels';
import { loadUsers, namesOf } from './admin-loaders';
import type { AuditEventView, UserView, VerificationReport } from './admin-views';

interface Filters {
  actor: string;
  subject: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: '', subject: '', action: '', from: '', to: '' };
const PAGE_SIZE = 50;

/** The filters as the API takes them: a day's `to` reaches through that whole day, as a reader means it. */
function queryOf(filters: Filters) {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(filters.actor && { actor: filters.actor }),
    ...(filters.subject && { subject: filters.subject }),
    ...(filters.action && { action: filters.action }),
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: nextDay(filters.to) }),
  };
}

/**
 * The audit log (SPEC §8), newest first, with its filters and paging, and the verification of its
 * hash chain. An event names who did what to which record and the names of the fields it touched;
 * the log holds no values, so none can show here.
 */
export function AuditScreen() {
  const { t, language } = useI18n();
  const [users, setUsers] = useState<UserView[]>([]);
  const [typed, setTyped] = useState<Filters>(NO_FILTERS);
  const [events, setEvents] = useState<AuditEventView[]>();
  const [next, setNext] = useState<{ filters: Filters; cursor: string }>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<VerificationReport>();
  const [verifying, setVerifying] = useState(false);

  const fetchPage = async (filters: Filters, cursor?: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const page = await answered(
        api.GET('/api/v1/audit', {
          params: { query: { ...queryOf(filters), limit: PAGE_SIZE, ...(cursor && { cursor }) } },
        }),
      );
      setEvents((shown) => (cursor ? [...(shown ?? []), ...page.items] : page.items));
      setNext(page.nextCursor ? { filters, cursor: page.nextCursor } : undefined);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    loadUsers().then(setUsers, setFailure);
    void fetchPage(NO_FILTERS);
  }, []);

  const verify = async () => {
    setVerifying(true);
    setReport(undefined);
    setFailure(undefined);
    try {
      setReport(await answered(api.GET('/api/v1/audit/verify')));
    } catch (error) {
      setFailure(error);
    } finally {
      setVerifying(false);
    }
  };

  const nameOf = namesOf(users);
  /** A code in the reader's words; a code this client has no words for yet shows as it is. */
  const wordFor = (labels: Record<string, MessageKey>, code: string | undefined) =>
    code === undefined ? '' : labels[code] ? t(labels[code]) : code;
  const optionsOf = (labels: Record<string, MessageKey>) =>
    Object.entries(labels).map(([code, label]) => (
      <option key={code} value={code}>
        {t(label)}
      </option>
    ));
  const set = (field: keyof Filters) => (event: { currentTarget: { value: string } }) =>
    setTyped({ ...typed, [field]: event.currentTarget.value });

  return (
    <>
      <Heading>{t('navAudit')}</Heading>
      <p>{t('adminAuditHelp')}</p>

      <section class="case-section" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('adminVerifyTitle')}</h2>
        <p>{t('adminVerifyHelp')}</p>
        <button type="button" class="primary" disabled={verifying} onClick={() => void verify()}>
          {t(verifying ? 'adminVerifying' : 'adminVerify')}
        </button>
        <div role="status">
          {report && (
            <p class={report.valid ? 'verdict good' : 'verdict bad'} data-valid={String(report.valid)}>
              {report.valid
                ? t('adminChainIntact', { events: String(report.eventsChecked), lanes: String(report.lanes) })
                : t('adminChainBroken', {
                    lane: String(report.firstBroken?.lane ?? ''),
                    seq: report.firstBroken?.seq ?? '',
                    reason: report.firstBroken?.reason ?? '',
                  })}
            </p>
          )}
        </div>
      </section>

      <form
        class="case-form filters"
        aria-labelledby="audit-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void fetchPage(typed);
        }}
      >
        <h2 id="audit-filters">{t('adminFilters')}</h2>
        <div class="field">
          <label for="audit-actor">{t('adminActor')}</label>
          <select id="audit-actor" name="actor" value={typed.actor} onChange={set('actor')}>
            <option value="">{t('adminAnyone')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-subject">{t('adminSubject')}</label>
          <select id="audit-subject" name="subject" value={typed.subject} onChange={set('subject')}>
            <option value="">{t('adminAnyKind')}</option>
            {optionsOf(AUDIT_SUBJECT_LABELS)}
          </select>
        </div>
        <div class="field">
          <label for="audit-action">{t('adminAction')}</label>
          <select id="audit-action" name="action" value={typed.action} onChange={set('action')}>
            <option value="">{t('adminAnyAction')}</option>
            {optionsOf(AUDIT_ACTION_LABELS)}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">{t('adminFrom')}</label>
          <input id="audit-from" name="from" type="date" value={typed.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="audit-to">{t('adminTo')}</label>
          <input id="audit-to" name="to" type="date" value={typed.to} onInput={set('to')} />
        </div>
        <div class="actions inline">
          <button type="submit" class="primary" disabled={busy}>
            {t('adminApplyFilters')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setTyped(NO_FILTERS);
              void fetchPage(NO_FILTERS);
            }}
          >
            {t('adminClearFilters')}
          </button>
        </div>
      </form>

      <Alert text={failure ? failureText(failure, t) : undefined} />
      <section class="case-section" aria-labelledby="audit-events">
        <h2 id="audit-events">{t('adminAuditEvents')}</h2>
        {!events && !failure && <p aria-live="polite">{t('loading')}</p>}
        {events && events.length === 0 && <p>{t('adminNoEvents')}</p>}
        {events && events.length > 0 && (
          <ol class="cards audit-events">
            {events.map((event) => (
              <li key={event.id} class="card" data-action={event.action} data-subject={event.subject}>
                <p class="card-title">
                  {wordFor(AUDIT_ACTION_LABELS, event.action)} · {wordFor(AUDIT_SUBJECT_LABELS, event.subject)}
                  {event.outcome && event.outcome !== 'success' && (
                    <strong class="overdue"> ({wordFor(AUDIT_OUTCOME_LABELS, event.outcome)})</strong>
                  )}
                </p>
                <p class="card-line">{event.occurredAt && momentOf(language, event.occurredAt)}</p>
                <p class="card-line">
                  {t('adminActor')}:{' '}
                  {event.actorId
                    ? `${nameOf(event.actorId) ?? t('adminUnknownUser')}${event.actorRole ? ` (${t(roleLabel(event.actorRole))})` : ''}`
                    : t('adminOperatorOrSystem')}
                </p>
                {event.subjectId && (
                  <p class="card-line">
                    {t('adminRecord')}: <code class="id">{event.subjectId}</code>
                  </p>
                )}
                {event.fields && event.fields.length > 0 && (
                  <p class="card-line">
                    {t('adminFieldNames')}: {event.fields.join(', ')}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        {next && (
          <button type="button" disabled={busy} onClick={() => void fetchPage(next.filters, next.cursor)}>
            {t('adminOlderEvents')}
          </button>
        )}
      </section>
    </>
  );
}
