import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { answered } from '../../api/problem';
import type { components } from '../../api/schema';
import { idOf } from '../../api/record-id';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Alert } from '../../ui/alert';
import { useSubmit } from '../../ui/use-submit';
import { allUsers, type UserEntry } from '../case-list/directory';
import { controlFailure, versionOf, type ControlProps } from './control';

/** Who among the excluded already holds a report that counted the case (a report is never withdrawn, SPEC §7). */
type ReportHolder = components['schemas']['ReportHolderView'];

const ROLES: Record<string, MessageKey> = {
  companion: 'coordinatorRoleCompanion',
  coordinator: 'coordinatorRoleCoordinator',
  reviewer: 'coordinatorRoleReviewer',
  org_admin: 'coordinatorRoleAdmin',
};

/**
 * Restricting a case (SPEC §3): the coordinator names the users for whom it must not exist (the
 * perpetrator is staff, a relative, a village official). Neither she nor the case's companions can
 * be named, as the API refuses both; the answer says who of them already holds a report.
 */
export function CaseRestriction({ record, onChanged }: ControlProps) {
  const { t } = useI18n();
  const writable = record.allowed.writableFields;
  const allowed = writable.includes('restricted') && writable.includes('excludedUserIds');
  const [staff, setStaff] = useState<{ users: UserEntry[]; me: string }>();
  const [loadFailure, setLoadFailure] = useState<string>();
  const [restricted, setRestricted] = useState(record.restricted ?? false);
  const [excluded, setExcluded] = useState<string[]>(record.excludedUserIds ?? []);
  const [holders, setHolders] = useState<ReportHolder[]>();

  useEffect(() => {
    if (!allowed) return;
    Promise.all([allUsers(), answered(api.GET('/api/v1/me'))]).then(
      ([users, me]) => setStaff({ users, me: me.id }),
      (error: unknown) => setLoadFailure(controlFailure(error, t)),
    );
  }, [allowed]);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setHolders(undefined);
      const answer = await answered(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id: record.id ?? '' }, header: versionOf(record) },
          body: { restricted, excludedUserIds: restricted ? excluded : [] },
        }),
      );
      const { restrictionNotice, ...updated } = answer;
      setHolders(restrictionNotice?.excludedUsersHoldingReports ?? []);
      onChanged(updated);
    },
    (error) => controlFailure(error, t),
  );

  if (!allowed) return null;
  const companions = [record.assignedCompanionId, record.coCompanionId];
  const candidates = staff?.users
    .filter((user) => user.id !== staff.me && !companions.includes(user.id))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  const toggle = (id: string, on: boolean) =>
    setExcluded(on ? [...excluded, id] : excluded.filter((other) => other !== id));
  const role = (code = '') => (ROLES[code] ? t(ROLES[code]) : code);

  return (
    <section class="case-section" aria-labelledby="case-restriction">
      <h2 id="case-restriction">{t('coordinatorRestriction')}</h2>
      <p>{record.restricted ? t('coordinatorIsRestricted') : t('coordinatorNotRestricted')}</p>
      <Alert text={loadFailure} />
      {!candidates && !loadFailure && <p aria-live="polite">{t('loading')}</p>}
      {candidates && (
        <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby="case-restriction">
          <div class="field check">
            <input
              id="restriction-restricted"
              name="restricted"
              type="checkbox"
              checked={restricted}
              onChange={(event) => setRestricted(event.currentTarget.checked)}
              aria-describedby="restriction-restricted-hint"
            />
            <label for="restriction-restricted">{t('coordinatorRestrict')}</label>
          </div>
          <p id="restriction-restricted-hint" class="hint">
            {t('coordinatorRestrictHint')}
          </p>
          {restricted && (
            <fieldset class="choices">
              <legend>{t('coordinatorExcluded')}</legend>
              {candidates.map((user) => (
                <div class="field check" key={user.id}>
                  <input
                    id={`restriction-${user.id}`}
                    name="excludedUserIds"
                    type="checkbox"
                    value={user.id}
                    checked={excluded.includes(idOf(user))}
                    onChange={(event) => toggle(idOf(user), event.currentTarget.checked)}
                  />
                  <label for={`restriction-${user.id}`}>
                    {user.name} <span class="role">({role(user.role)})</span>
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          <Alert text={failure} />
          {holders && (
            <div class="notice" role="status">
              <p>{record.restricted ? t('coordinatorRestrictionSaved') : t('coordinatorRestrictionLifted')}</p>
              {record.restricted &&
                (holders.length === 0 ? (
                  <p>{t('coordinatorNoReportHolders')}</p>
                ) : (
                  <>
                    <p>{t('coordinatorReportHolders')}</p>
                    <ul>
                      {holders.map((holder) => (
                        <li key={holder.userId}>
                          {t('coordinatorReportHolder', { name: holder.name, count: String(holder.reportIds.length) })}
                        </li>
                      ))}
                    </ul>
                  </>
                ))}
            </div>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {t('coordinatorSaveRestriction')}
          </button>
        </form>
      )}
    </section>
  );
}
