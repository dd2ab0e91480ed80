import { ApiProblem, NetworkFailure } from '../api/problem';
import type { Translate } from '../i18n/i18n';

/** What to tell the user about a failed call that the screen has no more precise words for. */
export function failureText(error: unknown, t: Translate): string {
  if (error instanceof NetworkFailure) return t('networkError');
  if (error instanceof ApiProblem && error.status === 429) return t('tooManyAttempts');
  return t('genericError');
}
