import { Module } from '@nestjs/common';
import { AuthModule } from '@pendamping/auth';
import { CaseHistoryService } from './cases/case-history.service';
import { CasePlacement } from './cases/case-placement';
import { CaseQueries } from './cases/case-queries.service';
import { CaseService } from './cases/case.service';
import { CaseStatCompaction } from './cases/case-stat-compaction';
import { CaseStatistics } from './cases/case-statistics.service';
import { CaseSpecs } from './cases/case.specs';
import { CaseVault } from './cases/case-vault';
import { CaseWriter } from './cases/case-writer';
import { DuplicateCheckService } from './cases/duplicate-check.service';
import { FollowUpService } from './cases/follow-up.service';
import { ReferralService } from './cases/referral.service';
import { SurvivorDuplicates } from './cases/survivor-duplicates';
import { ReportExpiry } from './reports/report-expiry';
import { ReportReconciler } from './reports/report-reconciler';
import { ReportRequests } from './reports/report-requests.service';
import { ReportRunner } from './reports/report-runner';
import { ReportScope } from './reports/report-scope';
import { ReportStorage } from './reports/report-storage';
import { ActivityReportService } from './work-plans/activity-report.service';
import { PlanItemService } from './work-plans/plan-item.service';
import { PlanProgressService } from './work-plans/plan-progress.service';
import { WorkPlanService } from './work-plans/work-plan.service';
import { SyncService } from './sync/sync.service';

const SERVICES = [
  CaseService,
  CaseQueries,
  CaseStatistics,
  CaseStatCompaction,
  CaseHistoryService,
  DuplicateCheckService,
  ReferralService,
  FollowUpService,
  WorkPlanService,
  PlanItemService,
  ActivityReportService,
  PlanProgressService,
  ReportRequests,
  ReportRunner,
  ReportReconciler,
  ReportExpiry,
  SyncService,
];

/** The domain: cases with their referrals, follow-ups and history, the groups' work plans and the evaluation reports, on the trust core of AuthModule. */
@Module({
  imports: [AuthModule],
  providers: [
    ...SERVICES,
    CaseSpecs,
    CaseVault,
    CaseWriter,
    CasePlacement,
    SurvivorDuplicates,
    ReportScope,
    ReportStorage,
  ],
  // CaseVault and SurvivorDuplicates: the CLI's synthetic cases seal identities as the writer does.
  exports: [...SERVICES, CaseVault, SurvivorDuplicates],
})
export class CasesModule {}
