import type { components } from '../api/schema';
import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

type GroupView = components['schemas']['GroupView'];
type VillageView = components['schemas']['VillageView'];
type RegionView = components['schemas']['RegionView'];

/** Where a new case sits: one of the companion's groups (and so its village), or a region for a walk-in case. */
export interface Place {
  value: string;
  label(t: Translate): string;
}

export const PLACE_ID = 'case-place';

/**
 * The companion's groups with their villages first, then her regions for a walk-in or hotline case
 * from outside the group villages (SPEC §4). The API lists only what she may read.
 */
export function placesOf(groups: GroupView[], villages: VillageView[], regions: RegionView[]): Place[] {
  const villageName = (id: string | null | undefined) => villages.find((village) => village.id === id)?.name ?? '';
  return [
    ...groups.map((group) => ({
      value: `group:${group.id}:${group.villageId}`,
      label: (t: Translate) =>
        t('intakePlaceGroup', { group: group.name ?? '', village: villageName(group.villageId) }),
    })),
    ...regions.map((region) => ({
      value: `region:${region.id}`,
      label: (t: Translate) => t('intakePlaceRegion', { region: region.name ?? '' }),
    })),
  ];
}

/** CreateCaseDto's place: a group with its village (the region follows), or a region alone. */
export function placeBody(place: string): { groupId: string; villageId: string } | { regionId: string } {
  const [kind, id, villageId] = place.split(':');
  return kind === 'group' ? { groupId: id!, villageId: villageId! } : { regionId: id! };
}

export function PlaceSelect({
  places,
  value,
  problem,
  onValue,
}: {
  places: Place[];
  value: string;
  problem: MessageKey | undefined;
  onValue(value: string): void;
}) {
  const { t } = useI18n();
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': `${PLACE_ID}-error` } : {};
  return (
    <div class="field">
      <label for={PLACE_ID}>{t('intakePlace')}</label>
      <select
        id={PLACE_ID}
        name="place"
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
        {...invalid}
      >
        <option value="">{t('intakeChooseOption')}</option>
        {places.map((place) => (
          <option key={place.value} value={place.value}>
            {place.label(t)}
          </option>
        ))}
      </select>
      {problem && (
        <p id={`${PLACE_ID}-error`} class="field-error">
          {t(problem)}
        </p>
      )}
    </div>
  );
}
