import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';

type CreateCase = components['schemas']['CreateCaseDto'];

export type PhoneIntakeOutcome =
  { outcome: 'delivered'; caseNumber: string } | { outcome: 'kept' } | { outcome: 'refused'; fields: string[] };

/**
 * The intake's save on a phone (SPEC §12): the case is sealed into the outbox under its own id,
 * then sent at once if it can be. `correcting` replaces a request the server refused (same id, a
 * new Idempotency-Key). A refusal comes back field by field for the form to show; anything else
 * that keeps the case on the phone is the outbox's to show and retry.
 */
export async function keepIntakeOnPhone(body: CreateCase, correcting: boolean): Promise<PhoneIntakeOutcome> {
  const { keepAndSend, keptRecord } = await import('../offline/outbox-capture');
  const id = body.id!;
  if ((await keepAndSend(id, { kind: 'case', body }, correcting)) === 'delivered') {
    const shown = await answered(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })).catch(() => undefined);
    return { outcome: 'delivered', caseNumber: shown?.caseNumber ?? '' };
  }
  const kept = await keptRecord(id);
  if (kept?.state === 'needs-correction')
    return { outcome: 'refused', fields: kept.problem?.errors.map((error) => error.field) ?? [] };
  return { outcome: 'kept' };
}
