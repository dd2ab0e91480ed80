import { useState } from 'preact/hooks';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { calendarDay, codeLabel } from '../ui/labels';
import { ReferralForm } from './referral-form';
import { canUpdateReferral, ReferralUpdate } from './referral-update';
import type { CaseView, ReferralView, ServiceProviderView } from './case-views';

/**
 * The case's referrals: service, provider, status and dates; changing one where its `allowed`
 * permits; and referring the survivor anew, offered to whoever may update the case (the rules
 * table gives `Referral` `create` to exactly them), behind the consent gate of ReferralForm.
 */
export function ReferralsSection({
  record,
  codes,
  providers,
  referrals,
  onReferrals,
}: {
  record: CaseView;
  codes: CodeLists;
  providers: ServiceProviderView[];
  referrals: ReferralView[];
  onReferrals(referrals: ReferralView[]): void;
}) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState<string>();
  const [updated, setUpdated] = useState<string>();
  const label = (list: string, code: string | null | undefined) => codeLabel(codes, language, list, code);
  const date = (day: string | null | undefined) => (day ? calendarDay(language, day) : '');
  const providerName = (id: string | null | undefined) =>
    id ? (providers.find((provider) => provider.id === id)?.name ?? t('caseworkProviderUnknown')) : undefined;

  return (
    <section class="case-section" aria-labelledby="case-referrals">
      <h2 id="case-referrals">{t('caseReferrals')}</h2>
      <p class="saved" aria-live="polite">
        {updated ? t('caseworkReferralUpdated') : ''}
      </p>
      {referrals.length === 0 ? (
        <p>{t('caseNoReferrals')}</p>
      ) : (
        <ul class="entries referrals">
          {referrals.map((item) => (
            <li key={item.id}>
              <p class="entry-title">{label('serviceType', item.serviceType)}</p>
              <dl class="facts">
                {providerName(item.providerId) && (
                  <div>
                    <dt>{t('caseworkProvider')}</dt>
                    <dd>{providerName(item.providerId)}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('status')}</dt>
                  <dd class="referral-status">{label('referralStatus', item.status)}</dd>
                </div>
                <div>
                  <dt>{t('caseworkReferredAt')}</dt>
                  <dd>{date(item.referredAt)}</dd>
                </div>
                {item.updatedAt && (item.version ?? 1) > 1 && (
                  <div>
                    <dt>{t('caseworkReferralChangedAt')}</dt>
                    <dd>{date(item.updatedAt)}</dd>
                  </div>
                )}
              </dl>
              {item.note && <p>{item.note}</p>}
              {item.outcomeNote && (
                <p>
                  {t('caseworkOutcomeNote')}: {item.outcomeNote}
                </p>
              )}
              {canUpdateReferral(item) &&
                (editing === item.id ? (
                  <ReferralUpdate
                    referral={item}
                    codes={codes}
                    onCancel={() => setEditing(undefined)}
                    onSaved={(saved) => {
                      setEditing(undefined);
                      setUpdated(saved.id ?? undefined);
                      onReferrals(referrals.map((referral) => (referral.id === saved.id ? saved : referral)));
                    }}
                  />
                ) : (
                  <button
                    type="button"

                    aria-label={t('caseworkReferralUpdateFor', { service: label('serviceType', item.serviceType) })}
                    onClick={() => {
                      setUpdated(undefined);
                      setEditing(item.id ?? undefined);
                    }}
                  >
                    {t('caseworkReferralUpdate')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {record.allowed.actions.includes('update') && (
        <ReferralForm
          record={record}
          codes={codes}
          providers={providers}
          onSaved={(referral) => onReferrals([referral, ...referrals])}
        />
      )}
    </section>
  );
}
