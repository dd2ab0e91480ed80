import { createMongoAbility, ForcedSubject, MongoAbility, MongoQuery, RawRuleOf } from '@casl/ability';
import type { Role } from '../users/roles';
import { UserActor } from './actor';
import { Action, PERMISSION_TABLE, PermissionRow, Scope } from './rules-table';
import { fieldsOf, SUBJECTS, SubjectDefinition, SubjectName } from './subjects';

export type SubjectRecord = ForcedSubject<SubjectName> & Record<string, unknown>;
export type AppAbility = MongoAbility<[Action, SubjectName | SubjectRecord]>;
type AppRawRule = RawRuleOf<AppAbility>;

/** A condition no record can meet: a scope the actor has nothing in. */
const NOTHING = '00000000-0000-0000-0000-000000000000';

function scopeValues(actor: UserActor, scope: Scope): { field: keyof SubjectDefinition; ids: string[] } {
  switch (scope) {
    case 'organization':
      return { field: 'organizationField', ids: [actor.organizationId] };
    case 'coordinated_regions':
      return { field: 'regionField', ids: actor.coordinatedRegionIds };
    case 'member_regions':
      return { field: 'regionField', ids: actor.memberRegionIds };
    case 'member_villages':
      return { field: 'villageField', ids: actor.memberVillageIds };
    case 'member_groups':
      return { field: 'groupField', ids: actor.memberGroupIds };
    case 'self':
      return { field: 'selfField', ids: [actor.userId] };
    case 'about_self':
      return { field: 'aboutField', ids: [actor.userId] };
    case 'assigned_cases':
      return { field: 'assigneeField', ids: [actor.userId] };
    case 'co_assigned_cases':
      return { field: 'coAssigneeField', ids: [actor.userId] };
    case 'held_cases':
      return { field: 'heldField', ids: [actor.userId] };
    case 'excluded':
      return { field: 'excludedField', ids: [actor.userId] };
    case 'others_requests':
      return { field: 'requesterField', ids: [actor.userId] };
  }
}

export class MisconfiguredRuleError extends Error {
  readonly logSafe = true;
}

/** The conditions of one row for one actor: always bounded by the actor's organisation. */
export function conditionsFor(row: PermissionRow, actor: UserActor): MongoQuery {
  const definition: SubjectDefinition = SUBJECTS[row.subject];
  const { field, ids } = scopeValues(actor, row.scope);
  const property = definition[field];
  if (typeof property !== 'string') {
    throw new MisconfiguredRuleError(`rules table: subject ${row.subject} has no ${field} for scope ${row.scope}`);
  }
  const conditions: Record<string, unknown> = { [definition.organizationField]: actor.organizationId };
  // An array (the excluded users, the users who held a case) holds the actor: equality on an array means "contains".
  if (row.scope === 'excluded' || row.scope === 'held_cases') conditions[property] = actor.userId;
  else if (row.scope === 'others_requests') conditions[property] = { $ne: actor.userId };
  // One id is an equality, so PostgreSQL can walk an index on (column, created_at) in page order.
  else if (row.scope !== 'organization')
    conditions[property] = ids.length === 1 ? ids[0] : { $in: ids.length > 0 ? ids : [NOTHING] };
  return conditions as MongoQuery;
}

export function rowFields(row: PermissionRow): string[] | undefined {
  if (row.fields) return [...row.fields];
  if (row.fieldClasses) return fieldsOf(row.subject, row.fieldClasses);
  return undefined;
}

const ruleOf = (row: PermissionRow, actor: UserActor): AppRawRule => ({
  action: [...row.actions],
  subject: row.subject,
  conditions: conditionsFor(row, actor),
  fields: rowFields(row),
  inverted: row.inverted ?? false,
  ...(row.reason ? { reason: row.reason } : {}),
});

export function rulesFor(actor: UserActor): AppRawRule[] {
  return PERMISSION_TABLE.filter((row) => row.role === actor.role).map((row) => ruleOf(row, actor));
}

export function buildAbility(actor: UserActor): AppAbility {
  return createMongoAbility<AppAbility>(rulesFor(actor));
}

/** A phone's owner as her revoked phone names her, without a session (consumeRevokedPhoneToken). */
export interface PhoneOwner {
  userId: string;
  organizationId: string;
  role: Role;
}

/**
 * The rules of her role for `record_reads` and nothing else, for a revoked phone's last reads
 * (docs/offline.md, "`POST /api/v1/devices/:id/final-reads`"): she has no session and may be
 * deactivated, so she is not loaded as a request's actor, and what her phone showed is recorded by
 * the rows that say which reads are history, whatever else her role may do now. She is given no
 * groups or regions: a row scoped by them would record nothing, where a guess could record too much.
 */
export function recordingAbility(owner: PhoneOwner): AppAbility {
  const actor: UserActor = {
    kind: 'user',
    ...owner,
    coordinatedRegionIds: [],
    memberGroupIds: [],
    memberVillageIds: [],
    memberRegionIds: [],
  };
  return createMongoAbility<AppAbility>(
    PERMISSION_TABLE.filter((row) => row.role === owner.role && row.actions.includes('record_reads')).map((row) =>
      ruleOf({ ...row, actions: ['record_reads'] }, actor),
    ),
  );
}
