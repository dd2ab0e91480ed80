import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { codeLabel } from '../ui/labels';
import { monthNames } from './work-plan-form-parts';
import {
  type ItemProgress,
  type Participants,
  PARTICIPANTS_UNIT,
  type PlanItemView,
  type PlanProgress,
} from './work-plan-views';

/** Participants as the activity reports count them: each group of people, then those with a disability among them. */
export function ParticipantsText({ participants }: { participants: Participants }) {
  const { t } = useI18n();
  const { women, men, girls, boys, disability } = participants;
  // A count the server left out is not zero: a partial sentence would mislead, so none is written.
  if (women === undefined || men === undefined || girls === undefined || boys === undefined || disability === undefined)
    return null;
  return (
    <>
      {t('workplansParticipantsText', {
        women: String(women),
        men: String(men),
        girls: String(girls),
        boys: String(boys),
        disability: String(disability),
      })}
    </>
  );
}

/** A percentage as the language writes its decimals (16,7 in Indonesian). */
function usePercent() {
  const { language } = useI18n();
  const format = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  return (percent: number) => format.format(percent);
}

/** A target in words: "4 sesi", or people reached when the item counts participants. */
function useTargetText() {
  const { t } = useI18n();
  return (count: number, unit: string) =>
    unit === PARTICIPANTS_UNIT ? t('workplansTargetParticipants', { count: String(count) }) : `${count} ${unit}`;
}

/** The plan's figures, computed by the API from the activity reports (SPEC §6). */
export function ProgressSummary({ progress }: { progress: PlanProgress }) {
  const { t } = useI18n();
  const percent = usePercent();
  const { plan } = progress;
  return (
    <section class="plan-section" aria-labelledby="plan-progress">
      <h2 id="plan-progress">{t('workplansProgress')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('workplansItemsDone')}</dt>
          <dd>
            {t('workplansItemsDoneText', {
              done: String(plan.itemsDone),
              planned: String(plan.itemsPlanned),
              percent: percent(plan.percentDone),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('workplansActivityCount')}</dt>
          <dd>{plan.activities}</dd>
        </div>
        <div>
          <dt>{t('workplansParticipants')}</dt>
          <dd>
            {plan.participants.total}
            {plan.participants.total > 0 && (
              <>
                {' '}
                (<ParticipantsText participants={plan.participants} />)
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** An item's plan and what was realised of it. */
export function ItemFacts({
  item,
  progress,
  codes,
}: {
  item: PlanItemView;
  progress: ItemProgress | undefined;
  codes: CodeLists;
}) {
  const { t, language } = useI18n();
  const target = useTargetText();
  const percent = usePercent();
  const months = monthNames(language);
  const label = (list: string, code: string | undefined) => codeLabel(codes, language, list, code);
  const rupiah = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  });
  return (
    <dl class="facts">
      <div>
        <dt>{t('workplansCategory')}</dt>
        <dd>{label('planItemCategory', item.category)}</dd>
      </div>
      <div>
        <dt>{t('workplansTarget')}</dt>
        <dd>{item.targetCount !== undefined && item.targetUnit && target(item.targetCount, item.targetUnit)}</dd>
      </div>
      <div>
        <dt>{t('workplansPlannedMonths')}</dt>
        <dd>{item.plannedMonths?.map((month) => months[month - 1]).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('status')}</dt>
        <dd>
          {label('planItemStatus', item.status)}
          {progress?.overdue && <strong class="overdue"> {t('overdue')}</strong>}
          {item.addedAfterApproval && <span class="badge">{t('workplansAddedAfterApproval')}</span>}
        </dd>
      </div>
      {item.statusReason && (
        <div>
          <dt>{t('workplansStatusReason')}</dt>
          <dd>{item.statusReason}</dd>
        </div>
      )}
      {progress && (
        <div>
          <dt>{t('workplansRealised')}</dt>
          <dd class="realised">
            {t('workplansRealisedText', {
              realised: String(progress.realised),
              target: target(progress.target.count, progress.target.unit),
              percent: percent(progress.percent),
            })}
          </dd>
        </div>
      )}
      {progress && (
        <div>
          <dt>{t('workplansActivityCount')}</dt>
          <dd>{progress.activities}</dd>
        </div>
      )}
      {item.keyPersons && (
        <div>
          <dt>{t('workplansKeyPersons')}</dt>
          <dd>{item.keyPersons}</dd>
        </div>
      )}
      {typeof item.budget === 'number' && (
        <div>
          <dt>{t('workplansBudget')}</dt>
          <dd>{rupiah.format(item.budget)}</dd>
        </div>
      )}
      {item.drppaIndicators && item.drppaIndicators.length > 0 && (
        <div>
          <dt>{t('workplansDrppa')}</dt>
          <dd>{item.drppaIndicators.map((code) => label('drppaIndicators', code)).join('; ')}</dd>
        </div>
      )}
    </dl>
  );
}
