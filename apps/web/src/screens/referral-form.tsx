import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { calendarDay, codeLabel } from '../ui/labels';
import { useSubmit } from '../ui/use-submit';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import type { CaseView, ReferralView, ServiceProviderView } from './case-views';
import type { CodeLists } from '../ui/labels';
import { CodeOptions } from '../ui/code-options';

type CreateReferral = components['schemas']['CreateReferralDto'];

/** The limit of CreateReferralDto's note. */
const NOTE_MAX = 5000;
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Typed {
  serviceType: string;
  providerId: string;
  referredAt: string;
  note: string;
}

const isCalendarDay = (value: string) =>
  CALENDAR_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const today = () => new Date().toISOString().slice(0, 10);
const blank = (): Typed => ({ serviceType: '', providerId: '', referredAt: today(), note: '' });

/**
 * Referring the survivor to a service (SPEC §4): only with consent to refer recorded on the case.
 * Without it the form is not offered at all and the reader is told why; the server's 422 (consent
 * withdrawn since the page loaded) is told in the same words.
 */
export function ReferralForm({
  record,
  codes,
  providers,
  onSaved,
}: {
  record: CaseView;
  codes: CodeLists;
  providers: ServiceProviderView[];
  onSaved(referral: ReferralView): void;
}) {
  const { t, language } = useI18n();
  const consent = record.consent;
  if (consent?.refer !== true)
    return (
      <div class="case-form consent-missing" role="note" aria-labelledby="referral-form-title">
        <h3 id="referral-form-title">{t('caseworkReferralAdd')}</h3>
        <p>
          <strong>{t('caseworkConsentMissing')}</strong>
        </p>
        <p>{t('caseworkConsentMissingExplain')}</p>
      </div>
    );
  const given = [
    consent.givenBy && codeLabel(codes, language, 'consentGivenBy', consent.givenBy),
    consent.givenAt && calendarDay(language, consent.givenAt),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <AddReferral
      caseId={record.id ?? ''}
      codes={codes}
      providers={providers}
      consentText={given ? t('caseworkConsentGivenBy', { given }) : t('caseworkConsentGiven')}
      onSaved={onSaved}
    />
  );
}

function AddReferral({
  caseId,
  codes,
  providers,
  consentText,
  onSaved,
}: {
  caseId: string;
  codes: CodeLists;
  providers: ServiceProviderView[];
  consentText: string;
  onSaved(referral: ReferralView): void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState<Typed>(blank);
  const [invalid, setInvalid] = useState<Partial<Record<keyof Typed, MessageKey>>>({});
  const [saved, setSaved] = useState(false);
  const [keys] = useState(() => new IdempotencyKeys());
  const serviceTypes = codes.serviceType ?? [];
  const offered = providers.filter(
    (provider) => provider.active !== false && provider.serviceType === typed.serviceType,
  );

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setSaved(false);
      const found: Partial<Record<keyof Typed, MessageKey>> = {};
      if (!serviceTypes.some((entry) => entry.code === typed.serviceType))
        found.serviceType = 'caseworkServiceTypeRequired';
      if (!isCalendarDay(typed.referredAt)) found.referredAt = 'caseworkDateInvalid';
      if (typed.note.length > NOTE_MAX) found.note = 'caseworkTooLong';
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      const body: CreateReferral = {
        serviceType: typed.serviceType as CreateReferral['serviceType'],
        referredAt: typed.referredAt,
        ...(typed.providerId && { providerId: typed.providerId }),
        ...(typed.note.trim() && { note: typed.note }),
      };
      const referral = await answered(
        api.POST('/api/v1/cases/{id}/referrals', {
          params: { path: { id: caseId } },
          body,
          headers: { 'Idempotency-Key': keys.for(body) },
        }),
      );
      onSaved(referral);
      setTyped(blank());
      keys.forget();
      setSaved(true);
    },
    (error) => {
      if (error instanceof InvalidForm || (error instanceof ApiProblem && error.status === 400))
        return t('caseworkCheckFields');
      if (error instanceof ApiProblem && error.kind === 'business-rule') return t('caseworkConsentRefused');
      return failureText(error, t);
    },
  );

  const set = (field: keyof Typed) => (event: { currentTarget: { value: string } }) =>
    setTyped({
      ...typed,
      [field]: event.currentTarget.value,
      ...(field === 'serviceType' && { providerId: '' }),
    });
  const described = (field: keyof Typed) =>
    invalid[field] ? { 'aria-invalid': true as const, 'aria-describedby': `referral-${field}-error` } : {};
  const error = (field: keyof Typed) =>
    invalid[field] && (
      <p id={`referral-${field}-error`} class="field-error">
        {t(invalid[field])}
      </p>
    );

  return (
    <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby="referral-form-title">
      <h3 id="referral-form-title">{t('caseworkReferralAdd')}</h3>
      <p class="consent-given">{consentText}</p>
      <div class="field">
        <label for="referral-service-type">{t('caseworkServiceType')}</label>
        <select
          id="referral-service-type"
          name="serviceType"
          required
          value={typed.serviceType}
          onChange={set('serviceType')}
          {...described('serviceType')}
        >
          <CodeOptions entries={serviceTypes} choose={t('caseworkChoose')} />
        </select>
        {error('serviceType')}
      </div>
      <div class="field">
        <label for="referral-provider">{t('caseworkProvider')}</label>
        <select
          id="referral-provider"
          name="providerId"
          value={typed.providerId}
          onChange={set('providerId')}
          aria-describedby="referral-provider-hint"
        >
          <option value="">{t('caseworkNoProvider')}</option>
          {offered.map((provider) => (
            <option key={provider.id} value={provider.id ?? ''}>
              {provider.name}
            </option>
          ))}
        </select>
        <p id="referral-provider-hint" class="hint">
          {t('caseworkProviderHint')}
        </p>
      </div>
      <div class="field">
        <label for="referral-referred-at">{t('caseworkReferredAt')}</label>
        <input
          id="referral-referred-at"
          name="referredAt"
          type="date"
          required
          value={typed.referredAt}
          onInput={set('referredAt')}
          {...described('referredAt')}
        />
        {error('referredAt')}
      </div>
      <div class="field">
        <label for="referral-note">{t('caseworkReferralNote')}</label>
        <textarea
          id="referral-note"
          name="note"
          rows={3}
          maxLength={NOTE_MAX}
          autocomplete="off"
          value={typed.note}
          onInput={set('note')}
          {...described('note')}
        />
        {error('note')}
      </div>
      <Alert text={failure} />
      <p class="saved" aria-live="polite">
        {saved ? t('caseworkReferralSaved') : ''}
      </p>
      <button type="submit" class="primary" disabled={busy}>
        {t('caseworkReferralSend')}
      </button>
    </form>
  );
}

/** The typed values broke a rule of CreateReferralDto; the fields say which. */
class InvalidForm extends Error {}
