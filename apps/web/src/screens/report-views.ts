import type { components } from '../api/schema';

/**
 * The response bodies of statistics and reports as the API answers them today (SPEC §7, §9); the
 * OpenAPI document does not describe them yet.
 */
type Allowed = components['schemas']['RecordAllowance'];

/** `GET /stats/summary`: counts by code of the cases the reader may see; a code with no case is absent. */
export interface StatsSummary {
  total: number;
  byStatus: Record<string, number>;
  byRiskLevel: Record<string, number>;
  byViolenceType: Record<string, number>;
  bySex: Record<string, number>;
  byIntakeYear: Record<string, number>;
  children: number;
  overdueFollowUps: number;
}

export type ReportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'expired';
export type ReportAudience = 'internal' | 'external';

export interface ReportView {
  id: string;
  kind: string;
  year: number;
  scope: { level: 'organization' | 'region' | 'village' | 'group'; id: string | null };
  format: 'pdf' | 'xlsx' | 'csv';
  locale: 'id' | 'en';
  audience: ReportAudience;
  status: ReportStatus;
  progress: number;
  stage: string | null;
  fileName: string | null;
  byteSize: number | null;
  expiresAt: string | null;
  createdAt: string;
  allowed: Allowed;
}

/** `GET /reports/queue`: the organisation's requests by status, and whether the queue's Redis answers. */
export interface ReportQueueView {
  redis: 'up' | 'down';
  organization: Record<ReportStatus, number>;
}

/** `GET /work-plans` items, as far as the dashboard reads them. */
export interface WorkPlanSummary {
  id: string;
  groupId: string;
  year: number;
  status: string;
}

export interface Participants {
  women: number;
  men: number;
  girls: number;
  boys: number;
  disability: number;
  total: number;
}

/** `GET /work-plans/:id/progress`: the plan's figures, computed by the server from its activity reports (SPEC §6). */
export interface PlanProgress {
  workPlanId: string;
  status: string;
  plan: {
    itemsPlanned: number;
    itemsDone: number;
    itemsCancelled: number;
    itemsOverdue: number;
    percentDone: number;
    activities: number;
    participants: Participants;
  };
}
