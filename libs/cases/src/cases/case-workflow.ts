import type { Action } from '@pendamping/auth';
import type { CaseStatus } from '../code-lists';

export const TRANSITION_TARGETS = ['active', 'closure_requested', 'closed', 'reopened'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

interface Transition {
  /** The rules-table action that allows it: who may take it is decided there. */
  action: Action;
  from: readonly CaseStatus[];
  /** `reopened` is a transition, not a status: a reopened case is active again. */
  to: CaseStatus;
}

/**
 * SPEC §4: open → active → closure_requested → closed, and reopened back to active. A closure
 * request can be sent back (to active) by whoever may activate; only closing and reopening are
 * the coordinator's, by the rules table.
 */
export const CASE_TRANSITIONS: Record<TransitionTarget, Transition> = {
  active: { action: 'activate', from: ['open', 'closure_requested'], to: 'active' },
  closure_requested: { action: 'request_closure', from: ['open', 'active'], to: 'closure_requested' },
  closed: { action: 'close', from: ['closure_requested'], to: 'closed' },
  reopened: { action: 'reopen', from: ['closed'], to: 'active' },
};
