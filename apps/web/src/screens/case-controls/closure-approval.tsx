import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { answered } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/alert';
import { REASON_MAX, ReasonField } from '../../ui/confirm-step';
import { codeLabel } from '../../ui/labels';
import { controlFailure, InvalidChoice, versionOf, type ControlProps } from './control';

type Decision = 'closed' | 'active';

/**
 * A closure that a companion requested (SPEC §4): the coordinator closes the case, or sends it
 * back to active when the work is not done; either way with a reason that the history keeps.
 */
export function ClosureApproval({ record, codes, onChanged }: ControlProps) {
  const { t, language } = useI18n();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const [decided, setDecided] = useState<Decision>();
  const actions = record.allowed.actions;

  if (record.status !== 'closure_requested' || !actions.includes('close'))
    return decided ? (
      <p class="saved" role="status">
        {decided === 'closed' ? t('coordinatorClosureApproved') : t('coordinatorClosureDeclined')}
      </p>
    ) : null;

  const decide = async (to: Decision) => {
    if (busy) return;
    setFailure(undefined);
    const wrong = reason.trim() === '' || reason.length > REASON_MAX;
    setInvalid(wrong);
    if (wrong) return setFailure({ error: new InvalidChoice() });
    setBusy(true);
    try {
      const updated = await answered(
        api.POST('/api/v1/cases/{id}/transitions', {
          params: { path: { id: record.id ?? '' }, header: versionOf(record) },
          body: { to, reason },
        }),
      );
      setDecided(to);
      onChanged(updated);
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="case-section" aria-labelledby="case-closure">
      <h2 id="case-closure">{t('coordinatorClosureTitle')}</h2>
      <form
        class="case-form"
        noValidate
        aria-labelledby="case-closure"
        onSubmit={(event) => {
          event.preventDefault();
          void decide('closed');
        }}
      >
        <dl class="facts">
          {record.closureReason && (
            <div>
              <dt>{t('coordinatorClosureReason')}</dt>
              <dd>{codeLabel(codes, language, 'closureReason', record.closureReason)}</dd>
            </div>
          )}
          {record.statusReason && (
            <div>
              <dt>{t('coordinatorClosureRequestNote')}</dt>
              <dd>{record.statusReason}</dd>
            </div>
          )}
        </dl>
        <ReasonField
          id="closure-reason"
          label={t('coordinatorDecisionReason')}
          value={reason}
          onValue={setReason}
          error={invalid ? t('coordinatorReasonRequired') : undefined}
        />
        <Alert text={failure && controlFailure(failure.error, t)} />
        <div class="filter-actions">
          <button type="submit" class="primary" name="approve" disabled={busy}>
            {t('coordinatorApproveClosure')}
          </button>
          {actions.includes('activate') && (
            <button type="button" name="decline" disabled={busy} onClick={() => void decide('active')}>
              {t('coordinatorDeclineClosure')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
