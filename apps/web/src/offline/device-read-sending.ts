import { CASE_READ_FIELDS, FOLLOW_UP_READ_FIELDS, REFERRAL_READ_FIELDS } from './device-read-fields';

/**
 * How the phone's logged reads are sent (docs/offline.md, "Device reads"), without the store or
 * the network, so that it can be tested alone: the id each read is sent with, the fields it may
 * name, and the search for the reads the server refuses.
 */

/** One read per name, `device-read/<random id>`: the name says nothing of the case or of her. */
export const DEVICE_READ_PREFIX = 'device-read/';
/** A read the server refused, set aside under the same random id: kept sealed, never sent again. */
export const REFUSED_READ_PREFIX = 'device-read-refused/';

/** A read as it is logged, sealed under its name: `at` is the phone's own clock. */
export interface LoggedRead {
  caseId: string;
  fields: string[];
  at: string;
}

/** As `POST /sync/reads` takes a read: its id is the random id of its name, the same each time it is sent. */
export interface SentRead extends LoggedRead {
  id: string;
}

const KNOWN_FIELDS = new Set([
  ...CASE_READ_FIELDS,
  ...FOLLOW_UP_READ_FIELDS.map((field) => `followUps.${field}`),
  ...REFERRAL_READ_FIELDS.map((field) => `referrals.${field}`),
]);

/**
 * The read logged under `name` as it is sent, its fields trimmed to those this version of the app
 * names (which are the server's: they ship together). A read logged by an earlier version naming
 * a field since renamed or dropped is recorded with the fields it still names, rather than refused
 * whole; one naming none of them cannot be sent (undefined).
 */
export function asSent(name: string, logged: LoggedRead): SentRead | undefined {
  const fields = logged.fields.filter((field) => KNOWN_FIELDS.has(field));
  if (fields.length === 0) return undefined;
  return { id: name.slice(DEVICE_READ_PREFIX.length), caseId: logged.caseId, fields, at: logged.at };
}

/** How the server answered one request: 2xx, or 400 `validation-failed` (a read it will not take). */
export type ReadsAnswer = 'recorded' | 'refused';

/**
 * Sends `reads` in one request; if the server refuses it, each half in turn, down to single reads,
 * so that every read it takes is recorded and each one it refuses is found in about 2·log2(n)
 * requests. `settle` is told the outcome of each part once, recorded or refused (a single read).
 * Any other failure (no signal, a 401, a 5xx) is thrown by `post` and stops the search: what is
 * left unsettled waits for the next sync.
 */
export async function sendSplittingRefused<Read>(
  reads: readonly Read[],
  post: (part: readonly Read[]) => Promise<ReadsAnswer>,
  settle: (part: readonly Read[], answer: ReadsAnswer) => Promise<void>,
): Promise<void> {
  if (reads.length === 0) return;
  const answer = await post(reads);
  if (answer === 'recorded' || reads.length === 1) return settle(reads, answer);
  const half = Math.ceil(reads.length / 2);
  await sendSplittingRefused(reads.slice(0, half), post, settle);
  await sendSplittingRefused(reads.slice(half), post, settle);
}
