import { EntityManager } from 'typeorm';

/** A case number and the year and sequence it is made of, which lists sort by as numbers. */
export interface CaseNumber {
  caseNumber: string;
  caseNumberYear: number;
  caseNumberSequence: number;
}

/**
 * The next case number of a region and year, `<REGION>-<YEAR>-<SEQ>` (KPG-2026-0042). The
 * counter row is locked by the upsert until the creating transaction ends, so concurrent
 * creations take turns, and a creation that rolls back hands its number back: no gaps, no reuse.
 * The sequence is padded to four digits and grows past 9999 when it must.
 */
export async function nextCaseNumber(
  manager: EntityManager,
  place: { organizationId: string; regionId: string; regionCode: string },
  year: number,
): Promise<CaseNumber> {
  const [{ last_sequence: sequence }] = (await manager.query(
    `INSERT INTO case_number_counters (organization_id, region_id, year, last_sequence) VALUES ($1, $2, $3, 1)
     ON CONFLICT (organization_id, region_id, year) DO UPDATE SET last_sequence = case_number_counters.last_sequence + 1
     RETURNING last_sequence`,
    [place.organizationId, place.regionId, year],
  )) as { last_sequence: number }[];
  return {
    caseNumber: `${place.regionCode}-${year}-${String(sequence).padStart(4, '0')}`,
    caseNumberYear: year,
    caseNumberSequence: sequence,
  };
}
