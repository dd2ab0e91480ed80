/**
 * The work-plan responses these screens read, as the API answers them today (libs/cases
 * work-plan.specs.ts and plan-progress.service.ts). They stand in until the OpenAPI document
 * describes these responses, when the generated types replace them.
 */
export interface Allowed {
  actions: string[];
  writableFields: string[];
}

export interface WorkPlanView {
  id: string;
  groupId: string;
  villageId: string;
  regionId: string;
  year: number;
  status: 'draft' | 'submitted' | 'returned' | 'approved';
  goals: string | null;
  reviewComments: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  version: number;
  allowed: Allowed;
}

export interface PlanItemView {
  id: string;
  workPlanId: string;
  title: string;
  category: string;
  targetCount: number;
  targetUnit: string;
  plannedMonths: number[];
  keyPersons: string | null;
  budget: number | null;
  status: string;
  statusReason: string | null;
  drppaIndicators: string[];
  addedAfterApproval: boolean;
  version: number;
  allowed: Allowed;
}

export interface WorkPlanWithItems extends WorkPlanView {
  items: PlanItemView[];
}

export interface Participants {
  women: number;
  men: number;
  girls: number;
  boys: number;
  disability: number;
}

export interface ItemProgress {
  id: string;
  status: string;
  target: { count: number; unit: string };
  realised: number;
  percent: number;
  activities: number;
  participants: Participants & { total: number };
  overdue: boolean;
}

export interface PlanProgress {
  items: ItemProgress[];
  plan: {
    itemsPlanned: number;
    itemsDone: number;
    percentDone: number;
    activities: number;
    participants: Participants & { total: number };
  };
}

export interface ActivityReportView {
  id: string;
  date: string;
  participants: Participants;
  summary: string;
  results: string | null;
  obstacles: string | null;
  lessons: string | null;
}

/** The unit that makes an item count the people reached rather than its activities (SPEC §6). */
export const PARTICIPANTS_UNIT = 'participants';

/** A draft, or a plan returned with comments: the group may still change its items (the API's rule). */
export const isEditable = (plan: WorkPlanView) => plan.status === 'draft' || plan.status === 'returned';
