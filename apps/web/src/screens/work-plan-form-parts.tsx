import { ApiProblem } from '../api/problem';
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { failureText } from '../ui/failure-text';

export type Invalid<Field extends string> = Partial<Record<Field, MessageKey>>;

/** The typed values broke a rule of the DTO; the fields say which. */
export class InvalidForm extends Error {}

/** A field's marks when it was refused: its message tied to it for screen readers. */
export function refusal<Field extends string>(prefix: string, invalid: Invalid<Field>, field: Field) {
  return invalid[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${prefix}-${field}-error` } : {};
}

export function FieldError<Field extends string>({
  prefix,
  invalid,
  field,
  t,
}: {
  prefix: string;
  invalid: Invalid<Field>;
  field: Field;
  t: Translate;
}) {
  const key = invalid[field];
  return key ? (
    <p id={`${prefix}-${field}-error`} class="field-error">
      {t(key)}
    </p>
  ) : null;
}

/**
 * What to say about a refused write on a plan: a check of ours or the API's points at the fields;
 * a conflict means the plan moved on meanwhile (a colleague submitted it, the coordinator
 * reviewed it), so the page is read again.
 */
export function planFailureText(error: unknown, t: Translate): string {
  if (error instanceof InvalidForm || (error instanceof ApiProblem && [400, 422].includes(error.status)))
    return t('workplansCheckFields');
  if (error instanceof ApiProblem && [409, 428].includes(error.status)) return t('workplansConflict');
  return failureText(error, t);
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isCalendarDay = (value: string) =>
  CALENDAR_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** A whole number typed as digits, within bounds; undefined otherwise. */
export function wholeNumber(typed: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(typed.trim())) return undefined;
  const value = Number(typed.trim());
  return value >= min && value <= max ? value : undefined;
}

/** The month names of the language, January first. */
export function monthNames(language: 'id' | 'en'): string[] {
  const format = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => format.format(new Date(Date.UTC(2026, month, 1))));
}
