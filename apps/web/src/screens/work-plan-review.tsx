import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { InvalidForm, planFailureText } from './work-plan-form-parts';
import type { WorkPlanView } from './work-plan-views';

/** The limit of ReviewDto and ReturnDto. */
const COMMENTS_MAX = 5000;

type Step = 'approve' | 'return';

/**
 * The region's coordinator approves a submitted plan, with comments if she likes, or returns it
 * to the group with the comments the API requires for a return. Each button shows only when the
 * plan's `allowed` has its action.
 */
export function PlanReview({ plan, onDone }: { plan: WorkPlanView; onDone(step: 'approved' | 'returned'): void }) {
  const { t } = useI18n();
  const [comments, setComments] = useState('');
  const [invalid, setInvalid] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();

  const take = async (step: Step) => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const found: MessageKey | undefined =
        comments.length > COMMENTS_MAX
          ? 'workplansTooLong'
          : step === 'return' && !comments.trim()
            ? 'workplansCommentsRequired'
            : undefined;
      setInvalid(found);
      if (found) throw new InvalidForm();
      const path = { params: { path: { id: idOf(plan) }, header: { 'if-match': `"${plan.version}"` } } };
      await answered(
        step === 'approve'
          ? api.POST('/api/v1/work-plans/{id}/approve', { ...path, body: comments.trim() ? { comments } : {} })
          : api.POST('/api/v1/work-plans/{id}/return', { ...path, body: { comments } }),
      );
      onDone(step === 'approve' ? 'approved' : 'returned');
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="plan-form" onSubmit={(event) => event.preventDefault()} noValidate aria-labelledby="plan-review-title">
      <h2 id="plan-review-title">{t('workplansReviewTitle')}</h2>
      <div class="field">
        <label for="plan-review-comments">{t('workplansReviewComments')}</label>
        <textarea
          id="plan-review-comments"
          name="comments"
          rows={4}
          maxLength={COMMENTS_MAX}
          autocomplete="off"
          value={comments}
          onInput={(event) => setComments(event.currentTarget.value)}
          aria-describedby={invalid ? 'plan-review-comments-error' : 'plan-review-comments-hint'}
          aria-invalid={invalid ? true : undefined}
        />
        <p id="plan-review-comments-hint" class="hint">
          {t('workplansReviewCommentsHint')}
        </p>
        {invalid && (
          <p id="plan-review-comments-error" class="field-error">
            {t(invalid)}
          </p>
        )}
      </div>
      <Alert text={failure && planFailureText(failure.error, t)} />
      <div class="form-buttons">
        {plan.allowed.actions.includes('approve') && (
          <button type="button" class="primary" disabled={busy} onClick={() => void take('approve')}>
            {t('workplansApprove')}
          </button>
        )}
        {plan.allowed.actions.includes('return') && (
          <button type="button" disabled={busy} onClick={() => void take('return')}>
            {t('workplansReturn')}
          </button>
        )}
      </div>
    </form>
  );
}
