import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { ConfirmButtons } from '../ui/confirm-step';
import { failureText } from '../ui/failure-text';
import { useSubmit } from '../ui/use-submit';
import type { ReferralView } from './case-views';

type UpdateReferral = components['schemas']['UpdateReferralDto'];

/** Where a referral's status may go next, as libs/cases referral-workflow.ts has it; the server refuses the rest. */
const NEXT_STATUSES: Record<string, string[]> = {
  pending: ['accepted', 'declined', 'cancelled'],
  accepted: ['in_service', 'declined', 'cancelled'],
  in_service: ['completed', 'cancelled'],
};

/** The limit of UpdateReferralDto's outcome note. */
const OUTCOME_MAX = 5000;

/** Whether this reader may change anything of the referral that this form changes. */
export function canUpdateReferral(referral: ReferralView): boolean {
  const writable = referral.allowed.writableFields;
  return (
    referral.allowed.actions.includes('update') &&
    ((writable.includes('status') && (NEXT_STATUSES[referral.status ?? '']?.length ?? 0) > 0) ||
      writable.includes('outcomeNote'))
  );
}

/** A referral's status and outcome note, each offered only where the referral's `allowed` lets this reader write it. */
export function ReferralUpdate({
  referral,
  codes,
  onSaved,
  onCancel,
}: {
  referral: ReferralView;
  codes: CodeLists;
  onSaved(referral: ReferralView): void;
  onCancel(): void;
}) {
  const { t, language } = useI18n();
  const writable = referral.allowed.writableFields;
  const next = writable.includes('status') ? (NEXT_STATUSES[referral.status ?? ''] ?? []) : [];
  const [status, setStatus] = useState(referral.status ?? '');
  const [outcomeNote, setOutcomeNote] = useState(referral.outcomeNote ?? '');
  const [tooLong, setTooLong] = useState(false);
  const prefix = `referral-${referral.id}`;

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setTooLong(outcomeNote.length > OUTCOME_MAX);
      if (outcomeNote.length > OUTCOME_MAX) throw new InvalidForm();
      const body: UpdateReferral = {
        ...(status !== referral.status && { status: status as UpdateReferral['status'] }),
        ...(writable.includes('outcomeNote') &&
          outcomeNote !== (referral.outcomeNote ?? '') && { outcomeNote: outcomeNote.trim() ? outcomeNote : null }),
      };
      onSaved(
        await answered(
          api.PATCH('/api/v1/cases/{id}/referrals/{referralId}', {
            params: {
              path: { id: referral.caseId ?? '', referralId: referral.id ?? '' },
              header: { 'if-match': String(referral.version) },
            },
            body,
          }),
        ),
      );
    },
    (error) => {
      if (error instanceof InvalidForm || (error instanceof ApiProblem && error.status === 400))
        return t('caseworkCheckFields');
      if (error instanceof ApiProblem && error.status === 409) return t('caseworkReferralChanged');
      return failureText(error, t);
    },
  );

  const label = (code: string) => codes.referralStatus?.find((entry) => entry.code === code)?.label[language] ?? code;

  return (
    <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('caseworkReferralUpdate')}</h4>
      {next.length > 0 && (
        <div class="field">
          <label for={`${prefix}-status`}>{t('caseworkReferralStatus')}</label>
          <select
            id={`${prefix}-status`}
            name="status"
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
          >
            {[referral.status ?? '', ...next].map((code) => (
              <option key={code} value={code}>
                {label(code)}
              </option>
            ))}
          </select>
        </div>
      )}
      {writable.includes('outcomeNote') && (
        <div class="field">
          <label for={`${prefix}-outcome`}>{t('caseworkOutcomeNote')}</label>
          <textarea
            id={`${prefix}-outcome`}
            name="outcomeNote"
            rows={3}
            maxLength={OUTCOME_MAX}
            autocomplete="off"
            value={outcomeNote}
            onInput={(event) => setOutcomeNote(event.currentTarget.value)}
            {...(tooLong && { 'aria-invalid': true as const, 'aria-describedby': `${prefix}-outcome-error` })}
          />
          {tooLong && (
            <p id={`${prefix}-outcome-error`} class="field-error">
              {t('caseworkTooLong')}
            </p>
          )}
        </div>
      )}
      <ConfirmButtons
        failure={failure}
        busy={busy}
        confirm={t('caseworkReferralUpdateSave')}
        cancel={t('caseworkCancel')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** The outcome note is longer than UpdateReferralDto allows. */
class InvalidForm extends Error {}
