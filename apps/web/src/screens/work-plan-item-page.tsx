import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered, NetworkFailure } from '../api/problem';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { calendarDay } from '../ui/labels';
import { ActivityReportForm } from './activity-report-form';
import { ItemFacts, ParticipantsText } from './work-plan-facts';
import { PlanLink } from './work-plan-list';
import type { ActivityReportView, PlanProgress, WorkPlanWithItems } from './work-plan-views';
import './work-plans.css';
import { Loading } from '../ui/loading';
import type { PlanItemTitle } from '../offline/phone-db';
import { fromApiOrPhone } from '../session/api-or-phone';
import { OfflinePlanItem } from './work-plans-offline';

interface Loaded {
  plan: WorkPlanWithItems;
  progress: PlanProgress;
  reports: ActivityReportView[];
  codes: CodeLists;
}

async function loadItem(planId: string, itemId: string): Promise<Omit<Loaded, 'codes'>> {
  const path = { params: { path: { id: planId } } };
  const [plan, progress, reports] = await Promise.all([
    answered(api.GET('/api/v1/work-plans/{id}', path)),
    answered(api.GET('/api/v1/work-plans/{id}/progress', path)),
    answered(
      api.GET('/api/v1/work-plans/{id}/items/{itemId}/activities', {
        params: { path: { id: planId, itemId }, query: { limit: 200 } },
      }),
    ),
  ]);
  return { plan, progress, reports: reports.items };
}

/**
 * A plan item and its activity reports (SPEC §6, §11), with the form to report another while the
 * plan is approved and the item not cancelled, for whoever may change the plan (the rules table
 * gives the group's companions both). On a phone with no signal, the item as the last sync kept
 * it (its title) with the form, whose report waits in the outbox (SPEC §12).
 */
export function PlanItemPage({ planId, itemId }: { planId: string; itemId: string }) {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();

  const [offlineItem, setOfflineItem] = useState<PlanItemTitle>();

  useEffect(() => {
    fromApiOrPhone<Loaded | { offline: PlanItemTitle }>(
      async () => {
        const [fresh, codes] = await Promise.all([loadItem(planId, itemId), answered(api.GET('/api/v1/code-lists'))]);
        return { ...fresh, codes };
      },
      async (store) => {
        const kept = (await store.storedPlanItems()).find((entry) => entry.planId === planId && entry.id === itemId);
        // An item the phone does not hold can only be read with signal.
        if (!kept) throw new NetworkFailure();
        return { offline: kept };
      },
    ).then(
      (read) => ('offline' in read ? setOfflineItem(read.offline) : setLoaded(read)),
      (error: unknown) => setFailure(failureText(error, t)),
    );
  }, [planId, itemId]);

  if (offlineItem) return <OfflinePlanItem item={offlineItem} />;
  const item = loaded?.plan.items.find((entry) => entry.id === itemId);
  if (!loaded || !item) return <Loading title={t('workplansActivities')} failure={failure} />;

  const { plan } = loaded;
  const mayReport =
    plan.status === 'approved' && plan.allowed.actions.includes('update') && item.status !== 'cancelled';
  const refresh = () =>
    loadItem(planId, itemId).then(
      (fresh) => setLoaded({ ...loaded, ...fresh }),
      (error: unknown) => setFailure(failureText(error, t)),
    );

  return (
    <>
      <Heading>{item.title}</Heading>
      <p>
        <PlanLink plan={plan} text={t('workplansBackToPlan', { year: String(plan.year) })} />
      </p>
      <ItemFacts
        item={item}
        progress={loaded.progress.items.find((entry) => entry.id === itemId)}
        codes={loaded.codes}
      />
      <section class="plan-section" aria-labelledby="item-reports">
        <h2 id="item-reports">{t('workplansActivities')}</h2>
        <Alert text={failure} />
        {loaded.reports.length === 0 ? (
          <p>{t('workplansNoActivities')}</p>
        ) : (
          <ul class="entries activity-reports">
            {[...loaded.reports]
              .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
              .map((report) => (
                <li key={report.id}>
                  <p class="entry-title">{report.date && calendarDay(language, report.date)}</p>
                  {report.participants && (
                    <p>
                      {t('workplansParticipants')}: <ParticipantsText participants={report.participants} />
                    </p>
                  )}
                  <p>{report.summary}</p>
                  {report.results && (
                    <p>
                      {t('workplansResults')}: {report.results}
                    </p>
                  )}
                  {report.obstacles && (
                    <p>
                      {t('workplansObstacles')}: {report.obstacles}
                    </p>
                  )}
                  {report.lessons && (
                    <p>
                      {t('workplansLessons')}: {report.lessons}
                    </p>
                  )}
                </li>
              ))}
          </ul>
        )}
      </section>
      {mayReport && plan.year !== undefined && (
        <ActivityReportForm planId={planId} itemId={itemId} year={plan.year} onSaved={() => void refresh()} />
      )}
    </>
  );
}
