import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import type { CodeLists } from '../../ui/labels';
import type { Translate } from '../../i18n/i18n';
import { failureText } from '../../ui/failure-text';

export type CaseView = components['schemas']['CaseView'];

/** What the case page gives each control: the record as last read, and where a changed record goes. */
export interface ControlProps {
  record: CaseView;
  codes: CodeLists;
  onChanged(record: CaseView): void;
}

/** The record's version as the precondition of a change (SPEC §8: a stale one saves nothing). */
export const versionOf = (record: CaseView) => ({ 'if-match': String(record.version ?? '') });

/** The form's own check failed; its fields say why. */
export class InvalidChoice extends Error {}

/** The words for a refused change: someone changed the case meanwhile, a rule refused the choice, or the usual. */
export function controlFailure(error: unknown, t: Translate): string {
  if (error instanceof InvalidChoice) return t('coordinatorCheckChoices');
  if (error instanceof ApiProblem && error.status === 409) return t('coordinatorStale');
  if (error instanceof ApiProblem && (error.status === 400 || error.status === 422)) return t('coordinatorRefused');
  return failureText(error, t);
}
