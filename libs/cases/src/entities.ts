import { CaseChangeEntity } from './cases/case-change.entity';
import { CaseNumberCounterEntity } from './cases/case-number-counter.entity';
import { CasePerpetratorEntity } from './cases/case-perpetrator.entity';
import { CaseStatDeltaEntity } from './cases/case-stat-delta.entity';
import { CaseEntity } from './cases/case.entity';
import { FollowUpEntity } from './cases/follow-up.entity';
import { ReferralEntity } from './cases/referral.entity';
import { ReportChunkEntity } from './reports/report-chunk.entity';
import { ReportCountedCaseEntity } from './reports/report-counted-case.entity';
import { ReportEntity } from './reports/report.entity';
import { ReceivedDeviceReadEntity } from './sync/received-device-read.entity';
import { ActivityReportEntity } from './work-plans/activity-report.entity';
import { PlanItemEntity } from './work-plans/plan-item.entity';
import { WorkPlanEntity } from './work-plans/work-plan.entity';

export {
  ActivityReportEntity,
  CaseChangeEntity,
  CaseEntity,
  CaseNumberCounterEntity,
  CasePerpetratorEntity,
  CaseStatDeltaEntity,
  FollowUpEntity,
  PlanItemEntity,
  ReceivedDeviceReadEntity,
  ReferralEntity,
  ReportChunkEntity,
  ReportCountedCaseEntity,
  ReportEntity,
  WorkPlanEntity,
};

export const CASES_ENTITIES = [
  CaseEntity,
  CasePerpetratorEntity,
  CaseNumberCounterEntity,
  CaseChangeEntity,
  CaseStatDeltaEntity,
  ReferralEntity,
  FollowUpEntity,
  WorkPlanEntity,
  PlanItemEntity,
  ActivityReportEntity,
  ReportEntity,
  ReportChunkEntity,
  ReportCountedCaseEntity,
  ReceivedDeviceReadEntity,
];
