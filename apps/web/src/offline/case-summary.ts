import type { components } from '../api/schema';

type SyncedCase = components['schemas']['SyncedCaseView'];

/**
 * What the offline worklist draws of a synced case and orders it by, sealed beside the case as
 * `case-summary/<id>` (SPEC §11 "my cases"): coded fields only, so drawing the list opens no
 * identifying or sensitive value and logs no device read.
 */
export type CaseSummary = Pick<SyncedCase, 'id' | 'caseNumber' | 'status' | 'riskLevel' | 'nextFollowUpDue'>;

/** Only these fields, whatever else the case holds. */
export const summaryOf = ({ id, caseNumber, status, riskLevel, nextFollowUpDue }: SyncedCase): CaseSummary => ({
  id,
  caseNumber,
  status,
  riskLevel,
  nextFollowUpDue,
});

/** A case number `KPG-2026-0007` as the server orders it: year, then sequence, as numbers. */
function numberParts(caseNumber: string | null | undefined): [number, number] {
  const match = /(\d+)-(\d+)$/.exec(caseNumber ?? '');
  return match ? [Number(match[1]), Number(match[2])] : [Infinity, Infinity];
}

/** Code-unit order, as PostgreSQL compares ISO dates and UUIDs; no locale's collation. */
const compared = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The server's worklist order (`worklistOrder` in libs/cases, SPEC §8): cases not closed first,
 * then the next follow-up due, soonest first and none last, then the case number as numbers, then
 * the id. The due dates are the server's as of the last sync: the phone does not recompute them.
 */
export function inWorklistOrder(a: CaseSummary, b: CaseSummary): number {
  const [yearA, sequenceA] = numberParts(a.caseNumber);
  const [yearB, sequenceB] = numberParts(b.caseNumber);
  return (
    Number(a.status === 'closed') - Number(b.status === 'closed') ||
    compared(a.nextFollowUpDue ?? '\uffff', b.nextFollowUpDue ?? '\uffff') ||
    yearA - yearB ||
    sequenceA - sequenceB ||
    compared(a.id ?? '', b.id ?? '')
  );
}
