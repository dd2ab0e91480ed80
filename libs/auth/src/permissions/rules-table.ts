import type { Role } from '../users/roles';
import { FieldClass, SubjectName } from './subjects';

/**
 * THE permission table: the only place a permission is decided. Each row grants (or, inverted,
 * withholds) actions on a subject to a role, within a scope, optionally for some fields only.
 * Rows are turned into CASL rules per request (ability.factory.ts) and enforced in one way for
 * rows (SQL), reads (field filtering) and writes (field refusal). A generated test walks every
 * cell: role × subject × action × field.
 */
export const ACTIONS = ['read', 'create', 'update', 'reset_mfa', 'verify'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * organization: any record of the actor's organisation; coordinated_regions: records in the
 * coordinator's regions; member_groups / member_villages / member_regions: records of the
 * companion's groups, their villages or their regions; self: the actor's own record.
 */
export type Scope = 'organization' | 'coordinated_regions' | 'member_groups' | 'member_villages' | 'member_regions' | 'self';

export interface PermissionRow {
  role: Role;
  subject: SubjectName;
  actions: readonly Action[];
  scope: Scope;
  /** Field names, or field classes of the subject; absent means every field. */
  fields?: readonly string[];
  fieldClasses?: readonly FieldClass[];
  inverted?: boolean;
}

const USER_DIRECTORY_FIELDS = ['id', 'name', 'role', 'active'] as const;
const USER_ADMIN_WRITABLE = ['email', 'name', 'role', 'active', 'groupIds', 'regionIds', 'password'] as const;

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
  { role: 'org_admin', subject: 'User', actions: ['create', 'update'], scope: 'organization', fields: USER_ADMIN_WRITABLE },
  // An administrator cannot change their own role or switch themselves off: the organisation keeps its admin.
  { role: 'org_admin', subject: 'User', actions: ['update'], scope: 'self', fields: ['role', 'active'], inverted: true },
  { role: 'org_admin', subject: 'User', actions: ['reset_mfa'], scope: 'organization' },
  { role: 'org_admin', subject: 'AuditEvent', actions: ['read', 'verify'], scope: 'organization' },

  // coordinator: case manager of their regions.
  { role: 'coordinator', subject: 'Organization', actions: ['read'], scope: 'organization' },
  { role: 'coordinator', subject: 'Region', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'Village', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'Group', actions: ['read'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'GroupMember', actions: ['read', 'create'], scope: 'coordinated_regions' },
  { role: 'coordinator', subject: 'ServiceProvider', actions: ['read'], scope: 'organization' },
  { role: 'coordinator', subject: 'User', actions: ['read'], scope: 'organization', fields: [...USER_DIRECTORY_FIELDS, 'groupIds', 'regionIds'] },

  // reviewer: programme and M&E staff, organisation-wide, de-identified.
  { role: 'reviewer', subject: 'Organization', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Region', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Village', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'Group', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'ServiceProvider', actions: ['read'], scope: 'organization' },
  { role: 'reviewer', subject: 'User', actions: ['read'], scope: 'organization', fields: USER_DIRECTORY_FIELDS },

  // companion: their groups, and what they need to refer survivors.
  { role: 'companion', subject: 'Organization', actions: ['read'], scope: 'organization' },
  { role: 'companion', subject: 'Region', actions: ['read'], scope: 'member_regions' },
  { role: 'companion', subject: 'Village', actions: ['read'], scope: 'member_villages' },
  { role: 'companion', subject: 'Group', actions: ['read'], scope: 'member_groups' },
  { role: 'companion', subject: 'ServiceProvider', actions: ['read'], scope: 'organization' },
  { role: 'companion', subject: 'User', actions: ['read'], scope: 'self', fields: USER_DIRECTORY_FIELDS },
];
