import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import type { CaseHistoryEntry, CodeLists, Page } from '../api/views';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { calendarDay, codeLabel } from '../ui/labels';
import { FollowUpForm } from './follow-up-form';
import { navigate } from '../router';

type CaseView = components['schemas']['CaseView'];
type FollowUpView = components['schemas']['FollowUpView'];
type ReferralView = components['schemas']['ReferralView'];

/** The actions a case's history records (the workflow's transitions, assignment, edits). */
const HISTORY_ACTIONS: Record<string, MessageKey> = {
  create: 'historyCreate',
  update: 'historyUpdate',
  activate: 'historyActivate',
  request_closure: 'historyRequestClosure',
  close: 'historyClose',
  reopen: 'historyReopen',
  assign: 'historyAssign',
};

interface Loaded {
  record: CaseView;
  followUps: FollowUpView[];
  referrals: ReferralView[];
  history: CaseHistoryEntry[];
  codes: CodeLists;
}

/** One case (SPEC §11): its summary, follow-ups, referrals and history; the controls its `allowed` permits. */
export function CasePage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const path = { params: { path: { id } } };
    Promise.all([
      answered<CaseView>(api.GET('/api/v1/cases/{id}', path)),
      answered<Page<FollowUpView>>(api.GET('/api/v1/cases/{id}/follow-ups', path)),
      answered<Page<ReferralView>>(api.GET('/api/v1/cases/{id}/referrals', path)),
      answered<{ items: CaseHistoryEntry[] }>(api.GET('/api/v1/cases/{id}/history', path)),
      answered<CodeLists>(api.GET('/api/v1/code-lists')),
    ]).then(
      ([record, followUps, referrals, history, codes]) =>
        setLoaded({ record, followUps: followUps.items, referrals: referrals.items, history: history.items, codes }),
      (error: unknown) => setFailure(failureText(error, t)),
    );
  }, [id]);

  if (!loaded)
    return (
      <>
        <Heading>{t('caseTitle')}</Heading>
        <Alert text={failure} />
        {!failure && <p aria-live="polite">{t('loading')}</p>}
      </>
    );

  const { record, codes } = loaded;
  const label = (list: string, code: string | null | undefined) => codeLabel(codes, language, list, code);
  const date = (day: string | null | undefined) => (day ? calendarDay(language, day) : '');
  const action = (code: string) => {
    const key = HISTORY_ACTIONS[code];
    return key ? t(key) : code;
  };
  const survivorName = record.survivor?.name ?? record.survivor?.alias;

  return (
    <>
      <Heading>{t('caseHeading', { number: record.caseNumber ?? '' })}</Heading>
      {record.allowed.actions.includes('update') && (
        <p>
          <a
            class="button-link"
            href={`/cases/${id}/edit`}
            onClick={(event) => {
              event.preventDefault();
              navigate(`/cases/${id}/edit`);
            }}
          >
            {t('intakeEditCase')}
          </a>
        </p>
      )}
      <section class="case-section" aria-labelledby="case-summary">
        <h2 id="case-summary">{t('caseSummary')}</h2>
        <dl class="facts">
          {survivorName && (
            <div>
              <dt>{t('caseSurvivor')}</dt>
              <dd>{survivorName}</dd>
            </div>
          )}
          <div>
            <dt>{t('status')}</dt>
            <dd>{label('caseStatus', record.status)}</dd>
          </div>
          {record.riskLevel && (
            <div>
              <dt>{t('riskLevel')}</dt>
              <dd>{label('riskLevel', record.riskLevel)}</dd>
            </div>
          )}
          {record.intakeDate && (
            <div>
              <dt>{t('caseIntakeDate')}</dt>
              <dd>{date(record.intakeDate)}</dd>
            </div>
          )}
          <div>
            <dt>{t('nextFollowUp')}</dt>
            <dd>{record.nextFollowUpDue ? date(record.nextFollowUpDue) : t('noFollowUpDue')}</dd>
          </div>
          {record.violenceTypes && record.violenceTypes.length > 0 && (
            <div>
              <dt>{t('caseViolenceTypes')}</dt>
              <dd>{record.violenceTypes.map((code) => label('violenceTypes', code)).join(', ')}</dd>
            </div>
          )}
        </dl>
      </section>

      <section class="case-section" aria-labelledby="case-follow-ups">
        <h2 id="case-follow-ups">{t('caseFollowUps')}</h2>
        {loaded.followUps.length === 0 ? (
          <p>{t('caseNoFollowUps')}</p>
        ) : (
          <ul class="entries follow-ups">
            {loaded.followUps.map((item) => (
              <li key={item.id}>
                <p class="entry-title">
                  {date(item.date)}: {label('followUpType', item.type)}
                </p>
                {item.notes && <p>{item.notes}</p>}
                {item.nextAction && (
                  <p>
                    {t('followUpNextAction')}: {item.nextAction}
                    {item.dueDate && ` (${date(item.dueDate)})`}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {record.allowed.actions.includes('update') && (
          <FollowUpForm
            caseId={id}
            codes={codes}
            onSaved={(followUp) => setLoaded({ ...loaded, followUps: [followUp, ...loaded.followUps] })}
          />
        )}
      </section>

      <section class="case-section" aria-labelledby="case-referrals">
        <h2 id="case-referrals">{t('caseReferrals')}</h2>
        {loaded.referrals.length === 0 ? (
          <p>{t('caseNoReferrals')}</p>
        ) : (
          <ul class="entries">
            {loaded.referrals.map((item) => (
              <li key={item.id}>
                <p class="entry-title">
                  {date(item.referredAt)}: {label('serviceType', item.serviceType)}
                </p>
                <p>
                  {t('status')}: {label('referralStatus', item.status)}
                </p>
                {item.note && <p>{item.note}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="case-section" aria-labelledby="case-history">
        <h2 id="case-history">{t('caseHistory')}</h2>
        <ul class="entries">
          {loaded.history.map((entry, index) => (
            <li key={index}>
              <p class="entry-title">
                {date(entry.at)}: {action(entry.action)}
              </p>
              {entry.changes.length > 0 && (
                <p>
                  {t('caseHistoryFields')}: {entry.changes.map((change) => change.field).join(', ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
