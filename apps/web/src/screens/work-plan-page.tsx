import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { calendarDay, codeLabel } from '../ui/labels';
import { planFailureText } from './work-plan-form-parts';
import { ItemFacts, ProgressSummary } from './work-plan-facts';
import { PlanItemForm } from './work-plan-item-form';
import { PlanItemStatusForm } from './work-plan-item-status';
import { PlanReview } from './work-plan-review';
import { PlanSubmit } from './work-plan-submit';
import { isEditable, type PlanItemView, type PlanProgress, type WorkPlanWithItems } from './work-plan-views';
import './work-plans.css';
import { Loading } from '../ui/loading';

interface Loaded {
  plan: WorkPlanWithItems;
  progress: PlanProgress;
  group: string;
  codes: CodeLists;
}

/** Reads a plan with its items, its progress and its group's name. */
async function loadPlan(id: string): Promise<Omit<Loaded, 'codes'>> {
  const path = { params: { path: { id } } };
  const [plan, progress] = await Promise.all([
    answered(api.GET('/api/v1/work-plans/{id}', path)),
    answered(api.GET('/api/v1/work-plans/{id}/progress', path)),
  ]);
  const group = plan.groupId
    ? await answered(api.GET('/api/v1/groups/{id}', { params: { path: { id: plan.groupId } } }))
    : undefined;
  return { plan, progress, group: group?.name ?? '' };
}

/** The link to an item's activity reports. */
function ItemLink({ planId, item, text }: { planId: string; item: PlanItemView; text: string }) {
  const href = `/work-plans/${planId}/items/${item.id}`;
  return (
    <a
      href={href}
      class="item-link"
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      {text}
    </a>
  );
}

/**
 * One work plan (SPEC §6, §11): its status, the coordinator's comments, its items with what was
 * realised, and the controls its state and its `allowed` permit: the group edits items while it
 * is a draft or returned and submits it; the region's coordinator approves it or returns it with
 * comments; once approved, new items are marked as added after approval.
 */
export function WorkPlanPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const [changingStatus, setChangingStatus] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<'submitted' | 'approved' | 'returned' | 'itemSaved' | 'itemDeleted'>();

  const reload = (after?: typeof notice) =>
    loadPlan(id).then(
      (fresh) => {
        setLoaded((current) => current && { ...current, ...fresh });
        setEditing(undefined);
        setChangingStatus(undefined);
        setDeleting(undefined);
        setAdding(false);
        setNotice(after);
      },
      (error: unknown) => setFailure(failureText(error, t)),
    );

  useEffect(() => {
    Promise.all([loadPlan(id), answered(api.GET('/api/v1/code-lists'))]).then(
      ([fresh, codes]) => setLoaded({ ...fresh, codes }),
      (error: unknown) => setFailure(failureText(error, t)),
    );
  }, [id]);

  if (!loaded) return <Loading title={t('navWorkPlans')} failure={failure} />;

  const { plan, progress, codes } = loaded;
  const label = (list: string, code: string | undefined) => codeLabel(codes, language, list, code);
  const editable = isEditable(plan);
  const mayChange = plan.allowed.actions.includes('update');
  const mayAddItems = mayChange && plan.status !== 'submitted';
  // What was realised matters once the plan is approved; a draft's zeros and overdue months would only mislead.
  const reporting = plan.status === 'approved' || progress.plan.activities > 0;
  const notices = {
    submitted: t('workplansSubmitted'),
    approved: t('workplansApproved'),
    returned: t('workplansReturned'),
    itemSaved: t('workplansItemSaved'),
    itemDeleted: t('workplansItemDeleted'),
  };

  const remove = async (item: PlanItemView) => {
    setFailure(undefined);
    const answer = api.DELETE('/api/v1/work-plans/{id}/items/{itemId}', {
      params: { path: { id, itemId: idOf(item) }, header: { 'if-match': `"${item.version}"` } },
    });
    await answered(answer).then(
      () => reload('itemDeleted'),
      (error: unknown) => setFailure(planFailureText(error, t)),
    );
  };

  return (
    <>
      <Heading>{t('workplansPlanOf', { group: loaded.group, year: String(plan.year ?? '') })}</Heading>
      <p class="saved" aria-live="polite">
        {notice ? notices[notice] : ''}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('status')}</dt>
          <dd>{label('workPlanStatus', plan.status)}</dd>
        </div>
        {plan.submittedAt && (
          <div>
            <dt>{t('workplansSubmittedAt')}</dt>
            <dd>{calendarDay(language, plan.submittedAt)}</dd>
          </div>
        )}
        {plan.reviewedAt && (
          <div>
            <dt>{t('workplansReviewedAt')}</dt>
            <dd>{calendarDay(language, plan.reviewedAt)}</dd>
          </div>
        )}
      </dl>
      {plan.reviewComments && (
        <section
          class={plan.status === 'returned' ? 'review-comments returned' : 'review-comments'}
          aria-labelledby="plan-comments"
        >
          <h2 id="plan-comments">{t('workplansComments')}</h2>
          <p>{plan.reviewComments}</p>
        </section>
      )}
      {plan.goals && (
        <section class="plan-section" aria-labelledby="plan-goals">
          <h2 id="plan-goals">{t('workplansGoals')}</h2>
          <p>{plan.goals}</p>
        </section>
      )}
      {reporting && plan.items.length > 0 && <ProgressSummary progress={progress} />}

      <section class="plan-section" aria-labelledby="plan-items">
        <h2 id="plan-items">{t('workplansItems')}</h2>
        <Alert text={failure} />
        {plan.items.length === 0 && <p>{t('workplansNoItems')}</p>}
        <ul class="plan-items">
          {plan.items.map((item) =>
            changingStatus === item.id ? (
              <li key={item.id}>
                <PlanItemStatusForm
                  planId={id}
                  item={item}
                  codes={codes}
                  onSaved={() => void reload('itemSaved')}
                  onCancel={() => setChangingStatus(undefined)}
                />
              </li>
            ) : editing === item.id ? (
              <li key={item.id}>
                <PlanItemForm
                  planId={id}
                  item={item}
                  codes={codes}
                  onSaved={() => void reload('itemSaved')}
                  onCancel={() => setEditing(undefined)}
                />
              </li>
            ) : (
              <li key={item.id} class="plan-item">
                <h3>{item.title}</h3>
                <ItemFacts
                  item={item}
                  progress={reporting ? progress.items.find((entry) => entry.id === item.id) : undefined}
                  codes={codes}
                />
                <div class="item-actions">
                  {reporting && (
                    <ItemLink
                      planId={id}
                      item={item}
                      text={
                        plan.status === 'approved' && mayChange
                          ? t('workplansReportActivity')
                          : t('workplansActivities')
                      }
                    />
                  )}
                  {(editable || (plan.status === 'approved' && item.addedAfterApproval)) &&
                    item.allowed.actions.includes('update') && (
                      <button type="button" onClick={() => setEditing(item.id)}>
                        {t('workplansEdit')}
                      </button>
                    )}
                  {plan.status === 'approved' && item.allowed.writableFields.includes('status') && (
                    <button type="button" onClick={() => setChangingStatus(item.id)}>
                      {t('workplansChangeStatus')}
                    </button>
                  )}
                  {editable && item.allowed.actions.includes('delete') && deleting !== item.id && (
                    <button type="button" onClick={() => setDeleting(item.id)}>
                      {t('workplansDelete')}
                    </button>
                  )}
                </div>
                {deleting === item.id && (
                  <div
                    class="confirm"
                    role="group"
                    aria-label={t('workplansDeleteConfirm', { title: item.title ?? '' })}
                  >
                    <p>{t('workplansDeleteConfirm', { title: item.title ?? '' })}</p>
                    <button type="button" class="danger" onClick={() => void remove(item)}>
                      {t('workplansDeleteYes')}
                    </button>
                    <button type="button" onClick={() => setDeleting(undefined)}>
                      {t('workplansCancel')}
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
        {mayAddItems && !editing && plan.status === 'approved' && <p class="hint">{t('workplansAddAfterApproval')}</p>}
        {mayAddItems && !editing && !adding && (
          <button type="button" class="add-item" onClick={() => setAdding(true)}>
            {t('workplansAddItemOpen')}
          </button>
        )}
        {mayAddItems && !editing && adding && (
          <PlanItemForm
            planId={id}
            codes={codes}
            onSaved={() => void reload('itemSaved')}
            onCancel={() => setAdding(false)}
          />
        )}
      </section>

      {editable && plan.allowed.actions.includes('submit') && (
        <PlanSubmit plan={plan} onDone={() => void reload('submitted')} />
      )}
      {plan.status === 'submitted' &&
        (plan.allowed.actions.includes('approve') || plan.allowed.actions.includes('return')) && (
          <PlanReview plan={plan} onDone={(step) => void reload(step)} />
        )}
    </>
  );
}
