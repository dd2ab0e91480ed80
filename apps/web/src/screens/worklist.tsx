import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { calendarDay, codeLabel, type CodeLists } from '../ui/labels';
import { navigate } from '../router';

interface Loaded {
  cases: components['schemas']['CaseView'][];
  codes: CodeLists;
}

/** The companion's cases in the server's order: active first, then by the next follow-up due (SPEC §8). */
export function Worklist() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    Promise.all([
      answered(api.GET('/api/v1/cases', { params: { query: { assignedTo: 'me' } } })),
      answered(api.GET('/api/v1/code-lists')),
    ]).then(
      ([page, codes]) => setLoaded({ cases: page.items, codes }),
      (error: unknown) => setFailure(failureText(error, t)),
    );
  }, []);

  const label = (list: string, code: string | null | undefined) =>
    loaded ? codeLabel(loaded.codes, language, list, code) : '';
  const today = new Date().toISOString().slice(0, 10);
  const date = (day: string) => calendarDay(language, day);

  return (
    <>
      <Heading>{t('worklistTitle')}</Heading>
      <p>
        <a
          class="button-link primary"
          href="/cases/new"
          onClick={(event) => {
            event.preventDefault();
            navigate('/cases/new');
          }}
        >
          {t('intakeNewCase')}
        </a>
      </p>
      <Alert text={failure} />
      {!loaded && !failure && <p aria-live="polite">{t('loading')}</p>}
      {loaded && loaded.cases.length === 0 && <p>{t('worklistEmpty')}</p>}
      {loaded && loaded.cases.length > 0 && (
        <ul class="worklist" aria-label={t('worklistTitle')}>
          {loaded.cases.map((item) => {
            const due = item.nextFollowUpDue?.slice(0, 10);
            return (
              <li key={item.id} class="case-card">
                <p class="case-number">
                  <a
                    href={`/cases/${item.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/cases/${item.id}`);
                    }}
                  >
                    {item.caseNumber}
                  </a>
                </p>
                <dl>
                  <div>
                    <dt>{t('status')}</dt>
                    <dd>{label('caseStatus', item.status)}</dd>
                  </div>
                  {item.riskLevel && (
                    <div>
                      <dt>{t('riskLevel')}</dt>
                      <dd>{label('riskLevel', item.riskLevel)}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('nextFollowUp')}</dt>
                    <dd>
                      {due ? date(due) : t('noFollowUpDue')}
                      {due && due < today && <strong class="overdue"> {t('overdue')}</strong>}
                    </dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
