import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { useSubmit } from '../ui/use-submit';
import {
  FieldError,
  type Invalid,
  InvalidForm,
  monthNames,
  planFailureText,
  refusal,
  wholeNumber,
} from './work-plan-form-parts';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { PARTICIPANTS_UNIT, type PlanItemView } from './work-plan-views';
import { CodeOptions } from '../ui/code-options';

type CreatePlanItem = components['schemas']['CreatePlanItemDto'];
type UpdatePlanItem = components['schemas']['UpdatePlanItemDto'];

/** The limits of CreatePlanItemDto and UpdatePlanItemDto, so that the form refuses what the API would refuse. */
const TITLE_MAX = 300;
const UNIT_MAX = 60;
const KEY_PERSONS_MAX = 1000;
const COUNT_MAX = 1_000_000;
const BUDGET_MAX = 1_000_000_000_000;

interface Typed {
  title: string;
  category: string;
  countBy: 'activities' | 'participants';
  targetUnit: string;
  targetCount: string;
  plannedMonths: number[];
  keyPersons: string;
  budget: string;
  drppaIndicators: string[];
}
type Field = keyof Typed;

const typedFrom = (item: PlanItemView | undefined): Typed => ({
  title: item?.title ?? '',
  category: item?.category ?? '',
  countBy: item?.targetUnit === PARTICIPANTS_UNIT ? 'participants' : 'activities',
  targetUnit: item && item.targetUnit !== PARTICIPANTS_UNIT ? (item.targetUnit ?? '') : '',
  targetCount: item?.targetCount !== undefined ? String(item.targetCount) : '',
  plannedMonths: item?.plannedMonths ?? [],
  keyPersons: item?.keyPersons ?? '',
  budget: item?.budget === null || item?.budget === undefined ? '' : String(item.budget),
  drppaIndicators: item?.drppaIndicators ?? [],
});

/** Rupiah as people write it, with dots between thousands. */
const budgetDigits = (typed: string) => typed.replace(/[.\s]/g, '');

/** What is wrong with the typed values, field by field, by the rules of the plan item DTOs. */
function invalidFields(typed: Typed, categories: string[]): Invalid<Field> {
  const invalid: Invalid<Field> = {};
  if (!typed.title.trim() || typed.title.length > TITLE_MAX) invalid.title = 'workplansTitleInvalid';
  if (!categories.includes(typed.category)) invalid.category = 'workplansCategoryRequired';
  if (wholeNumber(typed.targetCount, 1, COUNT_MAX) === undefined) invalid.targetCount = 'workplansTargetInvalid';
  if (typed.countBy === 'activities' && (!typed.targetUnit.trim() || typed.targetUnit.length > UNIT_MAX))
    invalid.targetUnit = 'workplansUnitInvalid';
  if (typed.plannedMonths.length === 0) invalid.plannedMonths = 'workplansMonthsRequired';
  if (typed.keyPersons.length > KEY_PERSONS_MAX) invalid.keyPersons = 'workplansTooLong';
  if (typed.budget.trim() && wholeNumber(budgetDigits(typed.budget), 0, BUDGET_MAX) === undefined)
    invalid.budget = 'workplansBudgetInvalid';
  return invalid;
}

/** The body of a new item: empty optional values are left out, as the DTO wants them absent or non-empty. */
function createBody(typed: Typed): CreatePlanItem {
  return {
    title: typed.title,
    category: typed.category as CreatePlanItem['category'],
    targetCount: Number(typed.targetCount.trim()),
    targetUnit: typed.countBy === 'participants' ? PARTICIPANTS_UNIT : typed.targetUnit.trim(),
    plannedMonths: [...typed.plannedMonths].sort((a, b) => a - b),
    drppaIndicators: typed.drppaIndicators as CreatePlanItem['drppaIndicators'],
    ...(typed.keyPersons.trim() && { keyPersons: typed.keyPersons }),
    ...(typed.budget.trim() && { budget: Number(budgetDigits(typed.budget)) }),
  };
}

/**
 * The body of a change: emptied optional values are cleared (null), and only the fields the item
 * lets this reader write; the version edited goes in If-Match.
 */
function updateBody(typed: Typed, item: PlanItemView): UpdatePlanItem {
  const body: Record<string, unknown> = {
    ...createBody(typed),
    keyPersons: typed.keyPersons.trim() ? typed.keyPersons : null,
    budget: typed.budget.trim() ? Number(budgetDigits(typed.budget)) : null,
  };
  const writable = Object.fromEntries(
    Object.entries(body).filter(([field]) => item.allowed.writableFields.includes(field)),
  );
  return writable;
}

/** Adding an item to a plan, or changing one: checked as the API checks it, what was typed kept when saving fails. */
export function PlanItemForm({
  planId,
  item,
  codes,
  onSaved,
  onCancel,
}: {
  planId: string;
  item?: PlanItemView;
  codes: CodeLists;
  onSaved(item: PlanItemView): void;
  onCancel?(): void;
}) {
  const { t, language } = useI18n();
  const [typed, setTyped] = useState<Typed>(() => typedFrom(item));
  const [invalid, setInvalid] = useState<Invalid<Field>>({});
  const [keys] = useState(() => new IdempotencyKeys());
  const prefix = item ? `item-${item.id}` : 'new-item';
  const categories = codes.planItemCategory ?? [];
  const indicators = codes.drppaIndicators ?? [];
  const writable = (field: string) => !item || item.allowed.writableFields.includes(field);
  const form = useRef<HTMLFormElement>(null);
  // The form opens at the user's request: the keyboard goes on from its first field.
  useEffect(() => form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const found = invalidFields(
        typed,
        categories.map((entry) => entry.code),
      );
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      if (item) {
        onSaved(
          await answered(
            api.PATCH('/api/v1/work-plans/{id}/items/{itemId}', {
              params: { path: { id: planId, itemId: idOf(item) }, header: { 'if-match': `"${item.version}"` } },
              body: updateBody(typed, item),
            }),
          ),
        );
        return;
      }
      const body = createBody(typed);
      const created = await answered(
        api.POST('/api/v1/work-plans/{id}/items', {
          params: { path: { id: planId } },
          body,
          headers: { 'Idempotency-Key': keys.for(body) },
        }),
      );
      keys.forget();
      setTyped(typedFrom(undefined));
      onSaved(created);
    },
    (error) => planFailureText(error, t),
  );

  const set = (field: Field) => (event: { currentTarget: { value: string } }) =>
    setTyped({ ...typed, [field]: event.currentTarget.value });
  const toggle = <Value,>(list: Value[], value: Value) =>
    list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
  const marks = (field: Field) => refusal(prefix, invalid, field);
  const error = (field: Field) => <FieldError prefix={prefix} invalid={invalid} field={field} t={t} />;
  const months = monthNames(language);

  return (
    <form ref={form} class="plan-form" onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>
        {item ? t('workplansEditItem', { title: item.title ?? '' }) : t('workplansAddItem')}
      </h3>
      {writable('title') && (
        <div class="field">
          <label for={`${prefix}-title-input`}>{t('workplansItemTitle')}</label>
          <input
            id={`${prefix}-title-input`}
            name="title"
            type="text"
            maxLength={TITLE_MAX}
            autocomplete="off"
            value={typed.title}
            onInput={set('title')}
            {...marks('title')}
          />
          {error('title')}
        </div>
      )}
      {writable('category') && (
        <div class="field">
          <label for={`${prefix}-category`}>{t('workplansCategory')}</label>
          <select
            id={`${prefix}-category`}
            name="category"
            value={typed.category}
            onChange={set('category')}
            {...marks('category')}
          >
            <CodeOptions entries={categories} choose={t('workplansChoose')} />
          </select>
          {error('category')}
        </div>
      )}
      {writable('targetUnit') && (
        <fieldset class="choices">
          <legend>{t('workplansCountBy')}</legend>
          {(['activities', 'participants'] as const).map((countBy) => (
            <label key={countBy} class="choice">
              <input
                type="radio"
                name={`${prefix}-count-by`}
                value={countBy}
                checked={typed.countBy === countBy}
                onChange={() => setTyped({ ...typed, countBy })}
              />
              {countBy === 'activities' ? t('workplansCountActivities') : t('workplansCountParticipants')}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field-pair">
        {writable('targetCount') && (
          <div class="field">
            <label for={`${prefix}-target-count`}>{t('workplansTargetCount')}</label>
            <input
              id={`${prefix}-target-count`}
              name="targetCount"
              type="text"
              inputMode="numeric"
              autocomplete="off"
              value={typed.targetCount}
              onInput={set('targetCount')}
              {...marks('targetCount')}
            />
            {error('targetCount')}
          </div>
        )}
        {writable('targetUnit') && typed.countBy === 'activities' && (
          <div class="field">
            <label for={`${prefix}-target-unit`}>{t('workplansTargetUnit')}</label>
            <input
              id={`${prefix}-target-unit`}
              name="targetUnit"
              type="text"
              maxLength={UNIT_MAX}
              autocomplete="off"
              aria-describedby={invalid.targetUnit ? `${prefix}-targetUnit-error` : `${prefix}-target-unit-hint`}
              aria-invalid={invalid.targetUnit ? true : undefined}
              value={typed.targetUnit}
              onInput={set('targetUnit')}
            />
            <p id={`${prefix}-target-unit-hint`} class="hint">
              {t('workplansTargetUnitHint')}
            </p>
            {error('targetUnit')}
          </div>
        )}
      </div>
      {writable('plannedMonths') && (
        <fieldset class="choices months" {...marks('plannedMonths')}>
          <legend>{t('workplansPlannedMonths')}</legend>
          {months.map((name, index) => (
            <label key={name} class="choice">
              <input
                type="checkbox"
                name="plannedMonths"
                value={String(index + 1)}
                checked={typed.plannedMonths.includes(index + 1)}
                onChange={() => setTyped({ ...typed, plannedMonths: toggle(typed.plannedMonths, index + 1) })}
              />
              {name}
            </label>
          ))}
          {error('plannedMonths')}
        </fieldset>
      )}
      {writable('keyPersons') && (
        <div class="field">
          <label for={`${prefix}-key-persons`}>{t('workplansKeyPersons')}</label>
          <textarea
            id={`${prefix}-key-persons`}
            name="keyPersons"
            rows={2}
            maxLength={KEY_PERSONS_MAX}
            autocomplete="off"
            value={typed.keyPersons}
            onInput={set('keyPersons')}
            {...marks('keyPersons')}
          />
          {error('keyPersons')}
        </div>
      )}
      {writable('budget') && (
        <div class="field">
          <label for={`${prefix}-budget`}>{t('workplansBudget')}</label>
          <input
            id={`${prefix}-budget`}
            name="budget"
            type="text"
            inputMode="numeric"
            autocomplete="off"
            value={typed.budget}
            onInput={set('budget')}
            {...marks('budget')}
          />
          {error('budget')}
        </div>
      )}
      {writable('drppaIndicators') && indicators.length > 0 && (
        <fieldset class="choices">
          <legend>{t('workplansDrppa')}</legend>
          {indicators.map((entry) => (
            <label key={entry.code} class="choice">
              <input
                type="checkbox"
                name="drppaIndicators"
                value={entry.code}
                checked={typed.drppaIndicators.includes(entry.code)}
                onChange={() => setTyped({ ...typed, drppaIndicators: toggle(typed.drppaIndicators, entry.code) })}
              />
              {entry.label[language]}
            </label>
          ))}
        </fieldset>
      )}
      <Alert text={failure} />
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          {item ? t('workplansSaveItem') : t('workplansAddItemButton')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('workplansCancel')}
          </button>
        )}
      </div>
    </form>
  );
}
