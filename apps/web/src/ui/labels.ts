import type { components } from '../api/schema';
import type { Language } from '../i18n/messages';

export type CodeLists = components['schemas']['CodeListsView'];
type CodeEntry = components['schemas']['CodeEntryView'];

/** A code's label from `GET /code-lists` in the chosen language; the code itself when the list lacks it. */
export function codeLabel(codes: CodeLists, language: Language, list: string, code: string | null | undefined): string {
  const entries = (codes as Partial<Record<string, CodeEntry[]>>)[list];
  return code ? (entries?.find((entry) => entry.code === code)?.label[language] ?? code) : '';
}

/** A calendar day (`YYYY-MM-DD` or the start of a timestamp) written the way the language writes dates. */
export function calendarDay(language: Language, day: string): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** A date and time in the reader's language. */
export function momentOf(language: Language, at: string): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(at));
}
