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
  /** The user a record is about (an administration request's subject). */
  aboutField?: string;
  /** A case's companion and co-companion, and the users a restricted case is hidden from. */
  assigneeField?: string;
  coAssigneeField?: string;
  excludedField?: string;
  /**
   * The users who held a case: who took it in, and every companion and co-companion its history
   * names. Not a column: row-scope.ts says it in SQL (DERIVED_PROPERTIES); records in memory lack it.
   */
  heldField?: string;
  /** Who asked for the record (a report request). */
  requesterField?: string;
}

const coded = (...names: string[]) => Object.fromEntries(names.map((name) => [name, 'coded' as const]));
const identifying = (...names: string[]) => Object.fromEntries(names.map((name) => [name, 'identifying' as const]));
const sensitive = (...names: string[]) => Object.fromEntries(names.map((name) => [name, 'sensitive' as const]));

/**
 * A group's work plan and what hangs under it are scoped by the plan's group and region. Their
 * free text (goals, summaries, obstacles, lessons) is the group's account of its work, read by
 * reviewers at the evaluation meeting: coded, and written without naming survivors.
 */
const PLAN_SCOPE = { organizationField: 'organizationId', regionField: 'regionId', groupField: 'groupId' } as const;

/**
 * Records of a case's work (referrals, follow-ups) are scoped by their case: the rules' conditions
 * name the case's columns, and row scopes are applied to the joined case.
 */
const CASE_SCOPE = {
  organizationField: 'organizationId',
  regionField: 'regionId',
  groupField: 'groupId',
  assigneeField: 'assignedCompanionId',
  coAssigneeField: 'coCompanionId',
  excludedField: 'excludedUserIds',
} as const;

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
  GroupMember: {
    fields: coded('groupId', 'userId'),
    organizationField: 'organizationId',
    groupField: 'groupId',
    regionField: 'regionId',
  },
  ServiceProvider: {
    fields: coded(
      'id',
      'name',
      'serviceType',
      'regionId',
      'phone',
      'address',
      'active',
      'version',
      'createdAt',
      'updatedAt',
    ),
    organizationField: 'organizationId',
  },
  User: {
    fields: coded(
      'id',
      'email',
      'name',
      'role',
      'active',
      'groupIds',
      'regionIds',
      'mfaEnrolled',
      'version',
      'createdAt',
      'updatedAt',
    ),
    organizationField: 'organizationId',
    selfField: 'id',
  },
  /**
   * A request for a change to a user that a second org_admin decides (SPEC §8): "self" is the
   * requester, "about_self" the user it is about.
   */
  AdminRequest: {
    fields: coded(
      'id',
      'kind',
      'state',
      'subjectId',
      'email',
      'name',
      'role',
      'groupIds',
      'regionIds',
      'active',
      'requestedBy',
      'decidedBy',
      'decidedByOperator',
      'decidedAt',
      'requesterHalfWaiting',
      'version',
      'createdAt',
      'updatedAt',
    ),
    organizationField: 'organizationId',
    selfField: 'requestedBy',
    aboutField: 'subjectId',
  },
  AuditEvent: {
    fields: coded(
      'id',
      'lane',
      'seq',
      'occurredAt',
      'actorId',
      'actorRole',
      'action',
      'subject',
      'subjectId',
      'fields',
      'outcome',
      'requestId',
      'clientRequestId',
      'subjectIds',
      'deviceReadAt',
    ),
    organizationField: 'organizationId',
  },
  Case: {
    fields: {
      ...coded(
        'id',
        'caseNumber',
        'version',
        'status',
        'regionId',
        'villageId',
        'groupId',
        'assignedCompanionId',
        'coCompanionId',
        'intakeDate',
        'incidentDate',
        'incidentDateApproximate',
        'placeType',
        'referralSource',
        'riskLevel',
        'violenceTypes',
        'tpksForms',
        'gbvimsTypes',
        'closureReason',
        'restricted',
        'excludedUserIds',
        'nextFollowUpDue',
        'survivor.sex',
        'survivor.ageAtIntake',
        'survivor.ageEstimated',
        'survivor.ageGroup',
        'survivor.gbvimsAgeGroup',
        'survivor.isChild',
        'survivor.disability',
        'survivor.maritalStatus',
        'perpetrators.relationship',
        'perpetrators.sex',
        'perpetrators.ageGroup',
        'consent.record',
        'consent.refer',
        'consent.shareDeidentified',
        'consent.givenBy',
        'consent.givenAt',
        'safeContact.callSafe',
        'safeContact.textSafe',
        'justicePathway',
        'createdBy',
        'createdAt',
        'updatedAt',
      ),
      ...identifying(
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
      ),
      ...sensitive(
        'narrative',
        'safetyPlan',
        'medicalNotes',
        'safeContact.safeTimes',
        'safeContact.intermediary',
        'statusReason',
      ),
    },
    ...CASE_SCOPE,
    heldField: 'heldBy',
  },
  Referral: {
    fields: {
      ...coded(
        'id',
        'caseId',
        'serviceType',
        'providerId',
        'referredAt',
        'status',
        'version',
        'createdBy',
        'createdAt',
        'updatedAt',
      ),
      ...sensitive('note', 'outcomeNote'),
    },
    ...CASE_SCOPE,
  },
  FollowUp: {
    fields: {
      ...coded('id', 'caseId', 'date', 'type', 'dueDate', 'createdBy', 'createdAt'),
      ...sensitive('notes', 'nextAction'),
    },
    ...CASE_SCOPE,
  },
  WorkPlan: {
    fields: coded(
      'id',
      'groupId',
      'villageId',
      'regionId',
      'year',
      'status',
      'goals',
      'reviewComments',
      'submittedAt',
      'submittedBy',
      'reviewedAt',
      'reviewedBy',
      'copiedFromId',
      'version',
      'createdAt',
      'updatedAt',
    ),
    ...PLAN_SCOPE,
  },
  PlanItem: {
    fields: coded(
      'id',
      'workPlanId',
      'title',
      'category',
      'targetCount',
      'targetUnit',
      'plannedMonths',
      'keyPersons',
      'budget',
      'status',
      'statusReason',
      'drppaIndicators',
      'addedAfterApproval',
      'version',
      'createdAt',
      'updatedAt',
    ),
    ...PLAN_SCOPE,
  },
  ActivityReport: {
    fields: coded(
      'id',
      'planItemId',
      'workPlanId',
      'date',
      'participants.women',
      'participants.men',
      'participants.girls',
      'participants.boys',
      'participants.disability',
      'summary',
      'results',
      'obstacles',
      'lessons',
      'createdBy',
      'createdAt',
    ),
    ...PLAN_SCOPE,
  },
  /** A report request and its file: who may ask for and download which scope (SPEC §7). */
  Report: {
    fields: coded(
      'id',
      'kind',
      'year',
      'scope.level',
      'scope.id',
      'format',
      'locale',
      'audience',
      'status',
      'progress',
      'stage',
      'error',
      'requestedBy',
      'fileName',
      'byteSize',
      'checksumSha256',
      'expiresAt',
      'createdAt',
      'startedAt',
      'finishedAt',
      'file',
    ),
    organizationField: 'organizationId',
    regionField: 'regionId',
    groupField: 'groupId',
    requesterField: 'requestedBy',
  },
  /** The organisation's report requests by status and whether the queue's Redis answers, for its administrator. */
  ReportQueue: {
    fields: coded(
      'redis',
      'organization.queued',
      'organization.running',
      'organization.succeeded',
      'organization.failed',
      'organization.expired',
    ),
    organizationField: 'organizationId',
  },
  /**
   * A phone set up for offline capture (SPEC §12), "self" for its owner. W is never a field: it is
   * answered only by the routes that hand it over. The sealing key is the pair's public half.
   */
  Device: {
    fields: coded('id', 'userId', 'label', 'sealingPublicKey', 'status', 'createdAt', 'lastSyncAt', 'revokedAt'),
    organizationField: 'organizationId',
    selfField: 'userId',
  },
} as const satisfies Record<string, SubjectDefinition>;

export type SubjectName = keyof typeof SUBJECTS;
export const SUBJECT_NAMES = Object.keys(SUBJECTS) as SubjectName[];

export function fieldsOf(subject: SubjectName, classes?: readonly FieldClass[]): string[] {
  const fields = SUBJECTS[subject].fields as Record<string, FieldClass>;
  return Object.keys(fields).filter((field) => !classes || classes.includes(fields[field]));
}
