import type { components } from '../api/schema';

/** The work-plan responses these screens read, named as the OpenAPI document names them. */
export type WorkPlanView = components['schemas']['WorkPlanView'];
export type PlanItemView = components['schemas']['PlanItemView'];
export type WorkPlanWithItems = components['schemas']['WorkPlanWithItems'];
export type Participants = components['schemas']['ActivityParticipants'];
export type ItemProgress = components['schemas']['ItemProgress'];
export type PlanProgress = components['schemas']['PlanProgress'];
export type ActivityReportView = components['schemas']['ActivityReportView'];

/** The unit that makes an item count the people reached rather than its activities (SPEC §6). */
export const PARTICIPANTS_UNIT = 'participants';

/** A draft, or a plan returned with comments: the group may still change its items (the API's rule). */
export const isEditable = (plan: WorkPlanView) => plan.status === 'draft' || plan.status === 'returned';
