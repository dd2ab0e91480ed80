import type { Action } from '@pendamping/auth';
import { DomainError } from '@pendamping/core';
import type { PlanItemStatus, WorkPlanStatus } from '../code-lists/work-plan-codes';

export type PlanStep = 'submit' | 'approve' | 'return';

/** SPEC §6: who may take a step is the rules table's; from where is this table's. */
export const PLAN_STEPS: Record<PlanStep, { action: Action; from: readonly WorkPlanStatus[]; to: WorkPlanStatus }> = {
  submit: { action: 'submit', from: ['draft', 'returned'], to: 'submitted' },
  approve: { action: 'approve', from: ['submitted'], to: 'approved' },
  return: { action: 'return', from: ['submitted'], to: 'returned' },
};

/** A draft, or a plan returned with comments: the group may still change anything in it. */
export const isEditable = (status: WorkPlanStatus) => status === 'draft' || status === 'returned';

export function planConflict(status: WorkPlanStatus, wanted: string): DomainError {
  const why: Record<WorkPlanStatus, string> = {
    draft: 'it is a draft',
    returned: 'it was returned for changes',
    submitted: "it is waiting for the coordinator's review",
    approved: "it is approved and frozen: add new items, or change an item's status with a reason",
  };
  return new DomainError('conflict', `The plan is ${status}; ${wanted} is not possible because ${why[status]}.`, {
    currentStatus: status,
  });
}

/** Where an item's status may be set by hand (with a reason); reports move it from planned to in progress to done. */
export const ITEM_NEXT_STATUSES: Record<PlanItemStatus, readonly PlanItemStatus[]> = {
  planned: ['in_progress', 'done', 'cancelled'],
  in_progress: ['planned', 'done', 'cancelled'],
  done: ['in_progress', 'cancelled'],
  cancelled: ['planned'],
};
