import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import type { CodeLists } from '../ui/labels';
import { navigate } from '../router';
import { fromApiOrPhone, type PhoneStore } from '../session/api-or-phone';
import { type CardCase, CaseCard } from './case-card';

interface Loaded {
  cases: CardCase[];
  codes: CodeLists;
  /** Read from the phone's store: no signal (SPEC §12). */
  offline?: true;
}

const fromApi = async (): Promise<Loaded> => {
  const [page, codes] = await Promise.all([
    answered(api.GET('/api/v1/cases', { params: { query: { assignedTo: 'me' } } })),
    answered(api.GET('/api/v1/code-lists')),
  ]);
  return { cases: page.items, codes };
};

const fromPhone = async (store: PhoneStore): Promise<Loaded> => {
  const [cases, codes] = await Promise.all([store.storedSummaries(), store.storedCodeLists()]);
  return { cases, codes, offline: true };
};

/**
 * The companion's cases in the server's order: active first, then by the next follow-up due (SPEC §8).
 * On a phone with no signal, the cases of its last sync in the same order, drawn from their sealed
 * summaries alone (SPEC §12): no case is opened whole to draw the list.
 */
export function Worklist() {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    fromApiOrPhone(fromApi, fromPhone).then(setLoaded, (error: unknown) => setFailure(failureText(error, t)));
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
      {loaded?.offline && (
        <p role="status" class="offline-note">
          {t('phoneOffline')}
        </p>
      )}
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
