import type { MessageKey } from '../i18n/messages';

/*
 * Roles, request kinds and states, and time zones are not among the API's code lists (those are
 * the case and report vocabularies), so their words live in the catalogue.
 */

export const ROLES = ['companion', 'coordinator', 'reviewer', 'org_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, MessageKey> = {
  companion: 'adminRoleCompanion',
  coordinator: 'adminRoleCoordinator',
  reviewer: 'adminRoleReviewer',
  org_admin: 'adminRoleOrgAdmin',
};

/** A role's words; a role this client does not know yet is named as such rather than by its code. */
export const roleLabel = (role: string | null | undefined): MessageKey =>
  (ROLE_LABELS as Record<string, MessageKey | undefined>)[role ?? ''] ?? 'adminRoleUnknown';

export const REQUEST_KIND_LABELS: Record<string, MessageKey> = {
  create_user: 'adminKindCreateUser',
  change_role: 'adminKindChangeRole',
  change_active: 'adminKindChangeActive',
  reset_password: 'adminKindResetPassword',
  reset_totp: 'adminKindResetTotp',
};

export const REQUEST_STATE_LABELS: Record<string, MessageKey> = {
  pending: 'adminStatePending',
  approved: 'adminStateApproved',
  refused: 'adminStateRefused',
};

export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export const TIME_ZONE_LABELS: Record<string, MessageKey> = {
  'Asia/Jakarta': 'adminZoneWib',
  'Asia/Makassar': 'adminZoneWita',
  'Asia/Jayapura': 'adminZoneWit',
};

/** Which scope a role carries (the API's rule): companions belong to groups, coordinators to regions. */
export function scopeKindOf(role: string | undefined): 'groups' | 'regions' | 'none' {
  return role === 'companion' ? 'groups' : role === 'coordinator' ? 'regions' : 'none';
}

/** The kinds of record the audit log names, in the reader's words; the code stays the filter's value. */
export const AUDIT_SUBJECT_LABELS: Record<string, MessageKey> = {
  Organization: 'adminSubjectOrganization',
  Region: 'adminSubjectRegion',
  Village: 'adminSubjectVillage',
  Group: 'adminSubjectGroup',
  GroupMember: 'adminSubjectGroupMember',
  ServiceProvider: 'adminSubjectServiceProvider',
  User: 'adminSubjectUser',
  AdminRequest: 'adminSubjectAdminRequest',
  AuditEvent: 'adminSubjectAuditEvent',
  Session: 'adminSubjectSession',
  Case: 'adminSubjectCase',
  Referral: 'adminSubjectReferral',
  FollowUp: 'adminSubjectFollowUp',
  WorkPlan: 'adminSubjectWorkPlan',
  PlanItem: 'adminSubjectPlanItem',
  ActivityReport: 'adminSubjectActivityReport',
  Report: 'adminSubjectReport',
  ReportQueue: 'adminSubjectReportQueue',
};

/** The actions the audit log records, in the reader's words. */
export const AUDIT_ACTION_LABELS: Record<string, MessageKey> = {
  create: 'adminActionCreate',
  read: 'adminActionRead',
  list: 'adminActionList',
  update: 'adminActionUpdate',
  delete: 'adminActionDelete',
  approve: 'adminActionApprove',
  refuse: 'adminActionRefuse',
  collect: 'adminActionCollect',
  verify: 'adminActionVerify',
  login: 'adminActionLogin',
  logout: 'adminActionLogout',
  totp_enroll: 'adminActionTotpEnroll',
  totp_verify: 'adminActionTotpVerify',
  reset_password: 'adminActionResetPassword',
  reset_totp: 'adminActionResetTotp',
  assign: 'adminActionAssign',
  activate: 'adminActionActivate',
  request_closure: 'adminActionRequestClosure',
  close: 'adminActionClose',
  reopen: 'adminActionReopen',
  submit: 'adminActionSubmit',
  return: 'adminActionReturn',
  download: 'adminActionDownload',
  write: 'adminActionWrite',
};

export const AUDIT_OUTCOME_LABELS: Record<string, MessageKey> = {
  failure: 'adminOutcomeFailure',
  denied: 'adminOutcomeDenied',
};
