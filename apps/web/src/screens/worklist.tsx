import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import type { CodeLists } from '../ui/labels';
import { navigate } from '../router';
import { CaseCard } from './case-card';

interface Loaded {
  cases: components['schemas']['CaseView'][];
  codes: CodeLists;
}

/** The companion's cases in the server's order: active first, then by the next follow-up due (SPEC §8). */
export function Worklist() {
  const { t } = useI18n();
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
          {loaded.cases.map((item) => (
            <CaseCard key={item.id} item={item} codes={loaded.codes} />
          ))}
        </ul>
      )}
    </>
  );
}
