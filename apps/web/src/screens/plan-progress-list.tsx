import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { codeLabel } from '../ui/labels';
import type { PlanProgress } from './report-views';
import type { WorkPlanView } from './work-plan-views';

/** Progress is one request per plan (the API has no sum over plans); a few at a time, not all at once. */
const AT_ONCE = 4;

interface GroupPlan {
  plan: WorkPlanView;
  group: string;
  progress: PlanProgress;
}

async function inTurns<In, Out>(inputs: In[], each: (input: In) => Promise<Out>): Promise<Out[]> {
  const outputs: Out[] = [];
  for (let start = 0; start < inputs.length; start += AT_ONCE)
    outputs.push(...(await Promise.all(inputs.slice(start, start + AT_ONCE).map(each))));
  return outputs;
}

/**
 * The work plans of a year in the reader's scope, each with what its group has done against what
 * it planned (SPEC §6, §11: reviewers and coordinators follow progress).
 */
export function PlanProgressList({ year, codes }: { year: number; codes: CodeLists }) {
  const { t, language } = useI18n();
  const [plans, setPlans] = useState<GroupPlan[]>();
  const [failure, setFailure] = useState<unknown>();
  const number = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB');

  useEffect(() => {
    Promise.all([
      answered(api.GET('/api/v1/work-plans', { params: { query: { year, limit: 200 } } })),
      answered(api.GET('/api/v1/groups', { params: { query: { limit: 200 } } })),
    ])
      .then(async ([found, groups]) =>
        inTurns(found.items, async (plan) => ({
          plan,
          group: groups.items.find((group) => group.id === plan.groupId)?.name ?? '',
          progress: await answered(
            api.GET('/api/v1/work-plans/{id}/progress', { params: { path: { id: idOf(plan) } } }),
          ),
        })),
      )
      .then((loaded) => setPlans(loaded.sort((a, b) => a.group.localeCompare(b.group))), setFailure);
  }, [year]);

  return (
    <section class="case-section" aria-labelledby="plan-progress">
      <h2 id="plan-progress">{t('reportsPlansTitle', { year: String(year) })}</h2>
      <Alert text={failure === undefined ? undefined : failureText(failure, t)} />
      {!plans && failure === undefined && <p aria-live="polite">{t('loading')}</p>}
      {plans && plans.length === 0 && <p>{t('reportsPlansNone')}</p>}
      {plans && plans.length > 0 && (
        <ul class="plan-progress">
          {plans.map(({ plan, group, progress }) => {
            const figures = progress.plan;
            const people = figures.participants;
            return (
              <li key={plan.id} class="case-card" data-plan={plan.id}>
                <h3>{group}</h3>
                <dl class="facts">
                  <div>
                    <dt>{t('status')}</dt>
                    <dd>{codeLabel(codes, language, 'workPlanStatus', progress.status)}</dd>
                  </div>
                  <div>
                    <dt>{t('reportsPlansItemsDone')}</dt>
                    <dd data-figure="items-done">
                      {t('reportsPlansOutOf', {
                        done: number.format(figures.itemsDone),
                        planned: number.format(figures.itemsPlanned),
                        percent: number.format(figures.percentDone),
                      })}
                      <span class="bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, figures.percentDone)}%` }} />
                      </span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('reportsPlansOverdue')}</dt>
                    <dd class={figures.itemsOverdue > 0 ? 'overdue' : undefined}>
                      {number.format(figures.itemsOverdue)}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('reportsPlansActivities')}</dt>
                    <dd data-figure="activities">{number.format(figures.activities)}</dd>
                  </div>
                  <div>
                    <dt>{t('reportsPlansParticipants')}</dt>
                    <dd data-figure="participants">
                      {t('reportsPlansPeople', {
                        total: number.format(people.total),
                        women: number.format(people.women),
                        men: number.format(people.men),
                        girls: number.format(people.girls),
                        boys: number.format(people.boys),
                        disability: number.format(people.disability),
                      })}
                    </dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
