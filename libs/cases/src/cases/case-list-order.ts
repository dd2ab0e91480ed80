import { KeysetOrder } from '@pendamping/core';

/**
 * SPEC §8: a companion's worklist (`assignedTo=me`). Cases still being worked on (every status
 * but closed) come first; then the next follow-up due, soonest first and cases without one last;
 * then the case number as numbers (year, sequence); the id settles cases of two regions that share
 * a year and sequence. Co-assigned cases take their place in the same order: the SPEC gives them
 * no rank of their own. IDX_cases_worklist_assigned and IDX_cases_worklist_co_assigned hold these
 * expressions, so each partition's page is an index scan in this order that stops after the page.
 */
export function worklistOrder(companionId: string): KeysetOrder {
  return {
    keys: [
      { expression: (alias) => `("${alias}"."status" = 'closed')`, type: 'boolean' },
      { expression: (alias) => `coalesce("${alias}"."next_follow_up_due", 'infinity'::date)`, type: 'date' },
      { expression: (alias) => `"${alias}"."case_number_year"`, type: 'integer' },
      { expression: (alias) => `"${alias}"."case_number_sequence"`, type: 'integer' },
      { expression: (alias) => `"${alias}"."id"`, type: 'uuid' },
    ],
    partitions: [
      {
        where: (alias) => `"${alias}"."assigned_companion_id" = :worklistCompanion`,
        parameters: { worklistCompanion: companionId },
      },
      {
        where: (alias) =>
          `"${alias}"."co_companion_id" = :worklistCompanion AND "${alias}"."assigned_companion_id" IS DISTINCT FROM :worklistCompanion`,
        parameters: { worklistCompanion: companionId },
      },
    ],
  };
}

/**
 * A list filtered by intake date is paged in intake order, then as every list: the range is then
 * a range of IDX_cases_region_intake / IDX_cases_org_intake read in page order, where the
 * creation order would walk every case taken in before the range to reach it.
 */
export const INTAKE_ORDER: KeysetOrder = {
  keys: [
    { expression: (alias) => `"${alias}"."intake_date"`, type: 'date' },
    { expression: (alias) => `"${alias}"."created_at"`, type: 'timestamptz' },
    { expression: (alias) => `"${alias}"."id"`, type: 'uuid' },
  ],
};
