/** "Today" where the case is: its region's time zone (SPEC §2). */
export const REGION_TODAY = `(now() AT TIME ZONE (SELECT r.time_zone FROM regions r WHERE r.id = "row"."region_id"))::date`;

export const OVERDUE = `("row"."next_follow_up_due" < ${REGION_TODAY} AND "row"."status" <> 'closed')`;

/**
 * The overdue cases as a range of the open-follow-up indexes on the due date: no region's today
 * is later than tomorrow in UTC, so this bound only narrows what OVERDUE then decides exactly.
 */
export const OVERDUE_INDEXED = `"row"."next_follow_up_due" IS NOT NULL AND "row"."status" <> 'closed'
  AND "row"."next_follow_up_due" < (now() AT TIME ZONE 'UTC')::date + 1 AND ${OVERDUE}`;
