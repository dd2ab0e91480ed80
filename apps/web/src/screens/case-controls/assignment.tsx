import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { answered } from '../../api/problem';
import { idOf } from '../../api/record-id';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/alert';
import { useSubmit } from '../../ui/use-submit';
import { allGroups, allUsers, nameOf, type GroupView, type UserEntry } from '../case-list/directory';
import { controlFailure, InvalidChoice, versionOf, type CaseView, type ControlProps } from './control';

/**
 * Who may be put on a case (SPEC §3, as the API checks it): active companions of a group of the
 * case's village, or of its region for a case without a village, and nobody the case excludes.
 */
function assignable(record: CaseView, users: UserEntry[], groups: GroupView[]): UserEntry[] {
  const groupIds = new Set(
    groups
      .filter((group) => (record.villageId ? group.villageId === record.villageId : group.regionId === record.regionId))
      .map((group) => group.id ?? ''),
  );
  return users
    .filter(
      (user) =>
        user.role === 'companion' &&
        user.active &&
        (user.groupIds ?? []).some((id) => groupIds.has(id)) &&
        !(record.excludedUserIds ?? []).includes(idOf(user)),
    )
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}

/** The coordinator puts a companion (and optionally a co-companion) on the case: `PUT /cases/:id/assignment`. */
export function CaseAssignment({ record, onChanged }: ControlProps) {
  const { t } = useI18n();
  const allowed = record.allowed.actions.includes('assign');
  const [staff, setStaff] = useState<{ users: UserEntry[]; groups: GroupView[] }>();
  const [loadFailure, setLoadFailure] = useState<string>();
  const [companion, setCompanion] = useState(record.assignedCompanionId ?? '');
  const [coCompanion, setCoCompanion] = useState(record.coCompanionId ?? '');
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!allowed) return;
    Promise.all([allUsers(), allGroups()]).then(
      ([users, groups]) => setStaff({ users, groups }),
      (error: unknown) => setLoadFailure(controlFailure(error, t)),
    );
  }, [allowed]);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setSaved(false);
      const wrong = !companion || companion === coCompanion;
      setInvalid(wrong);
      if (wrong) throw new InvalidChoice();
      const updated = await answered(
        api.PUT('/api/v1/cases/{id}/assignment', {
          params: { path: { id: record.id ?? '' }, header: versionOf(record) },
          body: { assignedCompanionId: companion, coCompanionId: coCompanion || null },
        }),
      );
      onChanged(updated);
      setSaved(true);
    },
    (error) => controlFailure(error, t),
  );

  if (!allowed) return null;
  const companions = staff && assignable(record, staff.users, staff.groups);
  const current = record.assignedCompanionId
    ? nameOf(staff?.users ?? [], record.assignedCompanionId) || t('coordinatorCompanionUnknown')
    : t('coordinatorUnassigned');
  const options = (companions ?? []).map((user) => (
    <option key={user.id} value={user.id}>
      {user.name}
    </option>
  ));

  return (
    <section class="case-section" aria-labelledby="case-assignment">
      <h2 id="case-assignment">{t('coordinatorAssignment')}</h2>
      <Alert text={loadFailure} />
      {!companions && !loadFailure && <p aria-live="polite">{t('loading')}</p>}
      {companions && (
        <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby="case-assignment">
          <p>
            {t('coordinatorCurrentCompanion')}: <strong>{current}</strong>
          </p>
          {companions.length === 0 ? (
            <p>{t('coordinatorNoCompanions')}</p>
          ) : (
            <>
              <div class="field">
                <label for="assignment-companion">{t('coordinatorCompanion')}</label>
                <select
                  id="assignment-companion"
                  name="assignedCompanionId"
                  required
                  value={companion}
                  onChange={(event) => setCompanion(event.currentTarget.value)}
                  {...(invalid && !companion
                    ? { 'aria-invalid': true, 'aria-describedby': 'assignment-companion-error' }
                    : {})}
                >
                  <option value="">{t('coordinatorChoose')}</option>
                  {options}
                </select>
                {invalid && !companion && (
                  <p id="assignment-companion-error" class="field-error">
                    {t('coordinatorCompanionRequired')}
                  </p>
                )}
              </div>
              <div class="field">
                <label for="assignment-co-companion">{t('coordinatorCoCompanion')}</label>
                <select
                  id="assignment-co-companion"
                  name="coCompanionId"
                  value={coCompanion}
                  onChange={(event) => setCoCompanion(event.currentTarget.value)}
                  {...(invalid && companion && companion === coCompanion
                    ? { 'aria-invalid': true, 'aria-describedby': 'assignment-co-companion-error' }
                    : {})}
                >
                  <option value="">{t('coordinatorNoCoCompanion')}</option>
                  {options}
                </select>
                {invalid && companion && companion === coCompanion && (
                  <p id="assignment-co-companion-error" class="field-error">
                    {t('coordinatorCoCompanionSame')}
                  </p>
                )}
              </div>
              <Alert text={failure} />
              <p class="saved" aria-live="polite">
                {saved ? t('coordinatorAssignmentSaved') : ''}
              </p>
              <button type="submit" class="primary" disabled={busy}>
                {t('coordinatorAssign')}
              </button>
            </>
          )}
        </form>
      )}
    </section>
  );
}
