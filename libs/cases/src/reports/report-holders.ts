import { EntityManager } from 'typeorm';

/** Advisory lock class of "restrictions against reports" (the second key is the organisation). */
const RESTRICTION_LOCK_CLASS = 7_307_001;

/**
 * Serialises restricting a case with finishing a report in the same organisation. A restriction
 * takes it exclusively before it names the holders; a report takes it shared before it checks its
 * counted cases and commits. Either the restriction sees the finished report, or the report sees
 * the restriction and counts again: no report slips between them unnamed.
 */
export async function lockRestrictions(
  manager: EntityManager,
  organizationId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${lock}($1, hashtext($2))`, [RESTRICTION_LOCK_CLASS, organizationId]);
}

/** Whether a case the report counted now excludes its requester (checked under the shared lock). */
export async function countsCaseExcludingRequester(
  manager: EntityManager,
  reportId: string,
  requesterId: string,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM report_counted_cases rc JOIN cases c ON c.id = rc.case_id
      WHERE rc.report_id = $1 AND $2::uuid = ANY(c.excluded_user_ids) LIMIT 1`,
    [reportId, requesterId],
  )) as unknown[];
  return rows.length > 0;
}

export interface ReportHolder {
  userId: string;
  name: string;
  reportIds: string[];
}

/**
 * The users among `excludedUserIds` who hold a finished report (its file kept or expired since:
 * she may have downloaded it) that counted the case. Reports are never withdrawn (SPEC §7): the
 * coordinator who restricts the case is told instead. Call under the exclusive lock.
 */
export async function excludedHoldersOf(
  manager: EntityManager,
  caseId: string,
  excludedUserIds: readonly string[],
): Promise<ReportHolder[]> {
  if (excludedUserIds.length === 0) return [];
  return (await manager.query(
    `SELECT u.id AS "userId", u.name, array_agg(r.id::text ORDER BY r.created_at, r.id) AS "reportIds"
       FROM report_counted_cases rc
       JOIN reports r ON r.id = rc.report_id
       JOIN users u ON u.id = r.requested_by
      WHERE rc.case_id = $1 AND r.requested_by = ANY($2::uuid[]) AND r.status IN ('succeeded', 'expired')
      GROUP BY u.id, u.name
      ORDER BY u.name, u.id`,
    [caseId, excludedUserIds],
  )) as ReportHolder[];
}

/** Records what the report counted, in the snapshot its figures were computed in (a re-run replaces it). */
export async function recordCountedCases(
  manager: EntityManager,
  reportId: string,
  counted: { sql: string; params: unknown[] },
): Promise<void> {
  await manager.query('DELETE FROM report_counted_cases WHERE report_id = $1', [reportId]);
  const reportParameter = `$${counted.params.length + 1}::uuid`;
  await manager.query(
    `INSERT INTO report_counted_cases (case_id, report_id) SELECT counted.id, ${reportParameter} FROM (${counted.sql}) counted`,
    [...counted.params, reportId],
  );
}
