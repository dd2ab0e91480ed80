/**
 * Every subject the rules table speaks of, with each field's sensitivity class (SPEC §4) and the
 * columns its scope conditions use. Later modules add their subjects here; the rules table and
 * the enforcement helpers then cover them without new code.
 */
export type FieldClass = 'identifying' | 'sensitive' | 'coded';

export interface SubjectDefinition {
  fields: Readonly<Record<string, FieldClass>>;
  /** Property naming the record's organisation: every rule is bounded by it. */
  organizationField: string;
  /** Properties that scopes bind to, where the subject has them. */
  regionField?: string;
  groupField?: string;
  villageField?: string;
  selfField?: string;
}

const coded = (...names: string[]) => Object.fromEntries(names.map((name) => [name, 'coded' as const]));

export const SUBJECTS = {
  Organization: { fields: coded('id', 'name', 'createdAt', 'updatedAt'), organizationField: 'id' },
  Region: {
    fields: coded('id', 'name', 'code', 'timeZone', 'version', 'createdAt', 'updatedAt'),
    organizationField: 'organizationId',
    regionField: 'id',
  },
  Village: {
    fields: coded('id', 'name', 'regionId', 'version', 'createdAt', 'updatedAt'),
    organizationField: 'organizationId',
    regionField: 'regionId',
    villageField: 'id',
  },
  Group: {
    fields: coded('id', 'name', 'villageId', 'regionId', 'version', 'createdAt', 'updatedAt'),
    organizationField: 'organizationId',
    regionField: 'regionId',
    groupField: 'id',
  },
  GroupMember: { fields: coded('groupId', 'userId'), organizationField: 'organizationId', groupField: 'groupId', regionField: 'regionId' },
  ServiceProvider: {
    fields: coded('id', 'name', 'serviceType', 'regionId', 'phone', 'address', 'active', 'version', 'createdAt', 'updatedAt'),
    organizationField: 'organizationId',
  },
  User: {
    fields: coded('id', 'email', 'name', 'role', 'active', 'groupIds', 'regionIds', 'password', 'mfaEnrolled', 'version', 'createdAt', 'updatedAt'),
    organizationField: 'organizationId',
    selfField: 'id',
  },
  AuditEvent: {
    fields: coded('id', 'lane', 'seq', 'occurredAt', 'actorId', 'actorRole', 'action', 'subject', 'subjectId', 'fields', 'outcome', 'requestId'),
    organizationField: 'organizationId',
  },
} as const satisfies Record<string, SubjectDefinition>;

export type SubjectName = keyof typeof SUBJECTS;
export const SUBJECT_NAMES = Object.keys(SUBJECTS) as SubjectName[];

export function fieldsOf(subject: SubjectName, classes?: readonly FieldClass[]): string[] {
  const fields = SUBJECTS[subject].fields as Record<string, FieldClass>;
  return Object.keys(fields).filter((field) => !classes || classes.includes(fields[field]));
}
