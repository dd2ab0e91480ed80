import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { useSubmit } from '../ui/use-submit';
import { planFailureText } from './work-plan-form-parts';
import type { WorkPlanWithItems } from './work-plan-views';

/** The group sends its plan to the region's coordinator; the API wants at least one item, and so does the button. */
export function PlanSubmit({ plan, onDone }: { plan: WorkPlanWithItems; onDone(): void }) {
  const { t } = useI18n();
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      await answered(
        api.POST('/api/v1/work-plans/{id}/submit', {
          params: { path: { id: idOf(plan) }, header: { 'if-match': `"${plan.version}"` } },
          body: {},
        }),
      );
      onDone();
    },
    (error) => planFailureText(error, t),
  );
  const empty = plan.items.length === 0;
  return (
    <form class="plan-form" onSubmit={onSubmit} aria-labelledby="plan-submit-title">
      <h2 id="plan-submit-title">{t('workplansSubmitTitle')}</h2>
      <p id="plan-submit-help">{empty ? t('workplansSubmitNeedsItems') : t('workplansSubmitHelp')}</p>
      <Alert text={failure} />
      <button type="submit" class="primary" disabled={busy || empty} aria-describedby="plan-submit-help">
        {t('workplansSubmit')}
      </button>
    </form>
  );
}
