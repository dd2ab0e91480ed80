import type { CodeLists } from '../ui/labels';
import type { Translate } from '../i18n/i18n';
import type { Language } from '../i18n/messages';
import { calendarDay, codeLabel } from '../ui/labels';
import type { CaseField, Perpetrator, Value } from './case-fields';
import { PERPETRATOR_FIELDS } from './intake-perpetrators';

/** One perpetrator in a line: every field recorded, in words. */
export function shownPerpetrator(perpetrator: Perpetrator, codes: CodeLists, language: Language, t: Translate): string {
  return PERPETRATOR_FIELDS.filter((field) => perpetrator[field.path])
    .map((field) => shownValue(field, perpetrator[field.path]!, codes, language, t))
    .join(', ');
}

/** A typed value as a reader sees it: labels for codes, dates in the language's form, yes or no for flags. */
export function shownValue(field: CaseField, value: Value, codes: CodeLists, language: Language, t: Translate): string {
  if (field.kind === 'flag') return value === true ? t('intakeYes') : t('intakeNo');
  if (field.kind === 'perpetrators') {
    const perpetrators = value as Perpetrator[];
    return perpetrators.length
      ? perpetrators.map((perpetrator) => shownPerpetrator(perpetrator, codes, language, t)).join('; ')
      : t('intakeNotFilled');
  }
  if (field.kind === 'codes') {
    const chosen = value as string[];
    return chosen.length
      ? chosen.map((code) => codeLabel(codes, language, field.list!, code)).join(', ')
      : t('intakeNotFilled');
  }
  const text = value as string;
  if (text === '') return t('intakeNotFilled');
  if (field.kind === 'code') return codeLabel(codes, language, field.list!, text);
  if (field.kind === 'date' || field.kind === 'caseDate') return calendarDay(language, text);
  return text;
}
