import type { components } from '../api/schema';

/* The statistics and report responses these screens read (SPEC §7, §9), named as the OpenAPI document names them. */

/** `GET /stats/summary`: counts by code of the cases the reader may see; a code with no case is absent. */
export type StatsSummary = components['schemas']['CaseSummary'];
export type ReportView = components['schemas']['ReportView'];
export type ReportStatus = NonNullable<ReportView['status']>;
/** `GET /reports/queue`: the organisation's requests by status, and whether the queue's Redis answers. */
export type ReportQueueView = components['schemas']['ReportQueueView'];
/** `GET /work-plans/:id/progress`: the plan's figures, computed by the server from its activity reports (SPEC §6). */
export type PlanProgress = components['schemas']['PlanProgress'];
