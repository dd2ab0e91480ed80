import { DomainError } from '@pendamping/core';
import { EntityManager } from 'typeorm';

/**
 * A case's intake and incident have happened: neither may be after today where the case is (its
 * region's time zone, SPEC §2). The lower bound (1900) is the request's own validation.
 */
export async function assertCaseDatesPast(
  manager: EntityManager,
  regionId: string,
  dates: { intakeDate?: string | null; incidentDate?: string | null },
): Promise<void> {
  const given = (['intakeDate', 'incidentDate'] as const)
    .map((field): [string, unknown] => [field, dates[field]])
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (given.length === 0) return;
  const [{ today }] = (await manager.query(
    `SELECT to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today FROM regions WHERE id = $1`,
    [regionId],
  )) as {
    today: string;
  }[];
  const future = given.filter(([, date]) => date > today).map(([field]) => field);
  if (future.length > 0) {
    throw new DomainError('validation-failed', `${future.join(', ')} cannot be after today in the case's region.`, {
      errors: future.map((field) => ({ field, message: "must not be after today in the case's region" })),
    });
  }
}
