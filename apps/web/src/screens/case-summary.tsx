import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { calendarDay, codeLabel } from '../ui/labels';
import type { CaseView } from './case-views';

/**
 * The case at a glance. The survivor's name (or alias) shows only when the API returned it, so a
 * reader who may not see identifying fields sees nothing in its place.
 */
export function CaseSummary({ record, codes }: { record: CaseView; codes: CodeLists }) {
  const { t, language } = useI18n();
  const label = (list: string, code: string | null | undefined) => codeLabel(codes, language, list, code);
  const date = (day: string) => calendarDay(language, day);
  const survivorName = record.survivor?.name ?? record.survivor?.alias;

  return (
    <section class="case-section" aria-labelledby="case-summary">
      <h2 id="case-summary">{t('caseSummary')}</h2>
      <dl class="facts">
        {survivorName && (
          <div>
            <dt>{t('caseSurvivor')}</dt>
            <dd>{survivorName}</dd>
          </div>
        )}
        <div>
          <dt>{t('status')}</dt>
          <dd class="case-status">{label('caseStatus', record.status)}</dd>
        </div>
        {record.closureReason && (
          <div>
            <dt>{t('caseworkClosureReason')}</dt>
            <dd>{label('closureReason', record.closureReason)}</dd>
          </div>
        )}
        {record.riskLevel && (
          <div>
            <dt>{t('riskLevel')}</dt>
            <dd>{label('riskLevel', record.riskLevel)}</dd>
          </div>
        )}
        {record.intakeDate && (
          <div>
            <dt>{t('caseIntakeDate')}</dt>
            <dd>{date(record.intakeDate)}</dd>
          </div>
        )}
        <div>
          <dt>{t('nextFollowUp')}</dt>
          <dd>{record.nextFollowUpDue ? date(record.nextFollowUpDue) : t('noFollowUpDue')}</dd>
        </div>
        {record.violenceTypes && record.violenceTypes.length > 0 && (
          <div>
            <dt>{t('caseViolenceTypes')}</dt>
            <dd>{record.violenceTypes.map((code) => label('violenceTypes', code)).join(', ')}</dd>
          </div>
        )}
        {record.consent && (
          <div>
            <dt>{t('caseworkConsentToRefer')}</dt>
            <dd>{record.consent.refer === true ? t('caseworkYes') : t('caseworkNo')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
