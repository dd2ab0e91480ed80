import { eachRow, ResourceSpec } from '@pendamping/auth';
import { ActivityReportEntity } from './activity-report.entity';
import { PlanItemEntity } from './plan-item.entity';
import { WorkPlanEntity } from './work-plan.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** What the rules' conditions see of a record under a plan: its plan's group, region and organisation. */
export function planScopeOf(plan: WorkPlanEntity | undefined) {
  if (!plan) throw new Error('a plan-scoped record was loaded without its plan');
  return { organizationId: plan.organizationId, regionId: plan.regionId, groupId: plan.groupId };
}

export const WORK_PLANS: ResourceSpec<WorkPlanEntity> = {
  entity: WorkPlanEntity,
  subject: 'WorkPlan',
  views: eachRow((row) => ({
    id: row.id,
    groupId: row.groupId,
    villageId: row.villageId,
    regionId: row.regionId,
    year: row.year,
    status: row.status,
    goals: row.goals,
    reviewComments: row.reviewComments,
    submittedAt: iso(row.submittedAt),
    submittedBy: row.submittedBy,
    reviewedAt: iso(row.reviewedAt),
    reviewedBy: row.reviewedBy,
    copiedFromId: row.copiedFromId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  })),
};

export const PLAN_ITEMS: ResourceSpec<PlanItemEntity> = {
  entity: PlanItemEntity,
  subject: 'PlanItem',
  scopeVia: 'workPlan',
  record: (row) => ({ ...row, ...planScopeOf(row.workPlan) }),
  views: eachRow((row) => ({
    id: row.id,
    workPlanId: row.workPlanId,
    title: row.title,
    category: row.category,
    targetCount: row.targetCount,
    targetUnit: row.targetUnit,
    plannedMonths: row.plannedMonths,
    keyPersons: row.keyPersons,
    budget: row.budget === null ? null : Number(row.budget),
    status: row.status,
    statusReason: row.statusReason,
    drppaIndicators: row.drppaIndicators,
    addedAfterApproval: row.addedAfterApproval,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  })),
};

export const ACTIVITY_REPORTS: ResourceSpec<ActivityReportEntity> = {
  entity: ActivityReportEntity,
  subject: 'ActivityReport',
  scopeVia: 'workPlan',
  record: (row) => ({ ...row, ...planScopeOf(row.workPlan) }),
  views: eachRow((row) => ({
    id: row.id,
    planItemId: row.planItemId,
    workPlanId: row.workPlanId,
    date: row.date,
    participants: { women: row.women, men: row.men, girls: row.girls, boys: row.boys, disability: row.disability },
    summary: row.summary,
    results: row.results,
    obstacles: row.obstacles,
    lessons: row.lessons,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  })),
};
