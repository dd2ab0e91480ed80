import { useEffect, useState } from 'preact/hooks';
import type { CodeLists } from '../../ui/labels';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { Places } from './directory';
import { FILTER_NAMES, noFilters, type FilterName, type TypedFilters } from './filters';

/** The code list each coded filter takes its choices from (`GET /code-lists`). */
const CODED: [FilterName, keyof CodeLists, MessageKey][] = [
  ['status', 'caseStatus', 'coordinatorFilterStatus'],
  ['riskLevel', 'riskLevel', 'coordinatorFilterRisk'],
  ['violenceType', 'violenceTypes', 'coordinatorFilterViolenceType'],
];

/**
 * The list's filters as a form: nothing is fetched while choosing, "apply" writes them into the
 * address. Villages narrow to the chosen region and groups to the chosen village, so that no
 * choice contradicts another.
 */
export function FilterForm({
  filters,
  codes,
  places,
  onApply,
}: {
  filters: TypedFilters;
  codes: CodeLists;
  places: Places;
  onApply(filters: TypedFilters): void;
}) {
  const { t, language } = useI18n();
  const [typed, setTyped] = useState(filters);
  const active = FILTER_NAMES.filter((name) => filters[name]).length;
  useEffect(() => setTyped(filters), [JSON.stringify(filters)]);

  const set = (name: FilterName, value: string) => {
    const next = { ...typed, [name]: value };
    if (name === 'regionId') Object.assign(next, { villageId: '', groupId: '' });
    if (name === 'villageId') next.groupId = '';
    setTyped(next);
  };
  const onValue = (name: FilterName) => (event: { currentTarget: { value: string } }) =>
    set(name, event.currentTarget.value);

  const villages = places.villages.filter((village) => !typed.regionId || village.regionId === typed.regionId);
  const groups = places.groups.filter(
    (group) =>
      (!typed.villageId || group.villageId === typed.villageId) &&
      (!typed.regionId || group.regionId === typed.regionId),
  );
  const select = (name: FilterName, label: MessageKey, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={`filter-${name}`}>{t(label)}</label>
      <select id={`filter-${name}`} name={name} value={typed[name]} onChange={onValue(name)}>
        <option value="">{t('coordinatorFilterAny')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  const named = (items: { id?: string | null; name?: string | null }[]) =>
    items.map((item) => ({ value: item.id ?? '', label: item.name ?? '' }));

  return (
    <details class="filters" open={active > 0}>
      <summary>
        {active > 0 ? t('coordinatorFiltersActive', { count: String(active) }) : t('coordinatorFilters')}
      </summary>
      <form
        role="search"
        aria-label={t('coordinatorFilters')}
        onSubmit={(event) => {
          event.preventDefault();
          onApply(typed);
        }}
      >
        <div class="filter-fields">
          {CODED.map(([name, list, label]) =>
            select(
              name,
              label,
              (codes[list] ?? []).map((entry) => ({ value: entry.code, label: entry.label[language] })),
            ),
          )}
          {places.regions.length > 1 && select('regionId', 'coordinatorFilterRegion', named(places.regions))}
          {select('villageId', 'coordinatorFilterVillage', named(villages))}
          {select('groupId', 'coordinatorFilterGroup', named(groups))}
          <div class="field">
            <label for="filter-intakeFrom">{t('coordinatorFilterIntakeFrom')}</label>
            <input
              id="filter-intakeFrom"
              name="intakeFrom"
              type="date"
              value={typed.intakeFrom}
              onInput={onValue('intakeFrom')}
            />
          </div>
          <div class="field">
            <label for="filter-intakeTo">{t('coordinatorFilterIntakeTo')}</label>
            <input
              id="filter-intakeTo"
              name="intakeTo"
              type="date"
              value={typed.intakeTo}
              onInput={onValue('intakeTo')}
            />
          </div>
          <div class="field check">
            <input
              id="filter-overdue"
              name="overdue"
              type="checkbox"
              checked={typed.overdue === 'true'}
              onChange={(event) => set('overdue', event.currentTarget.checked ? 'true' : '')}
            />
            <label for="filter-overdue">{t('coordinatorFilterOverdue')}</label>
          </div>
        </div>
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('coordinatorFilterApply')}
          </button>
          <button type="button" onClick={() => onApply(noFilters())}>
            {t('coordinatorFilterClear')}
          </button>
        </div>
      </form>
    </details>
  );
}
