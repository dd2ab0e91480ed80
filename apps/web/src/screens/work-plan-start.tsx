import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { navigate } from '../router';
import { Alert } from '../ui/alert';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { useSubmit } from '../ui/use-submit';
import { InvalidForm, planFailureText, wholeNumber } from './work-plan-form-parts';
import type { WorkPlanView } from './work-plan-views';

type CreateWorkPlan = components['schemas']['CreateWorkPlanDto'];

/** The years CreateWorkPlanDto takes. */
const YEAR = { min: 2000, max: 2100 };

interface Group {
  id: string;
  name: string;
}

/** The group's latest plan of a year before this one, whose items may become the new draft's. */
const earlierPlan = (plans: WorkPlanView[], groupId: string, year: number | undefined) =>
  year === undefined
    ? undefined
    : plans
        .filter((plan) => plan.groupId === groupId && plan.year !== undefined && plan.year < year)
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];

/**
 * A group's plan for a year started by one of its companions: a draft, empty or with the items of
 * the group's latest earlier plan (SPEC §9 `copyFrom`), opened once created.
 */
export function WorkPlanStart({ groups, plans }: { groups: Group[]; plans: WorkPlanView[] }) {
  const { t } = useI18n();
  const [groupId, setGroupId] = useState(groups.length === 1 ? groups[0]!.id : '');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [copy, setCopy] = useState(true);
  const [invalid, setInvalid] = useState<{ group?: MessageKey; year?: MessageKey }>({});
  const [keys] = useState(() => new IdempotencyKeys());
  const yearNumber = wholeNumber(year, YEAR.min, YEAR.max);
  const source = groupId ? earlierPlan(plans, groupId, yearNumber) : undefined;

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const found = {
        ...(!groups.some((group) => group.id === groupId) && { group: 'workplansGroupRequired' as const }),
        ...(yearNumber === undefined && { year: 'workplansYearInvalid' as const }),
      };
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      const body: CreateWorkPlan = { groupId, year: yearNumber!, ...(source && copy && { copyFrom: source.id }) };
      const plan = await answered(
        api.POST('/api/v1/work-plans', { body, headers: { 'Idempotency-Key': keys.for(body) } }),
      );
      navigate(`/work-plans/${plan.id}`);
    },
    (error) =>
      error instanceof ApiProblem && error.status === 409 ? t('workplansPlanExists') : planFailureText(error, t),
  );

  return (
    <form class="plan-form" onSubmit={onSubmit} noValidate aria-labelledby="plan-start-title">
      <h2 id="plan-start-title">{t('workplansStartTitle')}</h2>
      <div class="field">
        <label for="plan-start-group">{t('workplansGroup')}</label>
        <select
          id="plan-start-group"
          name="groupId"
          value={groupId}
          onChange={(event) => setGroupId(event.currentTarget.value)}
          aria-invalid={invalid.group ? true : undefined}
          aria-describedby={invalid.group ? 'plan-start-group-error' : undefined}
        >
          {groups.length > 1 && <option value="">{t('workplansChoose')}</option>}
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
        {invalid.group && (
          <p id="plan-start-group-error" class="field-error">
            {t(invalid.group)}
          </p>
        )}
      </div>
      <div class="field">
        <label for="plan-start-year">{t('workplansYear')}</label>
        <input
          id="plan-start-year"
          name="year"
          type="text"
          inputMode="numeric"
          autocomplete="off"
          value={year}
          onInput={(event) => setYear(event.currentTarget.value)}
          aria-invalid={invalid.year ? true : undefined}
          aria-describedby={invalid.year ? 'plan-start-year-error' : undefined}
        />
        {invalid.year && (
          <p id="plan-start-year-error" class="field-error">
            {t(invalid.year)}
          </p>
        )}
      </div>
      {source && (
        <label class="choice">
          <input
            type="checkbox"
            name="copyFrom"
            checked={copy}
            onChange={(event) => setCopy(event.currentTarget.checked)}
          />
          {t('workplansCopyFrom', { year: String(source.year) })}
        </label>
      )}
      <Alert text={failure} />
      <button type="submit" class="primary" disabled={busy}>
        {t('workplansStart')}
      </button>
    </form>
  );
}
