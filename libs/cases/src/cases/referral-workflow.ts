import type { ReferralStatus } from '../code-lists';

/** A referral's own workflow: where each status may go next. Completed, declined and cancelled are final. */
export const REFERRAL_NEXT_STATUSES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  pending: ['accepted', 'declined', 'cancelled'],
  accepted: ['in_service', 'declined', 'cancelled'],
  in_service: ['completed', 'cancelled'],
  completed: [],
  declined: [],
  cancelled: [],
};
