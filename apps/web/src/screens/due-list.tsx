import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { calendarDay, codeLabel } from '../ui/labels';
import { CaseLink } from './case-card';
import type { DueCase } from './case-views';

interface Loaded {
  items: DueCase[];
  codes: CodeLists;
}

/**
 * Follow-ups falling due ("Tindak lanjut", SPEC §11): the cases whose next follow-up is overdue or
 * due within the server's window, in the server's order (soonest first), each a link to its case.
 * Overdue is said in words, not by colour alone.
 */
export function DueList() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    Promise.all([answered(api.GET('/api/v1/follow-ups/due')), answered(api.GET('/api/v1/code-lists'))]).then(
      ([due, codes]) => setLoaded({ items: due.items, codes }),
      (error: unknown) => setFailure(failureText(error, t)),
    );
  }, []);

  const overdueCount = loaded?.items.filter((item) => item.overdue).length ?? 0;

  return (
    <>
      <Heading>{t('caseworkDueTitle')}</Heading>
      <Alert text={failure} />
      {!loaded && !failure && <p aria-live="polite">{t('loading')}</p>}
      {loaded && loaded.items.length === 0 && <p>{t('caseworkDueEmpty')}</p>}
      {loaded && loaded.items.length > 0 && (
        <>
          <p class="due-summary">
            {t('caseworkDueSummary', { count: String(loaded.items.length), overdue: String(overdueCount) })}
          </p>
          <ul class="worklist due-list" aria-label={t('caseworkDueTitle')}>
            {loaded.items.map((item) => (
              <li key={item.caseId} class={item.overdue ? 'case-card is-overdue' : 'case-card'}>
                <p class="case-number">
                  <CaseLink id={item.caseId} caseNumber={item.caseNumber} />
                </p>
                <dl>
                  <div>
                    <dt>{t('caseworkDueDate')}</dt>
                    <dd>
                      {calendarDay(language, item.dueDate)}
                      {item.overdue && <strong class="overdue"> {t('overdue')}</strong>}
                    </dd>
                  </div>
                  {item.riskLevel && (
                    <div>
                      <dt>{t('riskLevel')}</dt>
                      <dd>{codeLabel(loaded.codes, language, 'riskLevel', item.riskLevel)}</dd>
                    </div>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
