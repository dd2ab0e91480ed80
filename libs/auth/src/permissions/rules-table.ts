import type { Role } from '../users/roles';
import { FieldClass, fieldsOf, SubjectName } from './subjects';

/**
 * THE permission table: the only place a permission is decided. Each row grants (or, inverted,
 * withholds) actions on a subject to a role, within a scope, optionally for some fields only.
 * Rows are turned into CASL rules per request (ability.factory.ts) and enforced in one way for
 * rows (SQL), reads (field filtering) and writes (field refusal). A generated test walks every
 * cell: role × subject × action × field.
 */
export const ACTIONS = [
  'read',
  'create',
  'update',
  'verify',
  // Deciding an administration request, and its requester collecting her half of a temporary password.
  'refuse',
  'collect',
  // A case's workflow: one action per transition, so who may move a case where is a row here.
  'activate',
  'request_closure',
  'close',
  'reopen',
  'assign',
  'check_duplicate',
  // A work plan's workflow, and taking an item out of a draft.
  'submit',
  'approve',
  'return',
  'delete',
  // Counting cases into an evaluation report: a companion's reports count their groups' cases, not only their own.
  'report',
  // Holding a case on a phone for offline work (SPEC §12): the cases a sync sends and keeps there.
  'sync',
  // A phone (SPEC §12): revoking it, and recovering its wrapping key after a forgotten PIN.
  'revoke',
  'recover',
  // A phone (SPEC §12): reporting the reads made on it, the history of what it showed (POST /sync/reads).
  'record_reads',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * organization: any record of the actor's organisation; coordinated_regions: records in the
 * coordinator's regions; member_groups / member_villages / member_regions: records of the
 * companion's groups, their villages or their regions; self: the actor's own record (for an
 * administration request: one she made); about_self: records about the actor (a request whose
 * subject she is);
 * assigned_cases / co_assigned_cases: cases (and their work) the actor is the companion or
 * co-companion of; held_cases: cases the actor held, whether or not she still does: she took them
 * in, or their history names her as companion or co-companion (decided in SQL only, row-scope.ts:
 * the history is not on the record); excluded: restricted cases that name the actor as excluded;
 * others_requests: report requests someone else made.
 */
export type Scope =
  | 'organization'
  | 'coordinated_regions'
  | 'member_groups'
  | 'member_villages'
  | 'member_regions'
  | 'self'
  | 'about_self'
  | 'assigned_cases'
  | 'co_assigned_cases'
  | 'held_cases'
  | 'excluded'
  | 'others_requests';

export interface PermissionRow {
  role: Role;
  subject: SubjectName;
  actions: readonly Action[];
  scope: Scope;
  /** Field names, or field classes of the subject; absent means every field. */
  fields?: readonly string[];
  fieldClasses?: readonly FieldClass[];
  inverted?: boolean;
  /** For a withholding row: the problem kind a refusal by this row answers with, where it says more than "forbidden". */
  reason?: 'requester-is-subject' | 'approver-is-requester' | 'approver-is-subject';
}

const USER_DIRECTORY_FIELDS = ['id', 'name', 'role', 'active'] as const;
const USER_ADMIN_WRITABLE = ['email', 'name', 'role', 'active', 'groupIds', 'regionIds'] as const;

/** What the case's owner decides (assignment, restriction) and what the system derives are not case content. */
const CASE_MANAGEMENT_FIELDS = ['assignedCompanionId', 'coCompanionId', 'restricted', 'excludedUserIds'] as const;
const CASE_DERIVED_FIELDS = [
  'id',
  'caseNumber',
  'version',
  'status',
  'statusReason',
  'closureReason',
  'gbvimsTypes',
  'nextFollowUpDue',
  'survivor.ageGroup',
  'survivor.gbvimsAgeGroup',
  'survivor.isChild',
  'createdBy',
  'createdAt',
  'updatedAt',
] as const;
/** What a companion writes on the cases they follow: the content, not its management. */
const CASE_CONTENT_FIELDS = fieldsOf('Case').filter(
  (field) =>
    !(CASE_MANAGEMENT_FIELDS as readonly string[]).includes(field) &&
    !(CASE_DERIVED_FIELDS as readonly string[]).includes(field),
);
const PLAN_ITEM_WRITABLE = [
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
] as const;
const ACTIVITY_REPORT_WRITABLE = fieldsOf('ActivityReport').filter(
  (field) => !['id', 'planItemId', 'workPlanId', 'createdBy', 'createdAt'].includes(field),
);
const REPORT_REQUEST_FIELDS = ['kind', 'year', 'scope.level', 'scope.id', 'format', 'locale', 'audience'] as const;
const CASE_WORKFLOW: readonly Action[] = ['activate', 'request_closure', 'close', 'reopen'];
const CASE_SUBJECTS = ['Case', 'Referral', 'FollowUp'] as const;

/**
 * A restricted case does not exist for the users it names, whatever else their role grants; but
 * what her phone showed before the restriction is history, and is still recorded (`record_reads`).
 */
const excludedFromRestrictedCases = (role: Role): PermissionRow[] =>
  CASE_SUBJECTS.map((subject) => ({
    role,
    subject,
    actions: ACTIONS.filter((action) => action !== 'record_reads'),
    scope: 'excluded',
    inverted: true,
  }));

/**
 * A report belongs to its requester (SPEC §7): to anyone else it does not exist, in lists, status
 * and downloads. A colleague's report counts the cases she may count, which may include one this
 * reader is excluded from; two reports diffed would show that case's coded profile.
 */
const onlyOwnReports = (role: Role): PermissionRow => ({
  role,
  subject: 'Report',
  actions: ['read'],
  scope: 'others_requests',
  inverted: true,
});

/**
 * Reporting what her phone showed is history, not reading data (SPEC §12 "Sync"): every role
 * keeps it, so that a phone whose role no longer works offline sends its reads before its wipe.
 * Only a companion sets a phone up, so for any other role these are phones she had as one.
 */
const recordingReadsOfOwnPhones = (role: Role): PermissionRow => ({
  role,
  subject: 'Device',
  actions: ['record_reads'],
  scope: 'self',
});

/**
 * The cases whose reads her phone's log may record (docs/offline.md, "`POST /api/v1/sync/reads`"):
 * every role, the cases she held (took in, or was companion or co-companion of), so a case
 * reassigned since, or a role that no longer works offline, keeps the record of her reads; never
 * the cases her role lets her read, which no phone held.
 */
const recordingReadsOfHeldCases = (role: Role): PermissionRow => ({
  role,
  subject: 'Case',
  actions: ['record_reads'],
  scope: 'held_cases',
});

/** A companion's share of a case subject: the cases they are companion or co-companion of. */
const onAssignedCases = (row: Omit<PermissionRow, 'role' | 'scope'>): PermissionRow[] => [
  { role: 'companion', scope: 'assigned_cases', ...row },
  { role: 'companion', scope: 'co_assigned_cases', ...row },
];

export const PERMISSION_TABLE: readonly PermissionRow[] = [
  // org_admin: the organisation's structure, its users and its audit log. No case content.
  { role: 'org_admin', subject: 'Organization', actions: ['read'], scope: 'organization' },
  { role: 'org_admin', subject: 'Region', actions: ['read', 'create', 'update'], scope: 'organization' },
  { role: 'org_admin', subject: 'Village', actions: ['read', 'create'], scope: 'organization' },
  { role: 'org_admin', subject: 'Village', actions: ['update'], scope: 'organization', fields: ['name'] },
  { role: 'org_admin', subject: 'Group', actions: ['read', 'create'], scope: 'organization' },
  { role: 'org_admin', subject: 'Group', actions: ['update'], scope: 'organization', fields: ['name'] },
  { role: 'org_admin', subject: 'GroupMember', actions: ['read', 'create'], scope: 'organization' },
  { role: 'org_admin', subject: 'ServiceProvider', actions: ['read', 'create', 'update'], scope: 'organization' },
  { role: 'org_admin', subject: 'User', actions: ['read'], scope: 'organization' },
  {
    role: 'org_admin',
    subject: 'User',
    actions: ['create', 'update'],
    scope: 'organization',
    fields: USER_ADMIN_WRITABLE,
  },
  // An administrator cannot change their own role or switch themselves off: the organisation keeps its admin.
  {
    role: 'org_admin',
    subject: 'User',
    actions: ['update'],
    scope: 'self',
    fields: ['role', 'active'],
    inverted: true,
  },
  // Creating users, changing role, scope or activity and resetting credentials are requests that a
  // second org_admin decides; requester, approver and subject are three people (SPEC §8).
  {
    role: 'org_admin',
    subject: 'AdminRequest',
    actions: ['read', 'create', 'approve', 'refuse'],
    scope: 'organization',
  },
  { role: 'org_admin', subject: 'AdminRequest', actions: ['collect'], scope: 'self' },
  {
    role: 'org_admin',
    subject: 'AdminRequest',
    actions: ['approve', 'refuse'],
    scope: 'self',
    inverted: true,
    reason: 'approver-is-requester',
  },
  {
    role: 'org_admin',
    subject: 'AdminRequest',
    actions: ['create'],
    scope: 'about_self',
    inverted: true,
    reason: 'requester-is-subject',
  },
  {
    role: 'org_admin',
    subject: 'AdminRequest',
    actions: ['approve', 'refuse'],
    scope: 'about_self',
    inverted: true,
    reason: 'approver-is-subject',
  },
  { role: 'org_admin', subject: 'AuditEvent', actions: ['read', 'verify'], scope: 'organization' },
  { role: 'org_admin', subject: 'ReportQueue', actions: ['read'], scope: 'organization' },
  // The organisation's phones, with their last sync, and revoking one (a lost phone, a departure).
  { role: 'org_admin', subject: 'Device', actions: ['read', 'revoke'], scope: 'organization' },
  recordingReadsOfOwnPhones('org_admin'),
  recordingReadsOfHeldCases('org_admin'),

  // coordinator: case manager of their regions.
  { role: 'coordinator', subject: 'Organization', actions: ['read'], scope: 'organization' },
  recordingReadsOfOwnPhones('coordinator'),
  recordingReadsOfHeldCases('coordinator'),
  { role: 'coordinator', subject: 'Region', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'Village', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'Group', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'GroupMember', actions: ['read', 'create'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'ServiceProvider', actions: ['read'], scope: 'organization' },
  {
    role: 'coordinator',
    subject: 'User',
    actions: ['read'],
    scope: 'organization',
    fields: [...USER_DIRECTORY_FIELDS, 'groupIds', 'regionIds'],
  },
  { role: 'coordinator', subject: 'Case', actions: ['read', 'assign', ...CASE_WORKFLOW], scope: 'coordinated_regions' },
  {
    role: 'coordinator',
    subject: 'Case',
    actions: ['create'],
    scope: 'coordinated_regions',
    fields: [...CASE_CONTENT_FIELDS, ...CASE_MANAGEMENT_FIELDS],
  },
  {
    role: 'coordinator',
    subject: 'Case',
    actions: ['update'],
    scope: 'coordinated_regions',
    fields: [...CASE_CONTENT_FIELDS, ...CASE_MANAGEMENT_FIELDS],
  },
  { role: 'coordinator', subject: 'Case', actions: ['check_duplicate'], scope: 'organization' },
  { role: 'coordinator', subject: 'Referral', actions: ['read', 'create', 'update'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'FollowUp', actions: ['read', 'create'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'WorkPlan', actions: ['read', 'approve', 'return'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'PlanItem', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'ActivityReport', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'Case', actions: ['report'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'Report', actions: ['read'], scope: 'coordinated_regions' },
  {
    role: 'coordinator',
    subject: 'Report',
    actions: ['create'],
    scope: 'coordinated_regions',
    fields: REPORT_REQUEST_FIELDS,
  },

  // reviewer: programme and M&E staff, organisation-wide, de-identified.
  { role: 'reviewer', subject: 'Organization', actions: ['read'], scope: 'organization' },
  recordingReadsOfOwnPhones('reviewer'),
  recordingReadsOfHeldCases('reviewer'),
  { role: 'reviewer', subject: 'Region', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Village', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Group', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'ServiceProvider', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'User', actions: ['read'], scope: 'organization', fields: USER_DIRECTORY_FIELDS },
  { role: 'reviewer', subject: 'Case', actions: ['read'], scope: 'organization', fieldClasses: ['coded'] },
  // Who is kept away from a restricted case says who may be involved in it.
  {
    role: 'reviewer',
    subject: 'Case',
    actions: ['read'],
    scope: 'organization',
    fields: ['excludedUserIds'],
    inverted: true,
  },
  { role: 'reviewer', subject: 'Referral', actions: ['read'], scope: 'organization', fieldClasses: ['coded'] },
  { role: 'reviewer', subject: 'FollowUp', actions: ['read'], scope: 'organization', fieldClasses: ['coded'] },
  { role: 'reviewer', subject: 'WorkPlan', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'PlanItem', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'ActivityReport', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Case', actions: ['report'], scope: 'organization' },
  { role: 'reviewer', subject: 'Report', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Report', actions: ['create'], scope: 'organization', fields: REPORT_REQUEST_FIELDS },

  // companion: their groups, and what they need to refer survivors.
  { role: 'companion', subject: 'Organization', actions: ['read'], scope: 'organization' },
  { role: 'companion', subject: 'Region', actions: ['read'], scope: 'member_regions' },
  { role: 'companion', subject: 'Village', actions: ['read'], scope: 'member_villages' },
  { role: 'companion', subject: 'Group', actions: ['read'], scope: 'member_groups' },
  { role: 'companion', subject: 'ServiceProvider', actions: ['read'], scope: 'organization' },
  { role: 'companion', subject: 'User', actions: ['read'], scope: 'self', fields: USER_DIRECTORY_FIELDS },
  // The companion who takes a case in is its companion from the start (the service sets it).
  { role: 'companion', subject: 'Case', actions: ['create'], scope: 'assigned_cases', fields: CASE_CONTENT_FIELDS },
  ...onAssignedCases({ subject: 'Case', actions: ['read', 'activate', 'request_closure'] }),
  // Only a companion works offline: her phone holds the cases she follows (the sync adds "not closed"),
  // and the reads her phone reports of them are recorded, whatever the history says (held_cases, below).
  ...onAssignedCases({ subject: 'Case', actions: ['sync', 'record_reads'] }),
  ...onAssignedCases({ subject: 'Case', actions: ['update'], fields: CASE_CONTENT_FIELDS }),
  { role: 'companion', subject: 'Case', actions: ['check_duplicate'], scope: 'organization' },
  ...onAssignedCases({ subject: 'Referral', actions: ['read', 'create', 'update'] }),
  ...onAssignedCases({ subject: 'FollowUp', actions: ['read', 'create'] }),
  // A group plans and reports its own work; when a plan may still change is the workflow's business.
  { role: 'companion', subject: 'WorkPlan', actions: ['read', 'submit'], scope: 'member_groups' },
  {
    role: 'companion',
    subject: 'WorkPlan',
    actions: ['create'],
    scope: 'member_groups',
    fields: ['groupId', 'year', 'goals', 'copiedFromId'],
  },
  { role: 'companion', subject: 'WorkPlan', actions: ['update'], scope: 'member_groups', fields: ['goals'] },
  { role: 'companion', subject: 'PlanItem', actions: ['read', 'delete'], scope: 'member_groups' },
  {
    role: 'companion',
    subject: 'PlanItem',
    actions: ['create', 'update'],
    scope: 'member_groups',
    fields: PLAN_ITEM_WRITABLE,
  },
  { role: 'companion', subject: 'ActivityReport', actions: ['read'], scope: 'member_groups' },
  {
    role: 'companion',
    subject: 'ActivityReport',
    actions: ['create'],
    scope: 'member_groups',
    fields: ACTIVITY_REPORT_WRITABLE,
  },
  { role: 'companion', subject: 'Case', actions: ['report'], scope: 'member_groups' },
  { role: 'companion', subject: 'Report', actions: ['read'], scope: 'member_groups' },
  { role: 'companion', subject: 'Report', actions: ['create'], scope: 'member_groups', fields: REPORT_REQUEST_FIELDS },
  // Offline capture is a companion's (SPEC §12): she sets up, recovers and revokes her own phones.
  { role: 'companion', subject: 'Device', actions: ['read', 'create', 'recover', 'revoke'], scope: 'self' },
  recordingReadsOfOwnPhones('companion'),
  recordingReadsOfHeldCases('companion'),

  // Last, because in CASL a later rule wins over an earlier one: whatever a role is granted above,
  // a restricted case does not exist for the users it excludes.
  ...excludedFromRestrictedCases('coordinator'),
  ...excludedFromRestrictedCases('reviewer'),
  ...excludedFromRestrictedCases('companion'),
  onlyOwnReports('coordinator'),
  onlyOwnReports('reviewer'),
  onlyOwnReports('companion'),
];
