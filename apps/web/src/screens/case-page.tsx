import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered, NetworkFailure } from '../api/problem';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { navigate } from '../router';
import { fromApiOrPhone, type PhoneStore } from '../session/api-or-phone';
import { CaseAssignment } from './case-controls/assignment';
import { ClosureApproval } from './case-controls/closure-approval';
import { CaseRestriction } from './case-controls/restriction';
import { CaseHistory } from './case-history';
import { CaseSummary } from './case-summary';
import { followUpsDelivered } from '../offline/delivered-follow-ups';
import { FollowUpsSection } from './case-follow-ups';
import { ReferralsSection } from './case-referrals';
import type { CasePanelProps, CaseView, ReferralView, ServiceProviderView } from './case-views';
import { WorkflowActions } from './case-workflow';
import { Loading } from '../ui/loading';

type CaseHistoryEntry = components['schemas']['CaseHistoryEntry'];

type FollowUpView = components['schemas']['FollowUpView'];

/** The directory is small (an organisation's services); one page of the largest size holds it. */
const PROVIDERS_PAGE = 200;

interface Loaded {
  record: CaseView;
  followUps: FollowUpView[];
  referrals: ReferralView[];
  history: CaseHistoryEntry[];
  providers: ServiceProviderView[];
  codes: CodeLists;
  /**
   * Adding a follow-up, from the case's `allowed` as the server gave it (the rules table gives
   * `FollowUp` `create` to whoever may update the case): offline too, since SPEC §12 has follow-ups
   * captured offline.
   */
  mayAddFollowUps: boolean;
  /** Read from the phone's store: no signal, so no history and no other action (SPEC §12). */
  offline?: true;
  /** How many of the case's follow-ups this page's outbox had delivered when they were read from the API. */
  deliveredAtRead?: number;
}

const mayUpdate = (record: { allowed: { actions: string[] } }) => record.allowed.actions.includes('update');

const historyOf = (id: string) => answered(api.GET('/api/v1/cases/{id}/history', { params: { path: { id } } }));

async function fromApi(id: string): Promise<Loaded> {
  const deliveredAtRead = followUpsDelivered(id);
  const path = { params: { path: { id } } };
  const [record, followUps, referrals, history, providers, codes] = await Promise.all([
    answered(api.GET('/api/v1/cases/{id}', path)),
    answered(api.GET('/api/v1/cases/{id}/follow-ups', path)),
    answered(api.GET('/api/v1/cases/{id}/referrals', path)),
    historyOf(id),
    answered(api.GET('/api/v1/service-providers', { params: { query: { limit: PROVIDERS_PAGE } } })),
    answered(api.GET('/api/v1/code-lists')),
  ]);
  return {
    record,
    followUps: followUps.items,
    referrals: referrals.items,
    history: history.items,
    providers: providers.items,
    codes,
    mayAddFollowUps: mayUpdate(record),
    deliveredAtRead,
  };
}

/** Editing stays online (SPEC §12): a record read from the store offers reading only, follow-ups aside. */
const readOnly = <Item extends { allowed: { actions: string[] } }>(item: Item): Item => ({
  ...item,
  allowed: { ...item.allowed, actions: item.allowed.actions.filter((action) => action === 'read') },
});

async function fromPhone(store: PhoneStore, id: string): Promise<Loaded> {
  const [synced, codes] = await Promise.all([store.storedCase(id), store.storedCodeLists()]);
  // A case the phone does not hold can only be read with signal.
  if (!synced) throw new NetworkFailure();
  await store.caseOpened(id, synced);
  const { followUps, referrals, ...record } = synced;
  return {
    record: readOnly(record as CaseView),
    followUps: followUps.map(readOnly),
    referrals: referrals.map(readOnly),
    history: [],
    providers: [],
    codes,
    mayAddFollowUps: mayUpdate(record),
    offline: true,
  };
}

/**
 * One case (SPEC §11): its summary, follow-ups, referrals, the actions on the case and its history;
 * each section shows the controls its record's `allowed` permits. On a phone with no signal, the
 * case as its last sync stored it, to read and to add follow-ups to, its opening logged as a device
 * read (SPEC §12).
 */
export function CasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    fromApiOrPhone(
      () => fromApi(id),
      (store) => fromPhone(store, id),
    ).then(setLoaded, (error: unknown) => setFailure(failureText(error, t)));
  }, [id]);

  if (!loaded) return <Loading title={t('caseTitle')} failure={failure} />;

  const { record, codes } = loaded;
  const update = (changes: Partial<Loaded>) => setLoaded((current) => current && { ...current, ...changes });
  const panel: CasePanelProps = {
    record,
    codes,
    onChanged: (next) => {
      update({ record: next });
      // The change is saved whatever becomes of this read; a history that fails to load stays as it was.
      historyOf(id).then(
        (history) => update({ history: history.items }),
        () => undefined,
      );
    },
  };

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
      <CaseSummary record={record} codes={codes} />
      <FollowUpsSection
        record={record}
        codes={codes}
        followUps={loaded.followUps}
        mayAdd={loaded.mayAddFollowUps}
        deliveredAtRead={loaded.deliveredAtRead}
        onFollowUps={(followUps) => update({ followUps })}
      />
      <ReferralsSection
        record={record}
        codes={codes}
        providers={loaded.providers}
        referrals={loaded.referrals}
        onReferrals={(referrals) => update({ referrals })}
      />
      {record.allowed.actions.some((action) => action !== 'read') && (
        <section class="case-section" aria-labelledby="case-actions">
          <h2 id="case-actions">{t('caseworkActions')}</h2>
          {/* Panels acting on the whole case take the same props, one line each. */}
          <WorkflowActions {...panel} />
          <ClosureApproval {...panel} />
          <CaseAssignment {...panel} />
          <CaseRestriction {...panel} />
        </section>
      )}
      {loaded.offline ? (
        <p role="status" class="offline-note">
          {t('phoneOfflineCase')}
        </p>
      ) : (
        <CaseHistory history={loaded.history} codes={codes} />
      )}
    </>
  );
}
