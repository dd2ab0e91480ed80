import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ROLE_LABELS, ROLES, scopeKindOf } from './admin-labels';
import type { GroupView, RegionView, VillageView } from './admin-views';

export interface Structure {
  regions: RegionView[];
  villages: VillageView[];
  groups: GroupView[];
}

export interface RoleAndScope {
  role: string;
  groupIds: string[];
  regionIds: string[];
}

/** The scope ids the API takes for a role: groups for a companion, regions for a coordinator, none otherwise. */
export function scopeBody({ role, groupIds, regionIds }: RoleAndScope) {
  const kind = scopeKindOf(role);
  return kind === 'groups' ? { groupIds } : kind === 'regions' ? { regionIds } : {};
}

/** A group's name with its village's, since two villages may each have a group of the same name. */
export function groupLabel(structure: Structure, group: GroupView): string {
  const village = structure.villages.find((candidate) => candidate.id === group.villageId);
  return village ? `${group.name ?? ''} (${village.name ?? ''})` : (group.name ?? '');
}

/** The role select and, for a role with a scope, the groups or regions to tick. */
export function ScopeFields({
  idPrefix,
  value,
  structure,
  invalid,
  onChange,
}: {
  idPrefix: string;
  value: RoleAndScope;
  structure: Structure;
  invalid?: MessageKey;
  onChange(value: RoleAndScope): void;
}) {
  const { t } = useI18n();
  const kind = scopeKindOf(value.role);
  const toggle = (list: 'groupIds' | 'regionIds', id: string, on: boolean) =>
    onChange({ ...value, [list]: on ? [...value[list], id] : value[list].filter((other) => other !== id) });
  const options =
    kind === 'groups'
      ? structure.groups.map((group) => ({ id: group.id ?? '', label: groupLabel(structure, group) }))
      : structure.regions.map((region) => ({ id: region.id ?? '', label: region.name ?? '' }));
  const list = kind === 'groups' ? 'groupIds' : 'regionIds';
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-role`}>{t('adminRole')}</label>
        <select
          id={`${idPrefix}-role`}
          name="role"
          value={value.role}
          onChange={(event) => onChange({ ...value, role: event.currentTarget.value })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(ROLE_LABELS[role])}
            </option>
          ))}
        </select>
      </div>
      {kind === 'none' ? (
        <p class="hint">{t('adminScopeWholeOrganisation')}</p>
      ) : (
        <fieldset
          class="choices"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${idPrefix}-scope-error` : undefined}
        >
          <legend>{t(kind === 'groups' ? 'adminScopeGroups' : 'adminScopeRegions')}</legend>
          {options.map((option) => (
            <label key={option.id} class="choice">
              <input
                type="checkbox"
                name={list}
                value={option.id}
                checked={value[list].includes(option.id)}
                onChange={(event) => toggle(list, option.id, event.currentTarget.checked)}
              />
              {option.label}
            </label>
          ))}
          {invalid && (
            <p id={`${idPrefix}-scope-error`} class="field-error">
              {t(invalid)}
            </p>
          )}
        </fieldset>
      )}
    </>
  );
}
