import { useI18n } from '../i18n/i18n';
import type { PlanItemTitle } from '../offline/phone-db';
import { navigate } from '../router';
import { Heading } from '../ui/heading';
import { ActivityReportForm } from './activity-report-form';

const itemPath = (item: PlanItemTitle) => `/work-plans/${item.planId}/items/${item.id}`;

/**
 * The work plans screen on a phone with no signal (SPEC §12): the items of her groups' approved
 * plans she may report on, as the last sync kept them (ids and titles only), each opening the
 * activity report form.
 */
export function OfflinePlanItems({ items }: { items: PlanItemTitle[] }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{t('navWorkPlans')}</Heading>
      <p role="status" class="offline-note">
        {t('phoneOfflinePlans')}
      </p>
      <section class="plan-section" aria-labelledby="offline-plan-items">
        <h2 id="offline-plan-items">{t('workplansItems')}</h2>
        {items.length === 0 ? (
          <p>{t('phoneNoOfflinePlanItems')}</p>
        ) : (
          <ul class="plan-items offline-plan-items">
            {items.map((item) => (
              <li key={item.id}>
                <a
                  href={itemPath(item)}
                  class="item-link"
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(itemPath(item));
                  }}
                >
                  {item.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * A plan item on a phone with no signal: its title and the activity report form, whose report is
 * sealed into the outbox. The phone keeps no plan's year (ids and titles only): the sync keeps this
 * year's plans, so the report is dated in this year; a plan synced before the year turned has its
 * report refused, and corrected in the outbox.
 */
export function OfflinePlanItem({ item }: { item: PlanItemTitle }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{item.title}</Heading>
      <p>
        <a
          href="/work-plans"
          onClick={(event) => {
            event.preventDefault();
            navigate('/work-plans');
          }}
        >
          {t('phoneBackToPlanItems')}
        </a>
      </p>
      <p role="status" class="offline-note">
        {t('phoneOfflinePlanItem')}
      </p>
      <ActivityReportForm
        planId={item.planId}
        itemId={item.id}
        year={new Date().getFullYear()}
        onSaved={() => undefined}
      />
    </>
  );
}
