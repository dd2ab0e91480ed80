import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { grantsOf } from '../session/navigation';
import type { PackedRule } from '../api/views';
import { idOf } from '../api/record-id';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { codeLabel } from '../ui/labels';
import { WorkPlanStart } from './work-plan-start';
import type { WorkPlanView } from './work-plan-views';
import './work-plans.css';
import { Loading } from '../ui/loading';
import type { PlanItemTitle } from '../offline/phone-db';
import { fromApiOrPhone } from '../session/api-or-phone';
import { OfflinePlanItems } from './work-plans-offline';

interface Loaded {
  plans: WorkPlanView[];
  groups: { id: string; name: string }[];
  villages: Map<string, string>;
  codes: CodeLists;
  mayStart: boolean;
}

/** One page holds every plan a group or a region has in practice: a plan a year per group. */
const LIMIT = 200;

/** A link to a plan, opened in place. */
export function PlanLink({ plan, text }: { plan: { id?: string }; text: string }) {
  const href = `/work-plans/${idOf(plan)}`;
  return (
    <a
      href={href}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      {text}
    </a>
  );
}

async function fromApi(): Promise<Loaded> {
  const [plans, groups, villages, codes, abilities] = await Promise.all([
    answered(api.GET('/api/v1/work-plans', { params: { query: { limit: LIMIT } } })),
    answered(api.GET('/api/v1/groups', { params: { query: { limit: LIMIT } } })),
    answered(api.GET('/api/v1/villages', { params: { query: { limit: LIMIT } } })),
    answered(api.GET('/api/v1/code-lists')),
    answered(api.GET('/api/v1/me/abilities')),
  ]);
  return {
    plans: [...plans.items].sort((a, b) => (b.year ?? 0) - (a.year ?? 0)),
    groups: groups.items.map((group) => ({ id: group.id ?? '', name: group.name ?? '' })),
    villages: new Map(villages.items.map((village) => [village.id ?? '', village.name ?? ''])),
    codes,
    // No plan exists yet to carry its own `allowed`: starting one is a screen the role has, as in the navigation.
    mayStart: grantsOf(abilities.rules as PackedRule[]).some(
      (grant) => grant.subject === 'WorkPlan' && ['create', 'manage'].includes(grant.action),
    ),
  };
}

/**
 * The work plans the reader may see (SPEC §11): a companion's are her groups', a coordinator's
 * her regions'. Plans waiting for a review that this reader may give come first, under a heading
 * of their own; the others follow, newest year first. On a phone with no signal, the plan items
 * she may report an activity on (SPEC §12).
 */
export function WorkPlanList() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  const [offlineItems, setOfflineItems] = useState<PlanItemTitle[]>();

  useEffect(() => {
    fromApiOrPhone<Loaded | { offline: PlanItemTitle[] }>(fromApi, async (store) => ({
      offline: await store.storedPlanItems(),
    })).then(
      (read) => ('offline' in read ? setOfflineItems(read.offline) : setLoaded(read)),
      (error: unknown) => setFailure(failureText(error, t)),
    );
  }, []);

  if (offlineItems) return <OfflinePlanItems items={offlineItems} />;
  if (!loaded) return <Loading title={t('navWorkPlans')} failure={failure} />;

  const awaiting = loaded.plans.filter(
    (plan) => plan.status === 'submitted' && plan.allowed.actions.includes('approve'),
  );
  const others = loaded.plans.filter((plan) => !awaiting.includes(plan));
  const reviews = loaded.plans.some((plan) => plan.allowed.actions.includes('approve'));
  const card = (plan: WorkPlanView) => (
    <li key={plan.id} class="plan-card">
      <p class="plan-card-title">
        <PlanLink
          plan={plan}
          text={t('workplansPlanOf', {
            group: loaded.groups.find((group) => group.id === plan.groupId)?.name ?? '',
            year: String(plan.year ?? ''),
          })}
        />
      </p>
      <p>{t('workplansVillage', { village: loaded.villages.get(plan.villageId ?? '') ?? '' })}</p>
      <p>
        {t('status')}: <strong>{codeLabel(loaded.codes, language, 'workPlanStatus', plan.status)}</strong>
      </p>
    </li>
  );

  return (
    <>
      <Heading>{t('navWorkPlans')}</Heading>
      {reviews && (
        <section class="plan-section" aria-labelledby="plans-awaiting">
          <h2 id="plans-awaiting">{t('workplansAwaiting')}</h2>
          {awaiting.length === 0 ? (
            <p>{t('workplansNoneAwaiting')}</p>
          ) : (
            <ul class="plan-cards">{awaiting.map(card)}</ul>
          )}
        </section>
      )}
      <section class="plan-section" aria-labelledby="plans-all">
        <h2 id="plans-all">{reviews ? t('workplansOthers') : t('workplansGroupPlans')}</h2>
        {others.length === 0 ? (
          <p>{reviews ? t('workplansNoOthers') : t('workplansNone')}</p>
        ) : (
          <ul class="plan-cards">{others.map(card)}</ul>
        )}
      </section>
      {loaded.mayStart && loaded.groups.length > 0 && <WorkPlanStart groups={loaded.groups} plans={loaded.plans} />}
    </>
  );
}
