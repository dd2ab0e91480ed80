import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { useSubmit } from '../ui/use-submit';
import type { ReportView } from './report-views';

type CreateReport = components['schemas']['CreateReportDto'];

export interface Place {
  id: string;
  name: string;
}

/** The places the reader may read, which are the scopes a report can be asked for. */
export interface Places {
  regions: Place[];
  villages: Place[];
  groups: Place[];
}

interface Typed {
  year: string;
  /** `organization`, or `region:<id>`, `village:<id>`, `group:<id>`. */
  scope: string;
  audience: CreateReport['audience'];
  format: CreateReport['format'];
  locale: CreateReport['locale'];
}

type Invalid = Partial<Record<'year' | 'scope', MessageKey>>;

/** The limits of CreateReportDto, so that the form refuses what the API would refuse. */
const YEAR = /^\d{4}$/;
const validYear = (year: string) => YEAR.test(year) && Number(year) >= 2000 && Number(year) <= 2100;

function requestBody(typed: Typed): CreateReport {
  const [level, id] = typed.scope.split(':') as [CreateReport['scope']['level'], string | undefined];
  return {
    kind: 'annual_evaluation',
    year: Number(typed.year),
    scope: id ? { level, id } : { level },
    audience: typed.audience,
    format: typed.format,
    locale: typed.locale,
  };
}

/**
 * Asking for an annual evaluation (SPEC §7). The scopes offered are the places the API lets the
 * reader read; whether she may have a report of one is the server's to say, and a refusal is shown
 * at the scope field with what she chose kept.
 */
export function ReportRequestForm({ places, onRequested }: { places: Places; onRequested(report: ReportView): void }) {
  const { t, language } = useI18n();
  const [typed, setTyped] = useState<Typed>({
    year: String(new Date().getFullYear()),
    scope: '',
    audience: 'internal',
    format: 'pdf',
    locale: language,
  });
  const [invalid, setInvalid] = useState<Invalid>({});
  const [requested, setRequested] = useState(false);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setRequested(false);
      const found: Invalid = {};
      if (!validYear(typed.year.trim())) found.year = 'reportsYearInvalid';
      if (!typed.scope) found.scope = 'reportsScopeRequired';
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      try {
        const report = await answered(
          api.POST('/api/v1/reports', { body: requestBody({ ...typed, year: typed.year.trim() }) }),
        );
        onRequested(report);
        setRequested(true);
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 403) setInvalid({ scope: 'reportsScopeRefused' });
        throw error;
      }
    },
    (error) =>
      error instanceof InvalidForm || (error instanceof ApiProblem && (error.status === 400 || error.status === 403))
        ? t('reportsCheckFields')
        : failureText(error, t),
  );

  const set =
    <Field extends keyof Typed>(field: Field) =>
    (event: { currentTarget: { value: string } }) =>
      setTyped({ ...typed, [field]: event.currentTarget.value as Typed[Field] });
  const described = (field: keyof Invalid) =>
    invalid[field] ? { 'aria-invalid': true as const, 'aria-describedby': `report-${field}-error` } : {};
  const error = (field: keyof Invalid) =>
    invalid[field] && (
      <p id={`report-${field}-error`} class="field-error">
        {t(invalid[field])}
      </p>
    );
  const choice = <Field extends 'audience' | 'format' | 'locale'>(
    field: Field,
    value: Typed[Field],
    label: MessageKey,
    hint?: MessageKey,
  ) => (
    <div class={`choice ${field === 'audience' ? value : ''}`}>
      <input
        type="radio"
        id={`report-${field}-${value}`}
        name={field}
        value={value}
        checked={typed[field] === value}
        onChange={set(field)}
        aria-describedby={hint && `report-${field}-${value}-hint`}
      />
      <label for={`report-${field}-${value}`}>{t(label)}</label>
      {hint && (
        <p id={`report-${field}-${value}-hint`} class="hint">
          {t(hint)}
        </p>
      )}
    </div>
  );
  const group = (label: MessageKey, level: string, items: Place[]) =>
    items.length > 0 && (
      <optgroup label={t(label)}>
        {items.map((place) => (
          <option key={place.id} value={`${level}:${place.id}`}>
            {place.name}
          </option>
        ))}
      </optgroup>
    );

  return (
    <form class="case-form report-form" onSubmit={onSubmit} noValidate aria-labelledby="report-form-title">
      <h2 id="report-form-title">{t('reportsRequestTitle')}</h2>
      <div class="field">
        <label for="report-year">{t('reportsYear')}</label>
        <input
          id="report-year"
          name="year"
          type="text"
          inputMode="numeric"
          maxLength={4}
          autocomplete="off"
          value={typed.year}
          onInput={set('year')}
          {...described('year')}
        />
        {error('year')}
      </div>
      <div class="field">
        <label for="report-scope">{t('reportsScope')}</label>
        <select id="report-scope" name="scope" value={typed.scope} onChange={set('scope')} {...described('scope')}>
          <option value="">{t('reportsScopeRequired')}</option>
          <option value="organization">{t('reportsScopeOrganization')}</option>
          {group('reportsScopeRegions', 'region', places.regions)}
          {group('reportsScopeVillages', 'village', places.villages)}
          {group('reportsScopeGroups', 'group', places.groups)}
        </select>
        {error('scope')}
      </div>
      <fieldset>
        <legend>{t('reportsAudience')}</legend>
        {choice('audience', 'internal', 'reportsAudienceInternal', 'reportsAudienceInternalHint')}
        {choice('audience', 'external', 'reportsAudienceExternal', 'reportsAudienceExternalHint')}
      </fieldset>
      <fieldset>
        <legend>{t('reportsFormat')}</legend>
        {choice('format', 'pdf', 'reportsFormatPdf')}
        {choice('format', 'xlsx', 'reportsFormatXlsx')}
        {choice('format', 'csv', 'reportsFormatCsv')}
      </fieldset>
      <fieldset>
        <legend>{t('reportsLocale')}</legend>
        {choice('locale', 'id', 'reportsLocaleId')}
        {choice('locale', 'en', 'reportsLocaleEn')}
      </fieldset>
      <Alert text={failure} />
      <p class="saved" aria-live="polite">
        {requested ? t('reportsRequested') : ''}
      </p>
      <button type="submit" class="primary" disabled={busy}>
        {t('reportsSubmit')}
      </button>
    </form>
  );
}

/** The typed values broke a rule of the DTO; the fields say which. */
class InvalidForm extends Error {}
