import type { PackedRule } from '../api/views';
import type { MessageKey } from '../i18n/messages';

export interface NavItem {
  path: string;
  label: MessageKey;
}

type Grant = { action: string; subject: string };

/** The grants of CASL's packed rules that open a screen; inverted rules only narrow rows, never a screen. */
export function grantsOf(rules: PackedRule[]): Grant[] {
  return rules.flatMap(([actions, subjects, , inverted]) =>
    inverted ? [] : actions.split(',').flatMap((action) => subjects.split(',').map((subject) => ({ action, subject }))),
  );
}

/** Whether the rules grant an action on a subject (to some rows at least). */
function abilityOf(rules: PackedRule[]): (action: string, subject: string) => boolean {
  const grants = grantsOf(rules);
  return (action, subject) =>
    grants.some((grant) => grant.subject === subject && (grant.action === action || grant.action === 'manage'));
}

/** Her own phones, under "My account" rather than in the navigation. */
export const MY_PHONES = '/account/phones';

/** The screens of one's own account beyond the password: her phones, for whoever sets phones up (a companion). */
export function accountScreensFor(rules: PackedRule[]): string[] {
  const can = abilityOf(rules);
  return can('create', 'Device') ? [MY_PHONES] : [];
}

/** Whether the role keeps cases on a phone (SPEC §12): the rules table gives `sync` on cases to companions alone. */
export const worksOffline = (rules: PackedRule[]): boolean => abilityOf(rules)('sync', 'Case');

/**
 * The screens of the user's role, from `GET /me/abilities` (SPEC §11: for navigation only; each
 * record's `allowed` decides its controls). A companion starts at her worklist; whoever assigns
 * cases (a coordinator) or only reads them (a reviewer) at the case list.
 */
export function navigationFor(rules: PackedRule[]): NavItem[] {
  const can = abilityOf(rules);
  // Whoever oversees cases rather than taking them in (a coordinator, a reviewer) has the list and its counts.
  const oversees = can('read', 'Case') && (can('assign', 'Case') || !can('create', 'Case'));
  const items: [boolean, NavItem][] = [
    [can('create', 'Case') && !can('assign', 'Case'), { path: '/', label: 'navMyCases' }],
    [oversees, { path: '/cases', label: 'navCases' }],
    [oversees, { path: '/dashboard', label: 'reportsNavDashboard' }],
    [can('read', 'FollowUp'), { path: '/follow-ups', label: 'navDue' }],
    [can('read', 'WorkPlan'), { path: '/work-plans', label: 'navWorkPlans' }],
    [can('read', 'Report'), { path: '/reports', label: 'navReports' }],
    [can('create', 'User'), { path: '/users', label: 'navUsers' }],
    [can('create', 'Region'), { path: '/structure', label: 'adminNavStructure' }],
    [can('create', 'ServiceProvider'), { path: '/directory', label: 'adminNavDirectory' }],
    [can('read', 'AuditEvent'), { path: '/audit', label: 'navAudit' }],
    [can('read', 'ReportQueue'), { path: '/reports/queue', label: 'reportsNavQueue' }],
    // Whoever reads phones she does not set up herself (an org_admin) oversees the companions' phones.
    [can('read', 'Device') && !can('create', 'Device'), { path: '/phones', label: 'phonesNav' }],
  ];
  return items.filter(([shown]) => shown).map(([, item]) => item);
}
