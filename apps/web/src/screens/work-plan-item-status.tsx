import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { codeLabel } from '../ui/labels';
import { useSubmit } from '../ui/use-submit';
import { FieldError, type Invalid, InvalidForm, planFailureText, refusal } from './work-plan-form-parts';
import type { PlanItemView } from './work-plan-views';

type ItemStatus = NonNullable<components['schemas']['UpdatePlanItemDto']['status']>;

/** Where the API lets an item's status be set by hand (libs/cases work-plan-workflow.ts), and the limit of its reason. */
const NEXT_STATUSES: Record<ItemStatus, ItemStatus[]> = {
  planned: ['in_progress', 'done', 'cancelled'],
  in_progress: ['planned', 'done', 'cancelled'],
  done: ['in_progress', 'cancelled'],
  cancelled: ['planned'],
};
const REASON_MAX = 2000;

type Field = 'status' | 'statusReason';

/**
 * An approved plan's item changes only its status, with a reason (SPEC §6): cancelled when it
 * will not happen, done or back to planned when the reports do not tell the whole story.
 */
export function PlanItemStatusForm({
  planId,
  item,
  codes,
  onSaved,
  onCancel,
}: {
  planId: string;
  item: PlanItemView;
  codes: CodeLists;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t, language } = useI18n();
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<Invalid<Field>>({});
  const prefix = `status-${item.id}`;
  const choices = NEXT_STATUSES[item.status as ItemStatus] ?? [];
  const form = useRef<HTMLFormElement>(null);
  // The form opens at the user's request: the keyboard goes on from its first field.
  useEffect(() => form.current?.querySelector<HTMLElement>('select')?.focus(), []);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const found: Invalid<Field> = {
        ...(!choices.includes(status as ItemStatus) && { status: 'workplansStatusRequired' as const }),
        ...((!reason.trim() || reason.length > REASON_MAX) && { statusReason: 'workplansReasonRequired' as const }),
      };
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      await answered(
        api.PATCH('/api/v1/work-plans/{id}/items/{itemId}', {
          params: { path: { id: planId, itemId: idOf(item) }, header: { 'if-match': `"${item.version}"` } },
          body: { status: status as ItemStatus, statusReason: reason },
        }),
      );
      onSaved();
    },
    (error) => planFailureText(error, t),
  );

  return (
    <form ref={form} class="plan-form" onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('workplansChangeStatusOf', { title: item.title ?? '' })}</h3>
      <div class="field">
        <label for={`${prefix}-status`}>{t('workplansNewStatus')}</label>
        <select
          id={`${prefix}-status`}
          name="status"
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value)}
          {...refusal(prefix, invalid, 'status')}
        >
          <option value="">{t('workplansChoose')}</option>
          {choices.map((code) => (
            <option key={code} value={code}>
              {codeLabel(codes, language, 'planItemStatus', code)}
            </option>
          ))}
        </select>
        <FieldError prefix={prefix} invalid={invalid} field="status" t={t} />
      </div>
      <div class="field">
        <label for={`${prefix}-reason`}>{t('workplansStatusReason')}</label>
        <textarea
          id={`${prefix}-reason`}
          name="statusReason"
          rows={3}
          maxLength={REASON_MAX}
          autocomplete="off"
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
          {...refusal(prefix, invalid, 'statusReason')}
        />
        <FieldError prefix={prefix} invalid={invalid} field="statusReason" t={t} />
      </div>
      <Alert text={failure} />
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          {t('workplansSaveStatus')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('workplansCancel')}
        </button>
      </div>
    </form>
  );
}
