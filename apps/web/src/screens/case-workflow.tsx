import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ConfirmButtons, REASON_MAX, ReasonField } from '../ui/confirm-step';
import { failureText } from '../ui/failure-text';
import { codeLabel } from '../ui/labels';
import { useSubmit } from '../ui/use-submit';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import type { CaseView, CasePanelProps } from './case-views';
import { CodeOptions } from '../ui/code-options';

type Target = components['schemas']['TransitionDto']['to'];
type Action = CaseView['allowed']['actions'][number];

interface Step {
  to: Target;
  /** The rules-table action that allows it (libs/cases case-workflow.ts). */
  action: Action;
  /** The statuses it leaves from, as the server's state machine has them. */
  from: string[];
  button: MessageKey;
  explain: MessageKey;
  confirm: MessageKey;
}

/**
 * The workflow steps this panel offers. Closing a case, and sending a closure request back, are
 * the coordinator's decision on a request: the closure approval panel offers them, not this one.
 */
const STEPS: Step[] = [
  {
    to: 'active',
    action: 'activate',
    from: ['open'],
    button: 'caseworkActivate',
    explain: 'caseworkActivateExplain',
    confirm: 'caseworkActivateConfirm',
  },
  {
    to: 'closure_requested',
    action: 'request_closure',
    from: ['open', 'active'],
    button: 'caseworkRequestClosure',
    explain: 'caseworkRequestClosureExplain',
    confirm: 'caseworkRequestClosureConfirm',
  },
  {
    to: 'reopened',
    action: 'reopen',
    from: ['closed'],
    button: 'caseworkReopen',
    explain: 'caseworkReopenExplain',
    confirm: 'caseworkReopenConfirm',
  },
];

/** The workflow steps the case's `allowed.actions` and its status permit, each confirmed with its reason first. */
export function WorkflowActions({ record, codes, onChanged }: CasePanelProps) {
  const { t, language } = useI18n();
  const [chosen, setChosen] = useState<Step>();
  const [done, setDone] = useState<string>();
  const steps = STEPS.filter(
    (step) => record.allowed.actions.includes(step.action) && step.from.includes(record.status ?? ''),
  );
  const awaitingDecision = record.status === 'closure_requested' && !record.allowed.actions.includes('close');
  if (steps.length === 0 && !done && !awaitingDecision) return null;

  return (
    <div class="workflow">
      <p class="saved" aria-live="polite">
        {done ? t('caseworkStatusNow', { status: codeLabel(codes, language, 'caseStatus', done) }) : ''}
      </p>
      {awaitingDecision && <p>{t('caseworkAwaitingDecision')}</p>}
      {chosen ? (
        <TransitionForm
          record={record}
          codes={codes}
          step={chosen}
          onCancel={() => setChosen(undefined)}
          onChanged={(next) => {
            setChosen(undefined);
            setDone(next.status ?? undefined);
            onChanged(next);
          }}
        />
      ) : (
        <div class="actions">
          {steps.map((step) => (
            <button
              type="button"
              key={step.to}
              onClick={() => {
                setDone(undefined);
                setChosen(step);
              }}
            >
              {t(step.button)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function TransitionForm({
  record,
  codes,
  step,
  onCancel,
  onChanged,
}: CasePanelProps & { step: Step; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [closureReason, setClosureReason] = useState('');
  const [invalid, setInvalid] = useState<{ reason?: MessageKey; closureReason?: MessageKey }>({});
  const [keys] = useState(() => new IdempotencyKeys());
  const asksClosureReason = step.to === 'closure_requested';
  const closureReasons = codes.closureReason ?? [];

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const found: typeof invalid = {};
      if (!reason.trim()) found.reason = 'caseworkReasonRequired';
      else if (reason.length > REASON_MAX) found.reason = 'caseworkTooLong';
      if (asksClosureReason && !closureReasons.some((entry) => entry.code === closureReason))
        found.closureReason = 'caseworkClosureReasonRequired';
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      const body: components['schemas']['TransitionDto'] = {
        to: step.to,
        reason,
        ...(asksClosureReason && {
          closureReason: closureReason as components['schemas']['TransitionDto']['closureReason'],
        }),
      };
      onChanged(
        await answered(
          api.POST('/api/v1/cases/{id}/transitions', {
            params: { path: { id: record.id ?? '' }, header: { 'if-match': String(record.version) } },
            body,
            headers: { 'Idempotency-Key': keys.for(body) },
          }),
        ),
      );
      keys.forget();
    },
    (error) => {
      if (error instanceof InvalidForm || (error instanceof ApiProblem && error.status === 400))
        return t('caseworkCheckFields');
      if (error instanceof ApiProblem && error.status === 409) return t('caseworkCaseChanged');
      return failureText(error, t);
    },
  );

  const described = (field: keyof typeof invalid) =>
    invalid[field] ? { 'aria-invalid': true as const, 'aria-describedby': `transition-${field}-error` } : {};

  return (
    <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby="transition-title">
      <h3 id="transition-title">{t(step.button)}</h3>
      <p>{t(step.explain)}</p>
      {asksClosureReason && (
        <div class="field">
          <label for="transition-closure-reason">{t('caseworkClosureReason')}</label>
          <select
            id="transition-closure-reason"
            name="closureReason"
            required
            value={closureReason}
            onChange={(event) => setClosureReason(event.currentTarget.value)}
            {...described('closureReason')}
          >
            <CodeOptions entries={closureReasons} choose={t('caseworkChoose')} />
          </select>
          {invalid.closureReason && (
            <p id="transition-closureReason-error" class="field-error">
              {t(invalid.closureReason)}
            </p>
          )}
        </div>
      )}
      <ReasonField
        id="transition-reason"
        label={t('caseworkReason')}
        value={reason}
        onValue={setReason}
        error={invalid.reason && t(invalid.reason)}
      />
      <ConfirmButtons
        failure={failure}
        busy={busy}
        confirm={t(step.confirm)}
        cancel={t('caseworkCancel')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** The typed values broke a rule of TransitionDto; the fields say which. */
class InvalidForm extends Error {}
