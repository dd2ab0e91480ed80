/**
 * The fields whose reading the audit records (SPEC §8: a record's identifying or sensitive fields),
 * named as `POST /sync/reads` takes them: a case's own, and its follow-ups' and referrals' under the
 * names they are embedded with in a sync. The server's subjects table is the source; the unit test
 * pins this copy to it, so a field added there fails the test until it is added here.
 */
export const CASE_READ_FIELDS: readonly string[] = [
  'survivor.name',
  'survivor.alias',
  'survivor.phone',
  'survivor.address',
  'survivor.birthDate',
  'survivor.nik',
  'guardian.name',
  'guardian.phone',
  'perpetrators.name',
  'perpetrators.phone',
  'narrative',
  'safetyPlan',
  'medicalNotes',
  'safeContact.safeTimes',
  'safeContact.intermediary',
  'statusReason',
];
export const FOLLOW_UP_READ_FIELDS: readonly string[] = ['notes', 'nextAction'];
export const REFERRAL_READ_FIELDS: readonly string[] = ['note', 'outcomeNote'];

/** A value is there (not absent, not null); in a list, in any of its items. */
function holds(value: unknown, path: readonly string[]): boolean {
  if (path.length === 0) return value !== undefined && value !== null;
  if (Array.isArray(value)) return value.some((item) => holds(item, path));
  if (typeof value !== 'object' || value === null) return false;
  const [head, ...rest] = path;
  return head !== undefined && head in value && holds((value as Record<string, unknown>)[head], rest);
}

const heldOf = (record: unknown, fields: readonly string[], prefix = '') =>
  fields.filter((field) => holds(record, field.split('.'))).map((field) => prefix + field);

/**
 * The audited fields a case opened from the phone's store holds, by the rule the server applies to
 * every read it answers (`revealedFields`): a field counts when it holds a value, whether or not
 * the screen draws it, since the page has it decrypted in hand.
 */
export function fieldsOpened(synced: { followUps?: unknown; referrals?: unknown }): string[] {
  return [
    ...heldOf(synced, CASE_READ_FIELDS),
    ...heldOf(synced.followUps, FOLLOW_UP_READ_FIELDS, 'followUps.'),
    ...heldOf(synced.referrals, REFERRAL_READ_FIELDS, 'referrals.'),
  ];
}
