import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';

export type CaseView = components['schemas']['CaseView'];
export type ReferralView = components['schemas']['ReferralView'];
export type ServiceProviderView = components['schemas']['ServiceProviderView'];
export type DueCase = components['schemas']['DueCase'];

/**
 * What a section of the case page is given: the case as last answered, the code lists, and the
 * way to hand back the case a change answered (the page then shows it and reloads the history).
 * Panels that act on the whole case (workflow, assignment, restriction, closure approval) take these.
 */
export interface CasePanelProps {
  record: CaseView;
  codes: CodeLists;
  onChanged(record: CaseView): void;
}
