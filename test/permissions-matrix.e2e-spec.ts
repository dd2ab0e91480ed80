import { randomBytes, randomUUID } from 'node:crypto';
import { createMongoAbility, RawRuleOf, subject as asSubject } from '@casl/ability';
import { PackRule, unpackRules } from '@casl/ability/extra';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  Action,
  ACTIONS,
  AppAbility,
  applyRowScope,
  assertWritable,
  buildAbility,
  eachRow,
  fieldsOf,
  ForbiddenFieldsError,
  PERMISSION_TABLE,
  PermissionRow,
  readableView,
  recordActions,
  RequestAuth,
  ResourceSpec,
  Role,
  ROLES,
  Scope,
  ScopedResources,
  SUBJECT_NAMES,
  SubjectName,
  SUBJECTS,
} from '@pendamping/auth';
import {
  AdminRequestEntity,
  AuditEventEntity,
  DeviceEntity,
  GroupEntity,
  OrganizationEntity,
  RegionEntity,
  ServiceProviderEntity,
  UserEntity,
  VillageEntity,
} from '@pendamping/auth/entities';
import { GROUPS, REGIONS, SERVICE_PROVIDERS, VILLAGES } from '@pendamping/auth/organizations/directory.specs';
import { ActorLoader } from '@pendamping/auth/permissions/actor-loader';
import { SessionRules } from '@pendamping/auth/sessions/session-rules';
import { CaseSpecs } from '@pendamping/cases/cases/case.specs';
import {
  ActivityReportEntity,
  CaseEntity,
  FollowUpEntity,
  PlanItemEntity,
  ReferralEntity,
  ReportEntity,
  WorkPlanEntity,
} from '@pendamping/cases/entities';
import { REPORTS } from '@pendamping/cases/reports/report.specs';
import { ACTIVITY_REPORTS, PLAN_ITEMS, WORK_PLANS } from '@pendamping/cases/work-plans/work-plan.specs';
import { DomainError, problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { DataSource, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { activityBody, itemBody } from './support/work-plans';
import { createOrganisation, createUser, Organisation, SignedInUser } from './support/world';

/**
 * SPEC §5: "one table in the code (role × subject × action × fields × conditions) is the source of
 * truth; a generated test walks every cell of it."
 *
 * The cells are generated from the registries (ROLES × SUBJECT_NAMES × ACTIONS × fieldsOf), so a
 * role, subject, action or field added tomorrow is walked without editing this file. For each cell
 * the decision the table means is computed by a small oracle written here from the table's rows
 * (it does not call the ability factory, the row scope or the field helpers), and compared on real
 * records of two organisations with:
 *
 * 1. the ability the server builds for the actor as loaded per request, and the rules it publishes
 *    at GET /me/abilities: type-level, and on every record in and out of the actor's scope;
 * 2. rows: the SQL row scope over the subject's table returns exactly the records the table grants;
 * 3. reads: the readable view of each record has exactly the readable fields;
 * 4. writes: for every field on every record, the write check (assertWritable, which ScopedResources
 *    runs before anything is saved) accepts or refuses a create/update setting it alone; and through
 *    ScopedResources (the path every service writes by), on every record, a write of every field at
 *    once is refused whole naming exactly the forbidden ones, nothing saved (or saved when there are
 *    none, 404 out of scope), and a write of the allowed ones alone is saved;
 * 5. HTTP, wherever the API exposes the cell: list, get, create, update, add member, MFA reset and
 *    audit verify answer 200/201/204 with exactly the readable keys (forbidden ones absent), 403 for
 *    an action the role may not take, 404 for a record out of scope (422 naming the field for a
 *    parent id of another organisation in a create), and 403 forbidden-fields for a field it may not
 *    write, the row unchanged. Every field a create/update DTO accepts is probed on its own; fields no
 *    DTO accepts are refused by validation first, and their write cells are covered by 4. Lists are
 *    also walked one item per page by nextCursor: each row in scope exactly once.
 *
 * Cases and their work (Referral, FollowUp) are walked the same way on fixture cases on every side
 * of every boundary: assigned and co-assigned to the companion, another companion's in the same
 * region, one the companion followed and was reassigned from (held, not hers now), another region's,
 * restricted ones naming the coordinator and reviewer or the companion as excluded, and one of the
 * other organisation that names this organisation's region and companion. Who held a case (took it
 * in, or was its companion or co-companion) the oracle reads from the history in SQL, as its own.
 * A referral or follow-up sits where its case sits: the oracle reads the case from the table, the
 * server's rules see the record its spec builds. Nested fields (`survivor.name`, `perpetrators.phone`)
 * are written as nested bodies and read back as nested keys; sealed values are read back as written.
 * Workflow steps and assignment are checked on every case over HTTP with a stale version: 403 or 404
 * when the rules refuse, else 409 stale-version, so nothing moves; the duplicate check answers a
 * match exactly for the cases its row scope holds. Records created over HTTP are removed once
 * checked, so every walk sees the same fixtures.
 *
 * Work plans, their items and activity reports are written by the groups' companions through the API: a
 * plan of companion A's group, one of another group of the same village and region, one of region B, and
 * one of org B set in the table to name org A's region and group; an item or activity report sits where its
 * plan sits (the server's rules see the record its spec builds with the plan's scope). Over HTTP: the plans
 * listed and each one with exactly the items its reader may read, its progress, each item and activity
 * report, the activity lists under every item, a new plan for every group (422 naming groupId for one out of
 * read scope), a new item under every plan and a new activity report under every item (404 out of scope),
 * PATCHes, and the workflow steps and item deletions with a stale version (403, 404, else 409). Reports are
 * set in the table at every level (organisation, both regions, both villages, three groups, org B's own and
 * one naming org A's region and group), with their files: each one and its file over HTTP (403 for a file
 * the reader may not take, 409 while not ready), the caller's own in scope listed, and a request at every
 * level for every place of both organisations (202, 422 naming scope.id, 403 forbidden-fields). The report
 * queue has no table: its abilities and views are checked on the organisations, and GET /reports/queue.
 * The audit log grows with every request: the checks that weigh each record take its first events of each
 * organisation (they differ for the rules only in their organisation), its list over HTTP all of them.
 *
 * The test prints the number of cells walked and fails unless it is roles × actions × fields.
 */

// ---------------------------------------------------------------------------------------------
// The oracle: what the table means, read from its rows.
// ---------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

/** The actor as the world made them (not as ActorLoader loads them). */
interface OracleActor {
  role: Role;
  userId: string;
  organizationId: string;
  coordinatedRegionIds: string[];
  memberGroupIds: string[];
  memberVillageIds: string[];
  memberRegionIds: string[];
}

/** Where a record sits in an organisation, in domain terms. */
interface Placement {
  organization?: string;
  region?: string;
  village?: string;
  group?: string;
  user?: string;
  /** The user a record is about (an administration request's subject). */
  about?: string;
  /** A case's companion and co-companion, and the users it names as excluded. */
  assignee?: string;
  coAssignee?: string;
  excluded?: string[];
  /** The users who held a case: who took it in, and every companion and co-companion its history names. */
  holders?: string[];
  /** Who asked for a report. */
  requester?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Where a case sits: its organisation and region, who follows it, and whom it is hidden from. */
const casePlacement = (r: Rec | undefined): Placement =>
  r
    ? {
        organization: text(r.organizationId),
        region: text(r.regionId),
        group: text(r.groupId),
        assignee: text(r.assignedCompanionId),
        coAssignee: text(r.coCompanionId),
        excluded: texts(r.excludedUserIds),
        holders: texts(r.heldBy),
      }
    : {};

/**
 * Every case as the table holds it, read straight from SQL and refreshed with each load: a referral
 * or a follow-up sits where its case sits, whatever record the server hands its rules.
 */
const CASES_BY_ID = new Map<string, Rec>();

const PLACEMENT: Record<SubjectName, (record: Rec) => Placement> = {
  Organization: (r) => ({ organization: text(r.id) }),
  Region: (r) => ({ organization: text(r.organizationId), region: text(r.id) }),
  Village: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), village: text(r.id) }),
  Group: (r) => ({
    organization: text(r.organizationId),
    region: text(r.regionId),
    village: text(r.villageId),
    group: text(r.id),
  }),
  GroupMember: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), group: text(r.groupId) }),
  ServiceProvider: (r) => ({ organization: text(r.organizationId), region: text(r.regionId) }),
  User: (r) => ({ organization: text(r.organizationId), user: text(r.id) }),
  // An administration request is "her own" for its requester, and "about her" for its subject.
  AdminRequest: (r) => ({ organization: text(r.organizationId), user: text(r.requestedBy), about: text(r.subjectId) }),
  AuditEvent: (r) => ({ organization: text(r.organizationId) }),
  Case: casePlacement,
  Referral: (r) => casePlacement(CASES_BY_ID.get(String(r.caseId))),
  FollowUp: (r) => casePlacement(CASES_BY_ID.get(String(r.caseId))),
  WorkPlan: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), group: text(r.groupId) }),
  PlanItem: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), group: text(r.groupId) }),
  ActivityReport: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), group: text(r.groupId) }),
  // An organisation-level report has no region and no group; a region- or village-level one no group.
  Report: (r) => ({
    organization: text(r.organizationId),
    region: text(r.regionId),
    group: text(r.groupId),
    requester: text(r.requestedBy),
  }),
  ReportQueue: (r) => ({ organization: text(r.organizationId) }),
  Device: (r) => ({ organization: text(r.organizationId), user: text(r.userId) }),
};

/** Every scope stays inside the actor's organisation (SPEC §2), then narrows. */
function inScope(scope: Scope, actor: OracleActor, place: Placement): boolean {
  if (place.organization === undefined || place.organization !== actor.organizationId) return false;
  const among = (ids: string[], id: string | undefined) => id !== undefined && ids.includes(id);
  switch (scope) {
    case 'organization':
      return true;
    case 'coordinated_regions':
      return among(actor.coordinatedRegionIds, place.region);
    case 'member_regions':
      return among(actor.memberRegionIds, place.region);
    case 'member_villages':
      return among(actor.memberVillageIds, place.village);
    case 'member_groups':
      return among(actor.memberGroupIds, place.group);
    case 'self':
      return place.user === actor.userId;
    case 'about_self':
      return place.about !== undefined && place.about === actor.userId;
    case 'assigned_cases':
      return place.assignee !== undefined && place.assignee === actor.userId;
    case 'co_assigned_cases':
      return place.coAssignee !== undefined && place.coAssignee === actor.userId;
    case 'held_cases':
      return (place.holders ?? []).includes(actor.userId);
    case 'excluded':
      return (place.excluded ?? []).includes(actor.userId);
    case 'others_requests':
      return place.requester !== undefined && place.requester !== actor.userId;
  }
}

/** The fields a row speaks of: its field list, the fields of its classes, or all of them. */
function fieldsOfRow(row: PermissionRow): readonly string[] {
  const classes = SUBJECTS[row.subject].fields as Record<string, string>;
  if (row.fields) return row.fields;
  if (row.fieldClasses)
    return Object.keys(classes).filter((field) => (row.fieldClasses as readonly string[]).includes(classes[field]));
  return Object.keys(classes);
}

function rowsFor(role: Role, subject: SubjectName, action: Action, field?: string): PermissionRow[] {
  return PERMISSION_TABLE.filter(
    (row) =>
      row.role === role &&
      row.subject === subject &&
      row.actions.includes(action) &&
      (field === undefined || fieldsOfRow(row).includes(field)),
  );
}

/**
 * Without a record: may the role take the action on the subject (on some record, for this field)?
 * With a record: a granting row in scope, and no withholding (inverted) row in scope.
 */
function decide(actor: OracleActor, subject: SubjectName, action: Action, field?: string, record?: Rec): boolean {
  const rows = rowsFor(actor.role, subject, action, field);
  if (!record) return rows.some((row) => !row.inverted);
  const applicable = rows.filter((row) => inScope(row.scope, actor, PLACEMENT[subject](record)));
  return applicable.some((row) => !row.inverted) && !applicable.some((row) => row.inverted);
}

/** A record is reachable for an action when some field of it is. */
const reachable = (actor: OracleActor, subject: SubjectName, action: Action, record: Rec) =>
  fieldsOf(subject).some((field) => decide(actor, subject, action, field, record));

const readableFieldsOf = (actor: OracleActor, subject: SubjectName, record: Rec) =>
  fieldsOf(subject).filter((field) => decide(actor, subject, 'read', field, record));

// ---------------------------------------------------------------------------------------------
// How the subjects live in the database and in the API.
// ---------------------------------------------------------------------------------------------

const ENTITY: Partial<Record<SubjectName, EntityTarget<ObjectLiteral>>> = {
  Organization: OrganizationEntity,
  Region: RegionEntity,
  Village: VillageEntity,
  Group: GroupEntity,
  ServiceProvider: ServiceProviderEntity,
  User: UserEntity,
  AdminRequest: AdminRequestEntity,
  AuditEvent: AuditEventEntity,
  Case: CaseEntity,
  Referral: ReferralEntity,
  FollowUp: FollowUpEntity,
  WorkPlan: WorkPlanEntity,
  PlanItem: PlanItemEntity,
  ActivityReport: ActivityReportEntity,
  Report: ReportEntity,
  Device: DeviceEntity,
};

type VersionedRow = ObjectLiteral & { id: string; createdAt: Date; version: number };
const USERS_SPEC: ResourceSpec<UserEntity> = {
  entity: UserEntity,
  subject: 'User',
  views: eachRow((row: UserEntity) => ({ id: row.id })),
};
/**
 * Subjects written through ScopedResources (they have a table and a spec); the others are checked with assertWritable. The case
 * subjects' specs are the app's (CaseSpecs). Activity reports and reports have no version: no role updates them, and ScopedResources
 * answers an update of one as of a record out of scope.
 */
const WRITE_SPEC: Partial<Record<SubjectName, ResourceSpec<VersionedRow>>> = {
  Region: REGIONS as unknown as ResourceSpec<VersionedRow>,
  Village: VILLAGES as unknown as ResourceSpec<VersionedRow>,
  Group: GROUPS as unknown as ResourceSpec<VersionedRow>,
  ServiceProvider: SERVICE_PROVIDERS as unknown as ResourceSpec<VersionedRow>,
  User: USERS_SPEC as unknown as ResourceSpec<VersionedRow>,
  WorkPlan: WORK_PLANS as unknown as ResourceSpec<VersionedRow>,
  PlanItem: PLAN_ITEMS as unknown as ResourceSpec<VersionedRow>,
  ActivityReport: ACTIVITY_REPORTS as unknown as ResourceSpec<VersionedRow>,
  Report: REPORTS as unknown as ResourceSpec<VersionedRow>,
};

/** Fields of a subject the API never returns to anyone, whatever the rules (write-only). */
const NEVER_RETURNED: Partial<Record<SubjectName, string[]>> = { Report: ['file'] };

/** Fields of a list's items that only the item's own route returns (a case list is without its perpetrators). */
const LIST_ABSENT: Partial<Record<SubjectName, string[]>> = {
  Case: fieldsOf('Case').filter((field) => field.startsWith('perpetrators.')),
};

/** Fields nested in a list of objects (a case has one or more perpetrators, SPEC §4); other dotted fields sit in one object. */
const LIST_FIELDS = ['perpetrators'];

/** `base` with the (dotted) field set: `survivor.name` in the survivor object, `perpetrators.name` in the first item of a one-item list. */
function withField(base: Rec, field: string, value: unknown, listItem: Rec = {}): Rec {
  const dot = field.indexOf('.');
  if (dot < 0) return { ...base, [field]: value };
  const [head, inner] = [field.slice(0, dot), field.slice(dot + 1)];
  if (LIST_FIELDS.includes(head))
    return { ...base, [head]: [{ ...listItem, ...((base[head] as Rec[] | undefined)?.[0] ?? {}), [inner]: value }] };
  return { ...base, [head]: { ...(base[head] as Rec | undefined), [inner]: value } };
}

/** A body setting these fields to the record's values (null where the record has none under that name). */
const bodyOf = (fields: readonly string[], record: Rec): Rec =>
  fields.reduce((body, field) => withField(body, field, record[field] ?? null), {} as Rec);

/** The fields a body (sent or received) holds, by their dotted names, with their values (a list's field: one value per item that has it). */
function flatten(subject: SubjectName, body: Rec): Map<string, unknown> {
  const nested = new Set(
    fieldsOf(subject)
      .filter((field) => field.includes('.'))
      .map((field) => field.split('.')[0]),
  );
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(body)) {
    if (!nested.has(key) || value === null || typeof value !== 'object') {
      flat.set(key, value);
      continue;
    }
    const items = (Array.isArray(value) ? value : [value]) as Rec[];
    for (const inner of new Set(items.flatMap((item) => Object.keys(item)))) {
      const values = items.filter((item) => inner in item).map((item) => item[inner]);
      flat.set(`${key}.${inner}`, Array.isArray(value) ? values : values[0]);
    }
  }
  return flat;
}
const keysOf = (subject: SubjectName, body: Rec) => [...flatten(subject, body).keys()];

const API = '/api/v1';
const PARTICIPANTS = ['women', 'men', 'girls', 'boys', 'disability'];
const AUDIT_SAMPLE = 25;
/** The plans' year: activity reports are dated in it and not in the future. */
const PLAN_YEAR = new Date().getUTCFullYear();
const READ_ROUTES: Partial<Record<SubjectName, { list: string; item?: string }>> = {
  Region: { list: `${API}/regions`, item: `${API}/regions` },
  Village: { list: `${API}/villages`, item: `${API}/villages` },
  Group: { list: `${API}/groups`, item: `${API}/groups` },
  ServiceProvider: { list: `${API}/service-providers`, item: `${API}/service-providers` },
  User: { list: `${API}/users`, item: `${API}/users` },
  AdminRequest: { list: `${API}/admin-requests`, item: `${API}/admin-requests` },
  AuditEvent: { list: `${API}/audit` },
  Case: { list: `${API}/cases`, item: `${API}/cases` },
  WorkPlan: { list: `${API}/work-plans`, item: `${API}/work-plans` },
  Device: { list: `${API}/devices` },
};
/** What an item's route embeds of other subjects: a plan comes with the items its reader may read. */
const EMBEDDED: Partial<Record<SubjectName, { key: string; subject: SubjectName; parentField: string }>> = {
  WorkPlan: { key: 'items', subject: 'PlanItem', parentField: 'workPlanId' },
};
const PLANS = `${API}/work-plans`;
const itemPath = (item: Rec) => `${PLANS}/${String(item.workPlanId)}/items/${String(item.id)}`;
/** The routes of a case's work, under its case. */
const WORK_SEGMENT = { Referral: 'referrals', FollowUp: 'follow-ups' } as const;
type CaseWork = keyof typeof WORK_SEGMENT;
const isCaseWork = (subject: SubjectName): subject is CaseWork => subject in WORK_SEGMENT;

/** A calendar day `offset` days from today (UTC), YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let counter = 0;
const unique = () => `${++counter}-${randomBytes(3).toString('hex')}`;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Region codes: 2-6 capital letters, unique in the organisation (KPG and SOE are the world's). */
const nextCode = () => {
  let n = ++counter;
  let code = '';
  for (let i = 0; i < 4; i += 1, n = Math.floor(n / 26)) code = LETTERS[n % 26] + code;
  return `X${code}`;
};

// ---------------------------------------------------------------------------------------------
// The suite.
// ---------------------------------------------------------------------------------------------

interface RoleContext {
  user: SignedInUser;
  oracle: OracleActor;
  /** Built by the server's factory from the actor as ActorLoader loads them on each request. */
  ability: AppAbility;
  /** Rebuilt from the packed rules GET /me/abilities hands to clients. */
  published: AppAbility;
  auth: RequestAuth;
}

describe('permissions matrix: every cell of the rules table, on real records', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let a: Organisation;
  let b: Organisation;
  let dataSource: DataSource;
  let resources: ScopedResources;
  /** A companion of org A in no group: the target of membership, administration requests and field probes, so the actors keep their scope and sessions. */
  let spareId: string;
  /** Another companion of group a of org A: the companion of the cases that are not companion A's. */
  let otherCompanionId: string;
  /** The organisation-wide provider of org A, and a provider of org B. */
  let providerA: string;
  let providerB: string;
  /** The fixture cases (every side of every boundary), by id, and a name for each fixture record in messages. */
  const fixtureCaseIds: string[] = [];
  /** A second group in village a (region A) that companion A is not a member of, and companion A's plan. */
  let groupA2: string;
  let planA: string;
  /** The bytes of each fixture report's file, for those that have one. */
  const reportFiles = new Map<string, Buffer>();
  const names = new Map<string, string>();
  /** Sealed values as the suite wrote them, by record id and dotted field: what a reader of the field must get back. */
  const written = new Map<string, Map<string, unknown>>();
  const roles = {} as Record<Role, RoleContext>;
  let cellsWalked = 0;
  const tally = { abilityDecisions: 0, rowScopes: 0, views: 0, writes: 0, http: 0 };

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
    a = await createOrganisation(api, 'Matrix A');
    b = await createOrganisation(api, 'Matrix B');
    dataSource = api.app.get<DataSource>(getDataSourceToken());
    resources = api.app.get(ScopedResources);

    const post = async (user: SignedInUser, path: string, body: object) =>
      (await api.http().post(`${API}/${path}`).set(user.auth()).send(body).expect(201)).body.id as string;
    spareId = (await createUser(api, a.admin, 'companion', {})).id;
    // The service directory: one provider bound to a region, one organisation-wide, one in the other organisation.
    await post(a.admin, 'service-providers', {
      name: 'Unit PPA Polres Kupang',
      serviceType: 'police',
      regionId: a.regions.a,
      phone: '0380-000000',
    });
    providerA = await post(a.admin, 'service-providers', { name: 'LBH APIK NTT', serviceType: 'legal_aid' });
    providerB = await post(b.admin, 'service-providers', {
      name: 'Puskesmas SoE',
      serviceType: 'health',
      regionId: b.regions.b,
    });
    otherCompanionId = (await createUser(api, a.admin, 'companion', { groupIds: [a.groups.a] })).id;
    await createAdminRequestFixtures();
    const specs = api.app.get(CaseSpecs);
    WRITE_SPEC.Case = specs.cases as unknown as ResourceSpec<VersionedRow>;
    WRITE_SPEC.Referral = specs.referrals as unknown as ResourceSpec<VersionedRow>;
    WRITE_SPEC.FollowUp = specs.followUps as unknown as ResourceSpec<VersionedRow>;
    await createCaseFixtures();
    await createPlanFixtures();
    await createReportFixtures();
    await createDeviceFixtures();

    const none: string[] = [];
    const world: Record<Role, { user: SignedInUser; oracle: Omit<OracleActor, 'role' | 'userId' | 'organizationId'> }> =
      {
        companion: {
          user: a.companionA,
          oracle: {
            coordinatedRegionIds: none,
            memberGroupIds: [a.groups.a],
            memberVillageIds: [a.villages.a],
            memberRegionIds: [a.regions.a],
          },
        },
        coordinator: {
          user: a.coordinatorA,
          oracle: {
            coordinatedRegionIds: [a.regions.a],
            memberGroupIds: none,
            memberVillageIds: none,
            memberRegionIds: none,
          },
        },
        reviewer: {
          user: a.reviewer,
          oracle: { coordinatedRegionIds: none, memberGroupIds: none, memberVillageIds: none, memberRegionIds: none },
        },
        org_admin: {
          user: a.admin,
          oracle: { coordinatedRegionIds: none, memberGroupIds: none, memberVillageIds: none, memberRegionIds: none },
        },
      };
    for (const role of ROLES) {
      const { user, oracle } = world[role];
      const sessionId = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString('utf8'))
        .sid as string;
      const session = await api.app
        .get(ActorLoader)
        .load(user.id, a.id, sessionId, api.app.get(SessionRules).lifetimes());
      if (!session) throw new Error(`the ${role} of the world did not load as an actor`);
      const packed = (await api.http().get(`${API}/me/abilities`).set(user.auth()).expect(200)).body.rules as PackRule<
        RawRuleOf<AppAbility>
      >[];
      const { actor, origin } = session;
      const ability = buildAbility(actor);
      roles[role] = {
        user,
        oracle: { role, userId: user.id, organizationId: a.id, ...oracle },
        ability,
        published: createMongoAbility<AppAbility>(unpackRules(packed)),
        auth: {
          actor,
          ability,
          mfa: 'complete',
          passwordChangeRequired: false,
          sessionId,
          sessionOrigin: origin,
          requestId: `matrix-${role}`,
          clientRequestId: null,
        },
      };
    }
  }, 120_000);

  /** Remembers the sealed values a body writes (a list field's values as the new list has them). */
  function remember(id: string, subject: SubjectName, body: Rec) {
    const known = written.get(id) ?? new Map<string, unknown>();
    const flat = flatten(subject, body);
    for (const field of fieldsOf(subject, ['identifying', 'sensitive'])) {
      const [head, inner] = field.split('.');
      if (inner !== undefined && LIST_FIELDS.includes(head)) {
        if (Array.isArray(body[head]))
          known.set(
            field,
            (body[head] as Rec[]).map((item) => item[inner] ?? null),
          );
      } else if (flat.has(field)) known.set(field, flat.get(field));
    }
    written.set(id, known);
  }

  /** A case with every field set, each text carrying its tag. */
  const fullCase = (tag: string, place: Rec, extra: Rec = {}): Rec => ({
    ...place,
    intakeDate: '2026-03-02',
    incidentDate: '2026-02-27',
    incidentDateApproximate: false,
    placeType: 'home',
    referralSource: 'family',
    riskLevel: 'high',
    violenceTypes: ['fisik', 'seksual'],
    tpksForms: ['pelecehan_seksual_fisik'],
    survivor: {
      name: `Matrix survivor ${tag}`,
      alias: `Alias ${tag}`,
      phone: '081200000001',
      address: `Jalan ${tag}`,
      birthDate: '2010-06-15',
      nik: '5301000000000001',
      sex: 'female',
      ageAtIntake: 15,
      ageEstimated: false,
      disability: 'none',
      maritalStatus: 'single',
    },
    guardian: { name: `Guardian ${tag}`, phone: '081300000001' },
    perpetrators: [
      {
        relationship: 'step_parent',
        sex: 'male',
        ageGroup: '25-44',
        name: `Perpetrator ${tag}`,
        phone: '082100000001',
      },
    ],
    narrative: `Narrative ${tag}`,
    safetyPlan: `Safety plan ${tag}`,
    medicalNotes: `Medical notes ${tag}`,
    safeContact: { callSafe: false, textSafe: true, safeTimes: `Mornings ${tag}`, intermediary: `Aunt ${tag}` },
    consent: { record: true, refer: true, shareDeidentified: true, givenBy: 'guardian', givenAt: '2026-03-02' },
    justicePathway: [{ stage: 'police_report', date: '2026-03-03' }],
    ...extra,
  });

  /**
   * The cases on every side of every boundary, each with a referral and a follow-up, taken in by
   * coordinators through the API. What the API refuses to build is then set in the table: a
   * restriction naming the coordinator who would set it, one naming the case's own companion (the
   * withholding row must win over the grant), and a case of org B naming org A's region and companion
   * (the organisation bounds every scope).
   */
  async function createCaseFixtures() {
    const send = async (user: SignedInUser, path: string, body: Rec) => {
      const response = await api.http().post(`${API}/${path}`).set(user.auth()).send(body);
      if (response.status !== 201)
        throw new Error(`fixture: POST ${path} answered ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    };
    const fixture = async (name: string, user: SignedInUser, body: Rec) => {
      const id = await send(user, 'cases', body);
      fixtureCaseIds.push(id);
      names.set(id, name);
      remember(id, 'Case', { ...body, statusReason: null });
      const referral = { serviceType: 'health', referredAt: '2026-03-05', note: `Referral note ${name}` };
      const referralId = await send(user, `cases/${id}/referrals`, referral);
      names.set(referralId, `referral of ${name}`);
      remember(referralId, 'Referral', { ...referral, outcomeNote: null });
      const followUp = {
        date: '2026-09-01',
        type: 'home_visit',
        notes: `Notes ${name}`,
        nextAction: `Next action ${name}`,
        dueDate: '2026-09-15',
      };
      const followUpId = await send(user, `cases/${id}/follow-ups`, followUp);
      names.set(followUpId, `follow-up of ${name}`);
      remember(followUpId, 'FollowUp', followUp);
      return id;
    };
    const villageA = { villageId: a.villages.a, groupId: a.groups.a };
    await fixture(
      'case assigned to companion A',
      a.coordinatorA,
      fullCase('c1', villageA, { assignedCompanionId: a.companionA.id }),
    );
    await fixture(
      'case co-assigned to companion A',
      a.coordinatorA,
      fullCase('c2', villageA, { assignedCompanionId: otherCompanionId, coCompanionId: a.companionA.id }),
    );
    await fixture(
      'case of another companion of region A',
      a.coordinatorA,
      fullCase('c3', villageA, { assignedCompanionId: otherCompanionId }),
    );
    await fixture('unassigned walk-in case of region B', a.coordinatorB, fullCase('c4', { regionId: a.regions.b }));
    const hiddenFromCoordinator = await fixture(
      'restricted case co-assigned to companion A, excluding coordinator A and the reviewer',
      a.coordinatorA,
      fullCase('c5', villageA, { assignedCompanionId: otherCompanionId, coCompanionId: a.companionA.id }),
    );
    const hiddenFromCompanion = await fixture(
      'restricted case assigned to companion A, excluding companion A',
      a.coordinatorA,
      fullCase('c6', villageA, { assignedCompanionId: a.companionA.id }),
    );
    // Held by companion A, not hers now: what her phone showed of it is still recorded (held_cases).
    const reassigned = await fixture(
      'case companion A followed, reassigned since to another companion',
      a.coordinatorA,
      fullCase('c8', villageA, { assignedCompanionId: a.companionA.id }),
    );
    const [{ version }] = (await dataSource.query(`SELECT version FROM cases WHERE id = $1`, [reassigned])) as {
      version: number;
    }[];
    const reassignment = await api
      .http()
      .put(`${API}/cases/${reassigned}/assignment`)
      .set(a.coordinatorA.auth())
      .send({ assignedCompanionId: otherCompanionId, version });
    if (reassignment.status !== 200)
      throw new Error(`fixture: reassignment answered ${reassignment.status} ${JSON.stringify(reassignment.body)}`);
    const foreign = await fixture(
      'case of org B naming region A and companion A',
      b.coordinatorA,
      fullCase('c7', { villageId: b.villages.a, groupId: b.groups.a }, { assignedCompanionId: b.companionA.id }),
    );
    const restrict = `UPDATE cases SET restricted = true, excluded_user_ids = $2 WHERE id = $1`;
    await dataSource.query(restrict, [hiddenFromCoordinator, [a.coordinatorA.id, a.reviewer.id]]);
    await dataSource.query(restrict, [hiddenFromCompanion, [a.companionA.id]]);
    await dataSource.query(
      `UPDATE cases SET region_id = $2, assigned_companion_id = $3, co_companion_id = $3 WHERE id = $1`,
      [foreign, a.regions.a, a.companionA.id],
    );
  }

  /**
   * The groups' plans on every side of every boundary, each with items and an activity report, written by
   * the groups' companions through the API: companion A's group a, group a2 of the same region and village
   * (its plan written by companion A as a member for a moment), group b of region B, and a plan of org B set
   * in the table to name org A's region, village and group (the organisation bounds every scope).
   */
  async function createPlanFixtures() {
    const send = async (user: SignedInUser, path: string, body: Rec) => {
      const response = await api.http().post(`${API}/${path}`).set(user.auth()).send(body);
      if (response.status !== 201)
        throw new Error(`fixture: POST ${path} answered ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    };
    const plan = async (name: string, user: SignedInUser, groupId: string, year: number, reported: boolean[]) => {
      const id = await send(user, 'work-plans', { groupId, year, goals: `Goals of the ${name}` });
      names.set(id, name);
      for (const [index, withReport] of reported.entries()) {
        const itemName = `item ${index + 1} of the ${name}`;
        const itemId = await send(
          user,
          `work-plans/${id}/items`,
          itemBody({
            title: itemName,
            keyPersons: 'Kepala desa',
            budget: 2_500_000,
            drppaIndicators: ['village_regulation'],
          }),
        );
        names.set(itemId, itemName);
        if (!withReport) continue;
        const extra = {
          results: `Results ${itemName}`,
          obstacles: `Obstacles ${itemName}`,
          lessons: `Lessons ${itemName}`,
        };
        names.set(
          await send(
            user,
            `work-plans/${id}/items/${itemId}/activities`,
            activityBody(`${year}-01-01`, undefined, extra),
          ),
          `activity report of ${itemName}`,
        );
      }
      return id;
    };
    groupA2 = await send(a.admin, 'groups', { name: 'Kelompok Anggrek', villageId: a.villages.a });
    names.set(groupA2, 'group a2');
    planA = await plan('plan of group a (companion A)', a.companionA, a.groups.a, PLAN_YEAR, [true, false]);
    await api
      .http()
      .post(`${API}/groups/${groupA2}/members`)
      .set(a.admin.auth())
      .send({ userId: a.companionA.id })
      .expect(201);
    await plan("plan of group a2 of region A (not companion A's group)", a.companionA, groupA2, PLAN_YEAR, [true]);
    await dataSource.query(`DELETE FROM user_groups WHERE user_id = $1 AND group_id = $2`, [a.companionA.id, groupA2]);
    await plan('plan of group b of region B', a.companionB, a.groups.b, PLAN_YEAR, [true]);
    const foreign = await plan('plan of org B naming region A and group a', b.companionA, b.groups.a, PLAN_YEAR - 1, [
      true,
    ]);
    await dataSource.query(`UPDATE work_plans SET region_id = $2, village_id = $3, group_id = $4 WHERE id = $1`, [
      foreign,
      a.regions.a,
      a.villages.a,
      a.groups.a,
    ]);
  }

  /**
   * Reports at every level on both sides of every boundary, set in the table as the API would save them (a
   * report's region is its scope's, null for the organisation; its group only for a group): the organisation,
   * both regions, both villages, groups a, a2 and b, and two of org B, one of them naming org A's region and
   * group. Their requesters and states vary: a report of one's own out of one's read scope, files ready,
   * queued, failed and expired.
   */
  async function createReportFixtures() {
    const report = async (
      name: string,
      org: Organisation,
      requestedBy: string,
      level: string,
      scopeId: string | null,
      regionId: string | null,
      groupId: string | null,
      status: string,
    ) => {
      const done = status === 'succeeded' || status === 'expired';
      const file = status === 'succeeded' ? Buffer.from(`%PDF-1.4 matrix report: ${name}`) : undefined;
      const [{ id }] = (await dataSource.query(
        `INSERT INTO reports (organization_id, requested_by, kind, year, scope_level, scope_id, region_id, group_id, format, locale, audience, request_key, status,
                              progress, stage, error, file_name, content_type, byte_size, checksum_sha256, expires_at, started_at, finished_at, version)
         VALUES ($1, $2, 'annual_evaluation', $3, $4, $5, $6, $7, 'pdf', 'id', 'internal', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1) RETURNING id`,
        [
          org.id,
          requestedBy,
          PLAN_YEAR - 1,
          level,
          scopeId,
          regionId,
          groupId,
          `matrix-${unique()}`,
          status,
          done ? 100 : 0,
          done ? 'done' : null,
          status === 'failed' ? 'The report could not be rendered.' : null,
          file ? `laporan-${level}.pdf` : null,
          file ? 'application/pdf' : null,
          file?.length ?? null,
          file ? 'c'.repeat(64) : null,
          done ? new Date(Date.now() + (status === 'expired' ? -1 : 7) * 86_400_000) : null,
          status === 'queued' ? null : new Date(),
          done ? new Date() : null,
        ],
      )) as { id: string }[];
      if (file) {
        await dataSource.query(`INSERT INTO report_chunks (report_id, seq, data) VALUES ($1, 0, $2)`, [id, file]);
        reportFiles.set(id, file);
      }
      names.set(id, name);
    };
    await report('organisation report (reviewer)', a, a.reviewer.id, 'organization', null, null, null, 'succeeded');
    await report(
      'region A report (coordinator A)',
      a,
      a.coordinatorA.id,
      'region',
      a.regions.a,
      a.regions.a,
      null,
      'succeeded',
    );
    await report(
      'region B report (coordinator B)',
      a,
      a.coordinatorB.id,
      'region',
      a.regions.b,
      a.regions.b,
      null,
      'queued',
    );
    await report(
      'village a report (companion A)',
      a,
      a.companionA.id,
      'village',
      a.villages.a,
      a.regions.a,
      null,
      'succeeded',
    );
    await report(
      'village b report (companion B)',
      a,
      a.companionB.id,
      'village',
      a.villages.b,
      a.regions.b,
      null,
      'failed',
    );
    await report(
      'group a report (companion A)',
      a,
      a.companionA.id,
      'group',
      a.groups.a,
      a.regions.a,
      a.groups.a,
      'succeeded',
    );
    await report(
      'group a2 report (coordinator A)',
      a,
      a.coordinatorA.id,
      'group',
      groupA2,
      a.regions.a,
      groupA2,
      'queued',
    );
    await report(
      'group b report (companion B)',
      a,
      a.companionB.id,
      'group',
      a.groups.b,
      a.regions.b,
      a.groups.b,
      'expired',
    );
    await report('organisation report of org B', b, b.reviewer.id, 'organization', null, null, null, 'succeeded');
    await report(
      'report of org B naming region A and group a',
      b,
      b.companionA.id,
      'group',
      a.groups.a,
      a.regions.a,
      a.groups.a,
      'succeeded',
    );
  }

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  /**
   * Every record of the subject in the database (both organisations), as the rules' conditions see it. The audit
   * log grows with every request the walk makes and its events differ, for the rules, only in their organisation:
   * the checks that weigh each record take its first AUDIT_SAMPLE events of each organisation, its list over
   * HTTP all of them (`allEvents`).
   */
  async function loadRecords(subject: SubjectName, options: { allEvents?: boolean } = {}): Promise<Rec[]> {
    if (subject === 'AuditEvent' && !options.allEvents) {
      const sample = (await dataSource.query(
        `SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY organization_id ORDER BY occurred_at, id) AS n FROM audit_events) events WHERE n <= $1`,
        [AUDIT_SAMPLE],
      )) as { id: string }[];
      return (await dataSource
        .getRepository(ENTITY.AuditEvent!)
        .findBy({ id: In(sample.map((row) => row.id)) })) as Rec[];
    }
    if (subject === 'Case' || isCaseWork(subject)) {
      const cases: Rec[] = await dataSource.query(
        `SELECT id, organization_id AS "organizationId", region_id AS "regionId", group_id AS "groupId", assigned_companion_id AS "assignedCompanionId",
                co_companion_id AS "coCompanionId", excluded_user_ids::text[] AS "excludedUserIds",
                ARRAY(SELECT created_by::text UNION
                      SELECT h.coded_value #>> '{}' FROM case_changes h
                       WHERE h.case_id = cases.id AND h.field IN ('assignedCompanionId', 'coCompanionId')
                         AND jsonb_typeof(h.coded_value) = 'string') AS "heldBy"
           FROM cases`,
      );
      CASES_BY_ID.clear();
      for (const row of cases) CASES_BY_ID.set(String(row.id), row);
    }
    if (isCaseWork(subject)) {
      // What the server's rules see of each: the record its spec builds from the row and its case.
      const rows = (await dataSource
        .getRepository(ENTITY[subject]!)
        .find({ relations: { case: true } })) as VersionedRow[];
      return rows.map((row) => WRITE_SPEC[subject]!.record!(row));
    }
    if (subject === 'PlanItem' || subject === 'ActivityReport') {
      // What the server's rules see of each: the record its spec builds from the row and its plan; with the values as the API writes them.
      const rows = (await dataSource
        .getRepository(ENTITY[subject]!)
        .find({ relations: { workPlan: true } })) as VersionedRow[];
      return rows.map((row) => {
        const record = WRITE_SPEC[subject]!.record!(row);
        if (subject === 'PlanItem') return { ...record, budget: record.budget === null ? null : Number(record.budget) };
        return { ...record, ...Object.fromEntries(PARTICIPANTS.map((key) => [`participants.${key}`, record[key]])) };
      });
    }
    // The queue's state is computed, not stored: what its rules see is the organisation it is asked for.
    if (subject === 'ReportQueue')
      return [a, b].map((org) => ({ id: `report queue of org ${orgLabel(org.id)}`, organizationId: org.id }));
    if (subject === 'GroupMember') {
      return dataSource.query(
        `SELECT ug.organization_id AS "organizationId", ug.group_id AS "groupId", g.region_id AS "regionId", ug.user_id AS "userId"
           FROM user_groups ug JOIN groups g ON g.id = ug.group_id`,
      );
    }
    const rows = (await dataSource.getRepository(ENTITY[subject]!).find()) as Rec[];
    // Who held a case is not on the record the server builds (its rules decide it in SQL only): given
    // here, from the oracle's own reading of the history, so the abilities are weighed on the condition they publish.
    if (subject === 'Case') return rows.map((row) => ({ ...row, heldBy: CASES_BY_ID.get(String(row.id))?.heldBy }));
    // A phone's status is derived from its revocation, as the service derives it.
    if (subject === 'Device') return rows.map((row) => ({ ...row, status: row.revokedAt ? 'revoked' : 'active' }));
    if (subject !== 'User') return rows;
    // The user's scope and MFA state are fields of the User subject, not columns.
    const groups: { user_id: string; group_id: string }[] = await dataSource.query(
      `SELECT user_id, group_id FROM user_groups`,
    );
    const regions: { user_id: string; region_id: string }[] = await dataSource.query(
      `SELECT user_id, region_id FROM user_regions`,
    );
    return rows.map((row) => ({
      ...row,
      groupIds: groups.filter((g) => g.user_id === row.id).map((g) => g.group_id),
      regionIds: regions.filter((r) => r.user_id === row.id).map((r) => r.region_id),
      mfaEnrolled: row.totpEnrolledAt !== null,
    }));
  }

  const orgLabel = (organizationId: string | undefined) =>
    organizationId === a.id ? 'A' : organizationId === b.id ? 'B' : String(organizationId);
  const label = (subject: SubjectName, record: Rec) =>
    `${subject} ${names.get(String(record.id)) ?? String(record.id ?? `${String(record.groupId)}/${String(record.userId)}`)} (org ${orgLabel(PLACEMENT[subject](record).organization)})`;
  const sorted = (values: string[]) => [...values].sort();
  const normalise = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  const expectedKeys = (actor: OracleActor, subject: SubjectName, record: Rec) =>
    sorted(
      readableFieldsOf(actor, subject, record).filter((field) => !(NEVER_RETURNED[subject] ?? []).includes(field)),
    );

  /**
   * What the record says its reader may do (SPEC §11): exactly the actions the oracle allows on it,
   * and when one is `update`, exactly the fields it may update.
   */
  function checkAllowance(
    actor: OracleActor,
    subject: SubjectName,
    record: Rec,
    allowed: unknown,
    where: string,
    wrong: string[],
  ) {
    const actions = recordActions(subject).filter((action) => reachable(actor, subject, action, record));
    const writableFields = actions.includes('update')
      ? fieldsOf(subject).filter((field) => decide(actor, subject, 'update', field, record))
      : [];
    const shown = allowed as { actions?: string[]; writableFields?: string[] } | undefined;
    if (
      JSON.stringify(sorted(shown?.actions ?? ['(none)'])) !== JSON.stringify(sorted(actions)) ||
      JSON.stringify(sorted(shown?.writableFields ?? ['(none)'])) !== JSON.stringify(sorted(writableFields))
    )
      wrong.push(
        `${where}: allowed is ${JSON.stringify(allowed)}, the rules give ${JSON.stringify({ actions, writableFields })}`,
      );
  }

  /**
   * The body of one record as the API returned it: exactly the readable keys (nested ones by their
   * dotted names; `absent`: fields this route never returns), with the record's values, and sealed
   * values as the suite wrote them.
   */
  function checkBody(
    actor: OracleActor,
    subject: SubjectName,
    record: Rec,
    body: Rec,
    where: string,
    wrong: string[],
    absent: readonly string[] = [],
  ) {
    const { allowed, ...fieldsShown } = body;
    checkAllowance(actor, subject, record, allowed, where, wrong);
    const flat = flatten(subject, fieldsShown);
    const keys = sorted([...flat.keys()]);
    const expected = expectedKeys(actor, subject, record).filter((field) => !absent.includes(field));
    if (JSON.stringify(keys) !== JSON.stringify(expected)) {
      const extra = keys.filter((key) => !expected.includes(key));
      const missing = expected.filter((key) => !keys.includes(key));
      wrong.push(`${where}: keys not readable [${extra.join(',')}], readable keys missing [${missing.join(',')}]`);
    }
    const known = written.get(String(record.id));
    for (const [key, got] of flat) {
      if (known?.has(key)) {
        if (JSON.stringify(got) !== JSON.stringify(known.get(key)))
          wrong.push(`${where}: ${key} is ${JSON.stringify(got)}, written ${JSON.stringify(known.get(key))}`);
        continue;
      }
      if (!(key in record) || Buffer.isBuffer(record[key])) continue;
      const want = normalise(record[key]);
      const same =
        Array.isArray(want) && Array.isArray(got)
          ? JSON.stringify(sorted(want.map(String))) === JSON.stringify(sorted(got.map(String)))
          : JSON.stringify(got) === JSON.stringify(want);
      if (!same) wrong.push(`${where}: ${key} is ${JSON.stringify(got)}, the record has ${JSON.stringify(want)}`);
    }
  }

  const problem = (response: Response) =>
    `${response.status} ${String(response.body?.type ?? '')}${response.body?.fields ? ` ${JSON.stringify(response.body.fields)}` : ''}`;
  const FORBIDDEN = `403 ${problemType('forbidden')}`;
  const NOT_FOUND = `404 ${problemType('not-found')}`;
  const forbiddenFields = (fields: string[]) =>
    `403 ${problemType('forbidden-fields')} ${JSON.stringify(sorted(fields))}`;
  const normalisedProblem = (response: Response) =>
    response.status === 403 && response.body?.type === problemType('forbidden-fields')
      ? forbiddenFields(response.body.fields as string[])
      : problem(response);

  /** A record's version and last change (an activity report has neither; a report no updatedAt). */
  async function versionOf(
    subject: SubjectName,
    id: string,
  ): Promise<{ version: number; updatedAt: string } | undefined> {
    const row = (await dataSource.getRepository(ENTITY[subject]!).findOneBy({ id })) as {
      version?: number;
      updatedAt?: Date;
    } | null;
    return row ? { version: row.version ?? 0, updatedAt: row.updatedAt?.toISOString() ?? '' } : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // 1. The abilities.
  // -------------------------------------------------------------------------------------------
  function checkAbilities(
    ctx: RoleContext,
    subject: SubjectName,
    action: Action,
    field: string,
    records: Rec[],
    wrong: string[],
  ) {
    const typeLevel = decide(ctx.oracle, subject, action, field);
    for (const [source, ability] of [
      ['server', ctx.ability],
      ['published', ctx.published],
    ] as const) {
      tally.abilityDecisions += 1;
      if (ability.can(action, subject, field) !== typeLevel)
        wrong.push(`${source} ability, type level: ${field} should be ${typeLevel ? 'allowed' : 'denied'}`);
      for (const record of records) {
        const expected = decide(ctx.oracle, subject, action, field, record);
        tally.abilityDecisions += 1;
        if (ability.can(action, asSubject(subject, { ...record }), field) !== expected) {
          wrong.push(
            `${source} ability: ${field} of ${label(subject, record)} should be ${expected ? 'allowed' : 'denied'}`,
          );
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // 2. Rows, in SQL.
  // -------------------------------------------------------------------------------------------
  async function checkRowScope(
    ctx: RoleContext,
    subject: SubjectName,
    action: Action,
    records: Rec[],
    wrong: string[],
  ) {
    const entity = ENTITY[subject];
    if (!entity) return;
    const ids = records.map((record) => String(record.id));
    // A record scoped by its case is scoped the way its service does it: the case joined, the rules applied to it.
    const spec = WRITE_SPEC[subject];
    const query = spec?.scopeVia
      ? resources.scoped(dataSource.manager, spec, ctx.auth, action)
      : applyRowScope(dataSource.getRepository(entity).createQueryBuilder('row'), ctx.ability, action, subject, 'row');
    const rows = (await query.andWhere('row.id IN (:...ids)', { ids }).getMany()) as Rec[];
    tally.rowScopes += 1;
    const expected = records
      .filter((record) => reachable(ctx.oracle, subject, action, record))
      .map((record) => label(subject, record));
    const actual = rows.map((row) => label(subject, row));
    const extra = actual.filter((row) => !expected.includes(row));
    const missing = expected.filter((row) => !actual.includes(row));
    if (extra.length || missing.length)
      wrong.push(
        `SQL row scope for ${action}: returned out of scope [${extra.join('; ')}], missing [${missing.join('; ')}]`,
      );
  }

  // -------------------------------------------------------------------------------------------
  // 3. Reads: the readable view of each record.
  // -------------------------------------------------------------------------------------------
  function checkViews(ctx: RoleContext, subject: SubjectName, records: Rec[], wrong: string[]) {
    const everything = Object.fromEntries(fieldsOf(subject).map((field) => [field, `value of ${field}`]));
    for (const record of records) {
      const view = readableView(ctx.ability, subject, record, everything);
      tally.views += 1;
      const expected = sorted(readableFieldsOf(ctx.oracle, subject, record));
      if (JSON.stringify(sorted(Object.keys(view))) !== JSON.stringify(expected)) {
        wrong.push(
          `readable view of ${label(subject, record)}: ${sorted(Object.keys(view)).join(',')} but readable ${expected.join(',')}`,
        );
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // 4. Writes: every field, through the path services write by.
  // -------------------------------------------------------------------------------------------
  class Persisted extends Error {}

  async function outcome(work: () => Promise<unknown>): Promise<string> {
    try {
      await work();
      return 'saved';
    } catch (error) {
      if (error instanceof Persisted) return 'saved';
      if (error instanceof ForbiddenFieldsError) return `forbidden-fields ${JSON.stringify(sorted(error.fields))}`;
      if (error instanceof DomainError) return error.kind;
      throw error;
    }
  }

  async function checkWrites(
    ctx: RoleContext,
    subject: SubjectName,
    action: 'create' | 'update',
    records: Rec[],
    wrong: string[],
  ) {
    const spec = WRITE_SPEC[subject];
    const fields = fieldsOf(subject);
    for (const record of records) {
      // Every field on its own, on every record: the check every write makes before anything is saved.
      const allowed: string[] = [];
      const forbidden: string[] = [];
      for (const field of fields) {
        const may = decide(ctx.oracle, subject, action, field, record);
        (may ? allowed : forbidden).push(field);
        // A nested field is sent nested (`{ survivor: { name } }`, `{ perpetrators: [{ name }] }`), as clients send it.
        const got = await outcome(async () =>
          assertWritable(ctx.ability, action, subject, record, bodyOf([field], record)),
        );
        tally.writes += 1;
        const want = may ? 'saved' : `forbidden-fields ${JSON.stringify([field])}`;
        if (got !== want) wrong.push(`${action} ${field} of ${label(subject, record)}: ${got}, expected ${want}`);
      }
      if (!spec) continue;
      // Through ScopedResources, the path every service writes by: every field at once is refused whole, naming exactly
      // the forbidden ones (or saved when there are none), nothing saved; the allowed ones alone are saved.
      for (const set of forbidden.length > 0 && allowed.length > 0 ? [fields, allowed] : [fields]) {
        const body = bodyOf(set, record);
        const refused = set.filter((field) => forbidden.includes(field));
        const where = `${action} of ${set === fields ? 'every field' : 'the writable fields'} of ${label(subject, record)}`;
        const verdict = refused.length > 0 ? `forbidden-fields ${JSON.stringify(sorted(refused))}` : 'saved';
        tally.writes += 1;
        if (action === 'create') {
          // The record as it would be stored; persisting is reached only past the field check, and rolled back.
          let reached = false;
          const got = await outcome(() =>
            resources.create(spec, ctx.auth, { ...record }, body, async () => {
              reached = true;
              throw new Persisted();
            }),
          );
          if (got !== verdict || reached !== (verdict === 'saved'))
            wrong.push(`${where}: ${got}${reached ? ' (persist reached)' : ''}, expected ${verdict}`);
          continue;
        }
        const id = String(record.id);
        const before = await versionOf(subject, id);
        if (!before) throw new Error(`${where}: the record vanished`);
        const got = await outcome(() =>
          resources.update(spec, ctx.auth, id, before.version, body, async () => undefined),
        );
        const want = !reachable(ctx.oracle, subject, 'update', record) ? 'not-found' : verdict;
        const after = await versionOf(subject, id);
        if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
        const changed = after?.version !== before.version || after?.updatedAt !== before.updatedAt;
        if (changed !== (want === 'saved'))
          wrong.push(
            `${where}: the row ${changed ? 'changed' : 'did not change'} (${JSON.stringify(before)} → ${JSON.stringify(after)})`,
          );
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // 5. HTTP, where the API exposes the cell.
  // -------------------------------------------------------------------------------------------
  /** Every page of a list, following nextCursor; stops after `maxPages` (then `ended` is false). */
  async function listAll(
    path: string,
    user: SignedInUser,
    limit = 200,
    maxPages = 200,
  ): Promise<Response | { items: Rec[]; ended: boolean }> {
    const items: Rec[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const response = await api
        .http()
        .get(path)
        .query({ limit, ...(cursor ? { cursor } : {}) })
        .set(user.auth());
      tally.http += 1;
      if (response.status !== 200) return response;
      items.push(...(response.body.items as Rec[]));
      cursor = response.body.nextCursor as string | undefined;
      if (!cursor) return { items, ended: true };
    }
    return { items, ended: false };
  }

  async function checkHttpRead(ctx: RoleContext, subject: SubjectName, records: Rec[], wrong: string[]) {
    const route = READ_ROUTES[subject];
    if (!route) return;
    const typeLevel = decide(ctx.oracle, subject, 'read');
    const page = await listAll(route.list, ctx.user);
    const listed = 'items' in page ? page.items : undefined;
    if (!typeLevel) {
      if (listed || problem(page as Response) !== FORBIDDEN)
        wrong.push(`GET ${route.list}: ${listed ? '200' : problem(page as Response)}, expected ${FORBIDDEN}`);
    } else if (!listed || !('ended' in page) || !page.ended) {
      wrong.push(`GET ${route.list}: ${listed ? 'did not stop paging' : problem(page as Response)}, expected 200`);
    } else {
      const byId = new Map(records.map((record) => [String(record.id), record]));
      const ids = listed.map((item) => String(item.id));
      const expected = records
        .filter((record) => reachable(ctx.oracle, subject, 'read', record))
        .map((record) => String(record.id));
      if (new Set(ids).size !== ids.length) wrong.push(`GET ${route.list}: an item was listed twice`);
      const extra = ids
        .filter((id) => !expected.includes(id))
        .map((id) => (byId.has(id) ? label(subject, byId.get(id)!) : `unknown ${id}`));
      const missing = expected.filter((id) => !ids.includes(id)).map((id) => label(subject, byId.get(id)!));
      if (extra.length || missing.length)
        wrong.push(`GET ${route.list}: listed out of scope [${extra.join('; ')}], missing [${missing.join('; ')}]`);
      for (const item of listed) {
        const record = byId.get(String(item.id));
        if (record)
          checkBody(
            ctx.oracle,
            subject,
            record,
            item,
            `GET ${route.list} item ${label(subject, record)}`,
            wrong,
            LIST_ABSENT[subject],
          );
      }
      if (route.item) {
        // The same rows, walked one by one with the cursors the API hands out: each exactly once, in the same order.
        // (Not for the audit log, whose own listing appends to what it lists.)
        const paged = await listAll(route.list, ctx.user, 1, ids.length + 1);
        const pagedIds = 'items' in paged ? paged.items.map((item) => String(item.id)) : [];
        if (!('items' in paged)) wrong.push(`GET ${route.list}?limit=1: ${problem(paged)}, expected 200`);
        else if (!paged.ended || JSON.stringify(pagedIds) !== JSON.stringify(ids)) {
          wrong.push(
            `GET ${route.list}?limit=1 walked by nextCursor: ${paged.ended ? 'ended' : `still going after ${ids.length + 1} pages`} with ${pagedIds.length} items, ` +
              `${pagedIds.length - new Set(pagedIds).size} repeated, ${ids.filter((id) => !pagedIds.includes(id)).length} missing; one page of 200 has ${ids.length}`,
          );
        }
      }
    }
    if (!route.item) return;
    const embedded = EMBEDDED[subject];
    const children = embedded ? await loadRecords(embedded.subject) : [];
    for (const record of records) {
      const path = `${route.item}/${String(record.id)}`;
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, subject, 'read', record) ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label(subject, record)}): ${got}, expected ${want}`);
      else if (got === '200') {
        const { [embedded?.key ?? '']: embeddedItems, ...own } = response.body as Rec;
        checkBody(
          ctx.oracle,
          subject,
          record,
          embedded ? own : (response.body as Rec),
          `GET ${label(subject, record)}`,
          wrong,
        );
        if (embedded) {
          // Exactly the records under it the reader may read, each with exactly its readable keys.
          const where = `GET ${path} (${label(subject, record)}) ${embedded.key}`;
          const mine = children.filter((child) => child[embedded.parentField] === record.id);
          const expected = sorted(
            mine
              .filter((child) => reachable(ctx.oracle, embedded.subject, 'read', child))
              .map((child) => String(child.id)),
          );
          const items = Array.isArray(embeddedItems) ? (embeddedItems as Rec[]) : [];
          const ids = sorted(items.map((item) => String(item.id)));
          if (!Array.isArray(embeddedItems) || JSON.stringify(ids) !== JSON.stringify(expected))
            wrong.push(`${where}: ${JSON.stringify(ids)}, expected ${JSON.stringify(expected)}`);
          for (const item of items) {
            const child = mine.find((candidate) => candidate.id === item.id);
            if (child)
              checkBody(ctx.oracle, embedded.subject, child, item, `${where} ${label(embedded.subject, child)}`, wrong);
          }
        }
      }
    }
  }

  interface CreateRoute {
    path: string;
    /** A valid body whose record would be in the actor's organisation, and the record as it would be stored (when this actor creates it). */
    body(): Rec;
    wouldBe(body: Rec, actor: OracleActor): Rec;
    /** Optional DTO fields not in the body, with a valid value: each is probed on its own. */
    probes: Record<string, () => unknown>;
    /** How a probe goes into the body; a top-level key unless said otherwise. */
    compose?(body: Rec, field: string, value: unknown): Rec;
    /** Keys that name the record rather than write a field of it (a client-chosen case id, SPEC §4). */
    naming?: string[];
    /** Many probes: sent together (see probeBodies), but for these, sent alone. */
    together?: { alone: string[] };
    /** A body naming a parent out of the organisation, and the field that names it. */
    outside?: () => { body: Rec; field: string };
    /** Where a POST makes a request rather than the record (202): the subject answered and what the request would be. */
    accepted?: { subject: SubjectName; record(body: Rec): Rec };
    find(body: Rec): Promise<Rec | undefined>;
    /** Removes a record the walk created, so every later walk sees the fixtures only. */
    discard?(record: Rec): Promise<void>;
  }

  /**
   * The bodies probing a DTO's fields. Each on its own; or, for a DTO of many fields, together: the
   * ones the actor may write at once (accepted), all at once (refused naming exactly the others),
   * and each one it may not write on its own, and those that cannot go with the others alone.
   */
  function probeBodies(
    base: () => Rec,
    probes: Record<string, () => unknown>,
    compose: (body: Rec, field: string, value: unknown) => Rec,
    may: (field: string, body: Rec) => boolean,
    together?: { alone: string[] },
  ): Rec[] {
    const singles = Object.entries(probes).map(([field, value]) => {
      const sent = value();
      return { field, value: sent, body: compose(base(), field, sent) };
    });
    if (!together) return singles.map((single) => single.body);
    const batched = singles.filter((single) => !together.alone.includes(single.field));
    const allowed = batched.filter((single) => may(single.field, single.body));
    const all = (list: typeof singles) =>
      list.reduce((body, single) => compose(body, single.field, single.value), base());
    return [
      ...(allowed.length > 0 ? [all(allowed)] : []),
      ...(allowed.length < batched.length ? [all(batched)] : []),
      ...singles
        .filter((single) => together.alone.includes(single.field) || !may(single.field, single.body))
        .map((single) => single.body),
    ];
  }

  /** A valid value for each field a case DTO accepts (create and update), nested ones by their dotted names. */
  const caseProbes = (): Record<string, () => unknown> => ({
    regionId: () => a.regions.a,
    villageId: () => a.villages.a,
    groupId: () => a.groups.a,
    intakeDate: () => '2026-03-02',
    incidentDate: () => '2026-02-20',
    incidentDateApproximate: () => true,
    placeType: () => 'school',
    referralSource: () => 'neighbour',
    riskLevel: () => 'critical',
    violenceTypes: () => ['psikis'],
    tpksForms: () => [],
    'survivor.name': () => `Probe survivor ${unique()}`,
    'survivor.alias': () => 'Probe alias',
    'survivor.phone': () => '081299999999',
    'survivor.address': () => 'Jalan Probe 1',
    'survivor.birthDate': () => '2011-01-20',
    'survivor.nik': () => '5301999999999999',
    'survivor.sex': () => 'female',
    'survivor.ageAtIntake': () => 15,
    'survivor.ageEstimated': () => true,
    'survivor.disability': () => 'physical',
    'survivor.maritalStatus': () => 'single',
    'guardian.name': () => 'Probe guardian',
    'guardian.phone': () => '081399999999',
    'perpetrators.relationship': () => 'neighbour',
    'perpetrators.sex': () => 'male',
    'perpetrators.ageGroup': () => 'unknown',
    'perpetrators.name': () => 'Probe perpetrator',
    'perpetrators.phone': () => '082199999999',
    narrative: () => 'Probe narrative',
    safetyPlan: () => 'Probe safety plan',
    medicalNotes: () => 'Probe medical notes',
    'safeContact.callSafe': () => true,
    'safeContact.textSafe': () => false,
    'safeContact.safeTimes': () => 'Probe evenings',
    'safeContact.intermediary': () => 'Probe intermediary',
    'consent.record': () => true,
    'consent.refer': () => true,
    'consent.shareDeidentified': () => false,
    'consent.givenBy': () => 'survivor',
    'consent.givenAt': () => '2026-03-02',
    justicePathway: () => [{ stage: 'bap', date: '2026-03-10' }],
    assignedCompanionId: () => a.companionA.id,
    coCompanionId: () => otherCompanionId,
    restricted: () => false,
    excludedUserIds: () => [],
  });
  /** A case field in a body: nested as clients send it (a perpetrator needs a relationship); a region alone, without the village it would be derived from. */
  const composeCase = (body: Rec, field: string, value: unknown): Rec => {
    if (field !== 'regionId') return withField(body, field, value, { relationship: 'other' });
    const { villageId, groupId, ...rest } = body;
    return { ...rest, regionId: value };
  };

  function createRoutes(): Partial<Record<SubjectName, CreateRoute>> {
    const byName = (entity: EntityTarget<ObjectLiteral>) => async (body: Rec) =>
      ((await dataSource
        .getRepository(entity)
        .findOneBy({ organizationId: a.id, name: body.name as string })) as Rec | null) ?? undefined;
    return {
      Case: {
        path: `${API}/cases`,
        body: () => ({
          villageId: a.villages.a,
          intakeDate: '2026-03-02',
          violenceTypes: ['fisik'],
          survivor: { sex: 'female', ageAtIntake: 30 },
          consent: { record: true },
          perpetrators: [{ relationship: 'other' }],
        }),
        wouldBe: (body, actor) => {
          const villageId = text(body.villageId) ?? null;
          const regionId = text(body.regionId) ?? a.regions.a;
          // SPEC §3: the companion who takes a case in is its companion, when they are a companion of its village (or region).
          const takenIn =
            actor.role === 'companion' &&
            (villageId ? actor.memberVillageIds.includes(villageId) : actor.memberRegionIds.includes(regionId));
          return {
            id: body.id,
            organizationId: a.id,
            regionId,
            villageId,
            groupId: body.groupId ?? null,
            assignedCompanionId:
              body.assignedCompanionId !== undefined ? body.assignedCompanionId : takenIn ? actor.userId : null,
            coCompanionId: body.coCompanionId ?? null,
            restricted: body.restricted ?? false,
            excludedUserIds: body.excludedUserIds ?? [],
          };
        },
        probes: { ...caseProbes(), id: () => randomUUID() },
        compose: composeCase,
        naming: ['id'],
        together: { alone: ['regionId'] },
        outside: () => ({
          body: {
            villageId: b.villages.a,
            intakeDate: '2026-03-02',
            violenceTypes: ['fisik'],
            survivor: { sex: 'female' },
            consent: { record: true },
          },
          field: 'villageId',
        }),
        find: async () => {
          const query = dataSource
            .getRepository(CaseEntity)
            .createQueryBuilder('row')
            .where('row.id NOT IN (:...ids)', { ids: fixtureCaseIds });
          return ((await query.getOne()) as Rec | null) ?? undefined;
        },
        discard: async (record) => {
          await dataSource.query(`DELETE FROM cases WHERE id = $1`, [record.id]);
        },
      },
      Region: {
        path: `${API}/regions`,
        body: () => ({ name: `Matrix region ${unique()}`, code: nextCode() }),
        wouldBe: (body) => ({ ...body, organizationId: a.id }),
        probes: { timeZone: () => 'Asia/Jayapura' },
        find: byName(RegionEntity),
      },
      Village: {
        path: `${API}/villages`,
        body: () => ({ name: `Matrix village ${unique()}`, regionId: a.regions.a }),
        wouldBe: (body) => ({ ...body, organizationId: a.id }),
        probes: {},
        outside: () => ({ body: { name: `Matrix village ${unique()}`, regionId: b.regions.a }, field: 'regionId' }),
        find: byName(VillageEntity),
      },
      Group: {
        path: `${API}/groups`,
        body: () => ({ name: `Matrix group ${unique()}`, villageId: a.villages.a }),
        wouldBe: (body) => ({ ...body, organizationId: a.id, regionId: a.regions.a }),
        probes: {},
        outside: () => ({ body: { name: `Matrix group ${unique()}`, villageId: b.villages.a }, field: 'villageId' }),
        find: byName(GroupEntity),
      },
      ServiceProvider: {
        path: `${API}/service-providers`,
        body: () => ({ name: `Matrix provider ${unique()}`, serviceType: 'psychosocial' }),
        wouldBe: (body) => ({
          regionId: null,
          phone: null,
          address: null,
          active: true,
          ...body,
          organizationId: a.id,
        }),
        probes: { regionId: () => a.regions.a, phone: () => '0380-111111', address: () => 'Jl. El Tari 1, Kupang' },
        outside: () => ({
          body: { name: `Matrix provider ${unique()}`, serviceType: 'shelter', regionId: b.regions.a },
          field: 'regionId',
        }),
        find: byName(ServiceProviderEntity),
      },
      User: {
        path: `${API}/users`,
        body: () => ({ email: `matrix-${unique()}@example.test`, name: 'Matrix reviewer', role: 'reviewer' }),
        wouldBe: (body) => ({ ...body, organizationId: a.id }),
        probes: { groupIds: () => [], regionIds: () => [] },
        outside: () => ({
          body: {
            email: `matrix-${unique()}@example.test`,
            name: 'Matrix companion',
            role: 'companion',
            groupIds: [b.groups.a],
          },
          field: 'groupIds',
        }),
        // A user is created once a second org_admin approves: what the POST makes is the request for her (202).
        accepted: {
          subject: 'AdminRequest',
          record: (body) => ({
            organizationId: a.id,
            requestedBy: a.admin.id,
            subjectId: null,
            kind: 'create_user',
            state: 'pending',
            email: body.email,
          }),
        },
        find: async (body) => {
          const [found] = (await dataSource.query(`SELECT id FROM admin_requests WHERE payload->>'email' = $1`, [
            body.email,
          ])) as { id: string }[];
          return found
            ? (((await dataSource.getRepository(AdminRequestEntity).findOneBy({ id: found.id })) as Rec | null) ??
                undefined)
            : undefined;
        },
        discard: async (record) =>
          void (await dataSource.query(`DELETE FROM admin_requests WHERE id = $1`, [record.id])),
      },
    };
  }

  async function checkHttpCreate(ctx: RoleContext, subject: SubjectName, wrong: string[]) {
    const route = createRoutes()[subject];
    if (!route) return;
    const typeLevel = decide(ctx.oracle, subject, 'create');
    const compose = route.compose ?? ((body: Rec, field: string, value: unknown) => ({ ...body, [field]: value }));
    const may = (field: string, body: Rec) =>
      (route.naming ?? []).includes(field) ||
      decide(ctx.oracle, subject, 'create', field, route.wouldBe(body, ctx.oracle));
    // A role that may not create is shown so by the plain body; many probes are not sent one by one to say it again.
    const probes =
      typeLevel || !route.together ? probeBodies(route.body, route.probes, compose, may, route.together) : [];
    const attempts = [route.body(), ...probes];
    for (const body of attempts) {
      const record = route.wouldBe(body, ctx.oracle);
      const sent = keysOf(subject, body).filter((field) => !(route.naming ?? []).includes(field));
      const forbidden = sent.filter((field) => !decide(ctx.oracle, subject, 'create', field, record));
      const success = route.accepted ? '202' : '201';
      const want = !typeLevel ? FORBIDDEN : forbidden.length > 0 ? forbiddenFields(forbidden) : success;
      const response = await api.http().post(route.path).set(ctx.user.auth()).send(body);
      tally.http += 1;
      const got = String(response.status) === success ? success : normalisedProblem(response);
      const where = `POST ${route.path} ${JSON.stringify(keysOf(subject, body))}`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const created = await route.find(body);
      if ((created !== undefined) !== (want === success))
        wrong.push(`${where}: the record was ${created ? '' : 'not '}created`);
      if (got === success && created) {
        const answered = route.accepted?.subject ?? subject;
        const [stored] = (await loadRecords(answered)).filter((candidate) => candidate.id === created.id);
        written.delete(String(created.id));
        if (!route.accepted) remember(String(created.id), subject, body);
        checkBody(ctx.oracle, answered, stored, response.body as Rec, where, wrong);
      }
      if (created && route.discard) await route.discard(created);
    }
    if (route.outside) {
      // A parent out of the organisation names nothing the caller can use: refused, nothing created.
      const { body, field } = route.outside();
      const response = await api.http().post(route.path).set(ctx.user.auth()).send(body);
      tally.http += 1;
      const got = problem(response);
      const want = !typeLevel ? FORBIDDEN : `422 ${problemType('business-rule')}`;
      const where = `POST ${route.path} with ${field} of org B`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      if (
        got === want &&
        typeLevel &&
        !(response.body.errors as { field: string }[]).some((error) => error.field === field)
      )
        wrong.push(`${where}: the problem does not name ${field}`);
      const created = await route.find(body);
      if (created) wrong.push(`${where}: the record was created`);
      if (created && route.discard) await route.discard(created);
    }
  }

  /** PATCH bodies: `name` (or EVERY_RECORD's body) on every record, and each other DTO field on one target record. */
  const EVERY_RECORD: Partial<Record<SubjectName, () => Rec>> = {
    Case: () => ({ riskLevel: 'medium' }),
    Referral: () => ({ outcomeNote: `Outcome ${unique()}` }),
    WorkPlan: () => ({ goals: `Goals ${unique()}` }),
    PlanItem: () => ({ title: `Renamed item ${unique()}` }),
  };
  /** Which record in the update scope takes the other probes: a plan item still planned, so that setting its status (to what it is) needs no reason. */
  const UPDATE_TARGET: Partial<Record<SubjectName, (record: Rec) => boolean>> = {
    PlanItem: (record) => record.status === 'planned',
  };
  const UPDATE_COMPOSE: Partial<Record<SubjectName, (body: Rec, field: string, value: unknown) => Rec>> = {
    Case: composeCase,
    // A status reason goes with a change of status (the items' statuses are restored after the walk).
    PlanItem: (body, field, value) =>
      field === 'statusReason' ? { ...body, status: 'in_progress', statusReason: value } : { ...body, [field]: value },
  };
  const UPDATE_TOGETHER: Partial<Record<SubjectName, { alone: string[] }>> = { Case: { alone: ['regionId'] } };
  const UPDATE_PROBES: Partial<Record<SubjectName, Record<string, () => unknown>>> = {
    Case: caseProbes(),
    Referral: { status: () => 'pending', providerId: () => providerA },
    WorkPlan: {},
    PlanItem: {
      category: () => 'training',
      targetCount: () => 6,
      targetUnit: () => 'participants',
      plannedMonths: () => [4, 5],
      keyPersons: () => 'Ketua RT, bidan desa',
      budget: () => 1_750_000,
      drppaIndicators: () => ['no_child_marriage'],
      status: () => 'planned',
      statusReason: () => 'Probe reason',
    },
    Region: { code: () => nextCode(), timeZone: () => 'Asia/Jakarta' },
    Village: {},
    Group: {},
    ServiceProvider: {
      serviceType: () => 'health',
      regionId: () => null,
      phone: () => '0380-222222',
      address: () => 'Jl. Matrix 2',
      active: () => true,
    },
    User: {
      email: () => `matrix-${unique()}@example.test`,
      role: () => 'companion',
      active: () => true,
      groupIds: () => [],
      regionIds: () => [],
    },
  };
  const UPDATE_PATHS: Partial<Record<SubjectName, (record: Rec) => string>> = {
    Region: (record) => `${API}/regions/${String(record.id)}`,
    Village: (record) => `${API}/villages/${String(record.id)}`,
    Group: (record) => `${API}/groups/${String(record.id)}`,
    ServiceProvider: (record) => `${API}/service-providers/${String(record.id)}`,
    User: (record) => `${API}/users/${String(record.id)}`,
    Case: (record) => `${API}/cases/${String(record.id)}`,
    Referral: (record) => `${API}/cases/${String(record.caseId)}/referrals/${String(record.id)}`,
    WorkPlan: (record) => `${PLANS}/${String(record.id)}`,
    PlanItem: itemPath,
  };

  /** A user's role, scope or activity is requested of a second org_admin (SPEC §8): the PATCH answers 202 with the request and changes no row. */
  const REQUESTED_USER_FIELDS = ['role', 'active', 'groupIds', 'regionIds'];
  const pendingAbout = async (id: string) =>
    (
      (await dataSource.query(`SELECT id FROM admin_requests WHERE subject_id = $1 AND state = 'pending'`, [id])) as {
        id: string;
      }[]
    ).map((row) => row.id);

  async function patch(ctx: RoleContext, subject: SubjectName, record: Rec, body: Rec, wrong: string[]) {
    const path = UPDATE_PATHS[subject]!(record);
    const before = await versionOf(subject, String(record.id));
    const requestsBefore = subject === 'User' ? await pendingAbout(String(record.id)) : [];
    const forbidden = keysOf(subject, body).filter((field) => !decide(ctx.oracle, subject, 'update', field, record));
    const requested = subject === 'User' && Object.keys(body).some((key) => REQUESTED_USER_FIELDS.includes(key));
    const success = requested ? '202' : '200';
    const want = !decide(ctx.oracle, subject, 'update')
      ? FORBIDDEN
      : !reachable(ctx.oracle, subject, 'update', record)
        ? NOT_FOUND
        : forbidden.length > 0
          ? forbiddenFields(forbidden)
          : success;
    const response = await api
      .http()
      .patch(path)
      .set(ctx.user.auth())
      .send({ ...body, version: before!.version });
    tally.http += 1;
    const got = String(response.status) === success ? success : normalisedProblem(response);
    const where = `PATCH ${path} ${JSON.stringify(keysOf(subject, body))} (${label(subject, record)})`;
    if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
    const after = await versionOf(subject, String(record.id));
    const changed = after?.version !== before?.version;
    if (changed !== (want === '200')) wrong.push(`${where}: the row ${changed ? 'changed' : 'did not change'}`);
    if (subject === 'User') {
      const made = (await pendingAbout(String(record.id))).filter((id) => !requestsBefore.includes(id));
      if ((made.length === 1) !== (want === '202'))
        wrong.push(`${where}: ${made.length} administration request(s) made`);
      if (made.length > 0) await dataSource.query(`DELETE FROM admin_requests WHERE id = ANY($1)`, [made]);
    }
    if (got === '200') {
      const [stored] = (await loadRecords(subject)).filter((candidate) => candidate.id === record.id);
      if (typeof body.name === 'string' && stored.name !== body.name) wrong.push(`${where}: the name was not saved`);
      remember(String(record.id), subject, body);
      checkBody(ctx.oracle, subject, stored, response.body as Rec, where, wrong);
    }
  }

  async function checkHttpUpdate(ctx: RoleContext, subject: SubjectName, records: Rec[], wrong: string[]) {
    const probes = UPDATE_PROBES[subject];
    if (!probes) return;
    const every = EVERY_RECORD[subject] ?? (() => ({ name: `Renamed ${unique()}` }));
    const compose =
      UPDATE_COMPOSE[subject] ?? ((body: Rec, field: string, value: unknown) => ({ ...body, [field]: value }));
    for (const record of records) await patch(ctx, subject, record, every(), wrong);
    // Every other field the API accepts, on one record in the actor's update scope (for users, the spare companion).
    const preferred = UPDATE_TARGET[subject] ?? (() => true);
    const target =
      subject === 'User'
        ? records.find((record) => record.id === spareId)
        : (records.find((record) => reachable(ctx.oracle, subject, 'update', record) && preferred(record)) ??
          records.find((record) => reachable(ctx.oracle, subject, 'update', record)));
    const probeTarget = target ?? records.find((record) => PLACEMENT[subject](record).organization === a.id)!;
    const may = (field: string) => decide(ctx.oracle, subject, 'update', field, probeTarget);
    const together = UPDATE_TOGETHER[subject];
    // A role that may not update is shown so on every record; many probes are not sent one by one to say it again.
    const bodies =
      together && !decide(ctx.oracle, subject, 'update') ? [] : probeBodies(() => ({}), probes, compose, may, together);
    for (const body of bodies) await patch(ctx, subject, probeTarget, body, wrong);
  }

  async function checkHttpGroupMember(ctx: RoleContext, wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'GroupMember', 'create');
    for (const group of await loadRecords('Group')) {
      await dataSource.query(`DELETE FROM user_groups WHERE user_id = $1`, [spareId]);
      const membership = {
        organizationId: group.organizationId,
        groupId: group.id,
        regionId: group.regionId,
        userId: spareId,
      };
      const want = !typeLevel
        ? FORBIDDEN
        : reachable(ctx.oracle, 'GroupMember', 'create', membership)
          ? '201'
          : NOT_FOUND;
      const path = `${API}/groups/${String(group.id)}/members`;
      const response = await api.http().post(path).set(ctx.user.auth()).send({ userId: spareId });
      tally.http += 1;
      const got = response.status === 201 ? '201' : problem(response);
      if (got !== want) wrong.push(`POST ${path} (${label('Group', group)}): ${got}, expected ${want}`);
      if (got === '201') {
        const { allowed, ...fieldsShown } = response.body as Rec;
        if (JSON.stringify(fieldsShown) !== JSON.stringify({ groupId: group.id, userId: spareId }))
          wrong.push(`POST ${path}: body ${JSON.stringify(response.body)}`);
        checkAllowance(ctx.oracle, 'GroupMember', membership, allowed, `POST ${path}`, wrong);
      }
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM user_groups WHERE user_id = $1 AND group_id = $2`,
        [spareId, group.id],
      );
      if ((count === 1) !== (want === '201'))
        wrong.push(`POST ${path}: the membership was ${count === 1 ? '' : 'not '}saved`);
    }
    await dataSource.query(`DELETE FROM user_groups WHERE user_id = $1`, [spareId]);
  }

  /** Phones on every side: companion A's (one revoked), another companion's of org A, one in org B. */
  async function createDeviceFixtures() {
    const phones = [
      { owner: a.companionA.id, org: a.id, revoked: false, name: "companion A's phone" },
      { owner: a.companionA.id, org: a.id, revoked: true, name: "companion A's revoked phone" },
      { owner: otherCompanionId, org: a.id, revoked: false, name: "another companion's phone" },
      { owner: b.companionA.id, org: b.id, revoked: false, name: 'a phone of org B' },
    ];
    for (const phone of phones) {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO devices (id, organization_id, user_id, label, sealing_public_key, wrapping_key_master_key_id, wrapping_key, revoked_at)
         VALUES ($1, $2, $3, 'HP', 'public-key', $4, $5, $6)`,
        [
          id,
          phone.org,
          phone.owner,
          phone.revoked ? null : 'k1',
          phone.revoked ? null : randomBytes(60),
          phone.revoked ? new Date() : null,
        ],
      );
      names.set(id, phone.name);
    }
  }

  /** The requests made to try the decisions on: pending, on every side of requester, approver and subject, and one in org B. */
  const adminRequestFixtures: string[] = [];

  async function createAdminRequestFixtures() {
    const request = async (requester: SignedInUser, body: Rec, name: string) => {
      const id = (await api.http().post(`${API}/admin-requests`).set(requester.auth()).send(body).expect(202)).body
        .id as string;
      names.set(id, name);
      adminRequestFixtures.push(id);
    };
    await request(a.approver, { kind: 'reset_totp', subjectId: a.admin.id }, 'about the admin, by the other admin');
    await request(
      a.approver,
      { kind: 'change_active', subjectId: spareId, active: true },
      'about the spare companion, by the other admin',
    );
    await request(
      a.admin,
      { kind: 'change_active', subjectId: spareId, active: true },
      'about the spare companion, by the admin',
    );
    await request(b.admin, { kind: 'change_active', subjectId: b.companionA.id, active: true }, 'of org B');
  }

  /** Puts the fixture requests back to pending after a walk decided some of them. */
  const reopenAdminRequestFixtures = () =>
    dataSource.query(
      `UPDATE admin_requests SET state = 'pending', decided_by = NULL, decided_at = NULL, decided_by_operator = false WHERE id = ANY($1)`,
      [adminRequestFixtures],
    );

  /** The problem a refusal answers with: the reason of the withholding row that decides (in CASL the later row), or plain forbidden. */
  function refusalOf(actor: OracleActor, action: Action, record: Rec): string {
    const withheld = rowsFor(actor.role, 'AdminRequest', action).filter(
      (row) => row.inverted && inScope(row.scope, actor, PLACEMENT.AdminRequest(record)),
    );
    return `403 ${problemType(withheld.at(-1)?.reason ?? 'forbidden')}`;
  }

  async function checkHttpAdminRequestCreate(ctx: RoleContext, wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'AdminRequest', 'create');
    const subjects = [
      { id: spareId, name: 'the spare companion' },
      { id: ctx.user.id, name: 'the actor herself' },
      { id: b.companionA.id, name: 'a companion of org B' },
    ];
    for (const subject of subjects) {
      const record = { organizationId: a.id, requestedBy: ctx.user.id, subjectId: subject.id };
      const visible = reachable(
        ctx.oracle,
        'User',
        'read',
        (await loadRecords('User')).find((user) => user.id === subject.id)!,
      );
      const want = !typeLevel
        ? FORBIDDEN
        : !visible
          ? NOT_FOUND
          : decide(ctx.oracle, 'AdminRequest', 'create', undefined, record)
            ? '202'
            : refusalOf(ctx.oracle, 'create', record);
      const before = await pendingAbout(subject.id);
      const response = await api
        .http()
        .post(`${API}/admin-requests`)
        .set(ctx.user.auth())
        .send({ kind: 'reset_totp', subjectId: subject.id });
      tally.http += 1;
      const got = response.status === 202 ? '202' : problem(response);
      const where = `POST ${API}/admin-requests reset_totp about ${subject.name}`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const made = (await pendingAbout(subject.id)).filter((id) => !before.includes(id));
      if ((made.length === 1) !== (want === '202')) wrong.push(`${where}: ${made.length} request(s) made`);
      if (made.length > 0) await dataSource.query(`DELETE FROM admin_requests WHERE id = ANY($1)`, [made]);
    }
  }

  async function checkHttpAdminRequestStep(
    ctx: RoleContext,
    action: 'approve' | 'refuse' | 'collect',
    records: Rec[],
    wrong: string[],
  ) {
    const typeLevel = decide(ctx.oracle, 'AdminRequest', action);
    const path = action === 'collect' ? 'password-half' : action;
    for (const record of records) {
      const url = `${API}/admin-requests/${String(record.id)}/${path}`;
      const before = await versionOf('AdminRequest', String(record.id));
      // Decisions first need the right person, then a pending request; the requester's half is collected once (none waits here).
      const allowedOutcome =
        action === 'collect' || record.state !== 'pending' ? `409 ${problemType('conflict')}` : '200';
      const want = !typeLevel
        ? FORBIDDEN
        : !reachable(ctx.oracle, 'AdminRequest', 'read', record)
          ? NOT_FOUND
          : !reachable(ctx.oracle, 'AdminRequest', action, record)
            ? refusalOf(ctx.oracle, action, record)
            : allowedOutcome;
      const response = await api.http().post(url).set(ctx.user.auth()).send({});
      tally.http += 1;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`POST ${url} (${label('AdminRequest', record)}): ${got}, expected ${want}`);
      const after = await versionOf('AdminRequest', String(record.id));
      if ((after?.version !== before?.version) !== (want === '200'))
        wrong.push(`POST ${url}: the request ${want === '200' ? 'did not change' : 'changed'}`);
    }
    await reopenAdminRequestFixtures();
  }

  async function checkHttpVerify(ctx: RoleContext, wrong: string[]) {
    const response = await api.http().get(`${API}/audit/verify`).set(ctx.user.auth());
    tally.http += 1;
    const want = decide(ctx.oracle, 'AuditEvent', 'verify') ? '200' : FORBIDDEN;
    const got = response.status === 200 ? '200' : problem(response);
    if (got !== want) wrong.push(`GET /audit/verify: ${got}, expected ${want}`);
    if (got === '200' && response.body.valid !== true)
      wrong.push(`GET /audit/verify: ${JSON.stringify(response.body)}`);
  }

  /**
   * A case's other readings: its history (every field changed named, its value only where the field
   * is readable), the statistics of the cases in scope, and the follow-ups due on them.
   */
  async function checkHttpCaseReadings(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'Case', 'read');
    const readable = records.filter((record) => reachable(ctx.oracle, 'Case', 'read', record));
    for (const record of records) {
      const path = `${API}/cases/${String(record.id)}/history`;
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const want = !typeLevel ? FORBIDDEN : readable.includes(record) ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label('Case', record)}): ${got}, expected ${want}`);
      if (got !== '200') continue;
      const changes = (response.body.items as { changes: Rec[] }[]).flatMap((entry) => entry.changes);
      if (changes.length === 0) wrong.push(`GET ${path}: no history`);
      for (const field of new Set(changes.map((change) => String(change.field)))) {
        const shown = changes.filter((change) => change.field === field).map((change) => 'value' in change);
        const may = fieldsOf('Case').includes(field) && decide(ctx.oracle, 'Case', 'read', field, record);
        if (shown.some((value) => value !== may))
          wrong.push(`GET ${path} (${label('Case', record)}): values of ${field} ${may ? 'withheld' : 'shown'}`);
      }
    }
    const stats = await api.http().get(`${API}/stats/summary`).set(ctx.user.auth());
    tally.http += 1;
    const statsGot = stats.status === 200 ? `200 total ${String(stats.body.total)}` : problem(stats);
    const statsWant = typeLevel ? `200 total ${readable.length}` : FORBIDDEN;
    if (statsGot !== statsWant) wrong.push(`GET /stats/summary: ${statsGot}, expected ${statsWant}`);
    // Due dates are months away from the window's edge, so the regions' time zones do not matter.
    const due = await api.http().get(`${API}/follow-ups/due`).query({ days: 90 }).set(ctx.user.auth());
    tally.http += 1;
    const dueCases = readable.filter(
      (record) =>
        record.nextFollowUpDue !== null && record.status !== 'closed' && String(record.nextFollowUpDue) <= day(90),
    );
    const dueWant = typeLevel ? `200 ${sorted(dueCases.map((record) => label('Case', record))).join('; ')}` : FORBIDDEN;
    const byId = new Map(records.map((record) => [String(record.id), record]));
    const dueGot =
      due.status === 200
        ? `200 ${sorted((due.body.items as Rec[]).map((item) => (byId.has(String(item.caseId)) ? label('Case', byId.get(String(item.caseId))!) : `unknown ${String(item.caseId)}`))).join('; ')}`
        : problem(due);
    if (dueGot !== dueWant) wrong.push(`GET /follow-ups/due: ${dueGot}, expected ${dueWant}`);
  }

  /**
   * A workflow step or an assignment, on every case, with a stale version: refused (403 for a step
   * the role may not take, 404 for a case out of scope) or else answered 409 stale-version, so that
   * nothing moves. The transition route's guard asks read (the step is in the body).
   */
  const TRANSITION_TO: Partial<Record<Action, string>> = {
    activate: 'active',
    request_closure: 'closure_requested',
    close: 'closed',
    reopen: 'reopened',
  };
  const STALE = `409 ${problemType('stale-version')}`;
  async function checkHttpCaseStep(ctx: RoleContext, action: Action, records: Rec[], wrong: string[]) {
    const assign = action === 'assign';
    const guard = decide(ctx.oracle, 'Case', assign ? 'assign' : 'read');
    for (const record of records) {
      const id = String(record.id);
      const before = await versionOf('Case', id);
      const version = before!.version + 1000;
      const request = assign
        ? api.http().put(`${API}/cases/${id}/assignment`).send({ assignedCompanionId: a.companionA.id, version })
        : api
            .http()
            .post(`${API}/cases/${id}/transitions`)
            .send({ to: TRANSITION_TO[action], reason: 'Matrix probe', closureReason: 'needs_met', version });
      const response = await request.set(ctx.user.auth());
      tally.http += 1;
      const want = !guard
        ? FORBIDDEN
        : !reachable(ctx.oracle, 'Case', 'read', record)
          ? NOT_FOUND
          : !reachable(ctx.oracle, 'Case', action, record)
            ? FORBIDDEN
            : STALE;
      const got = problem(response);
      const where = `${assign ? 'PUT assignment' : `POST transition to ${String(TRANSITION_TO[action])}`} of ${label('Case', record)}`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const after = await versionOf('Case', id);
      if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${where}: the case changed`);
    }
  }

  /** The duplicate check, for the survivor of every case: a possible duplicate exactly where the rules' row scope for check_duplicate holds the case. */
  async function checkHttpDuplicateCheck(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'Case', 'check_duplicate');
    for (const record of records) {
      const name = written.get(String(record.id))?.get('survivor.name');
      const birthDate = written.get(String(record.id))?.get('survivor.birthDate');
      if (typeof name !== 'string' || typeof birthDate !== 'string')
        throw new Error(`${label('Case', record)}: the suite does not know its survivor`);
      const response = await api
        .http()
        .post(`${API}/cases/duplicate-check`)
        .set(ctx.user.auth())
        .send({ name, birthYear: Number(birthDate.slice(0, 4)) });
      tally.http += 1;
      const want = typeLevel ? `200 ${reachable(ctx.oracle, 'Case', 'check_duplicate', record)}` : FORBIDDEN;
      const got = response.status === 200 ? `200 ${String(response.body.possibleDuplicate)}` : problem(response);
      if (got !== want)
        wrong.push(
          `POST /cases/duplicate-check for the survivor of ${label('Case', record)}: ${got}, expected ${want}`,
        );
    }
  }

  /** The referrals or follow-ups of every case, listed under it: 403, 404 for a case out of scope, else exactly its records in scope with their readable keys. */
  async function checkHttpCaseWorkRead(ctx: RoleContext, subject: CaseWork, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, subject, 'read');
    for (const owner of await loadRecords('Case')) {
      const path = `${API}/cases/${String(owner.id)}/${WORK_SEGMENT[subject]}`;
      const page = await listAll(path, ctx.user, 200, 10);
      const want = !typeLevel ? FORBIDDEN : !reachable(ctx.oracle, 'Case', 'read', owner) ? NOT_FOUND : '200';
      const got = 'items' in page ? '200' : problem(page);
      if (got !== want) {
        wrong.push(`GET ${path} (${label('Case', owner)}): ${got}, expected ${want}`);
        continue;
      }
      if (!('items' in page)) continue;
      const ofCase = records.filter((record) => record.caseId === owner.id);
      const expected = sorted(
        ofCase.filter((record) => reachable(ctx.oracle, subject, 'read', record)).map((record) => String(record.id)),
      );
      const ids = sorted(page.items.map((item) => String(item.id)));
      if (!page.ended || JSON.stringify(ids) !== JSON.stringify(expected))
        wrong.push(`GET ${path}: listed ${ids.join(',')}, expected ${expected.join(',')}`);
      for (const item of page.items) {
        const record = ofCase.find((candidate) => candidate.id === item.id);
        if (record) checkBody(ctx.oracle, subject, record, item, `GET ${path} item ${label(subject, record)}`, wrong);
      }
    }
  }

  /** Creating a referral or follow-up under every case (each other DTO field on one case in scope); a provider of org B is refused naming it. */
  const WORK_CREATE: Record<CaseWork, { body(): Rec; wouldBe(body: Rec): Rec; probes: Record<string, () => unknown> }> =
    {
      Referral: {
        body: () => ({ serviceType: 'psychosocial', referredAt: '2026-04-01' }),
        wouldBe: (body) => ({ status: 'pending', providerId: null, ...body }),
        probes: { providerId: () => providerA, note: () => `Probe note ${unique()}` },
      },
      FollowUp: {
        body: () => ({ date: '2026-05-01', type: 'phone_call' }),
        wouldBe: (body) => ({ dueDate: null, ...body }),
        probes: {
          notes: () => `Probe notes ${unique()}`,
          nextAction: () => `Probe next action ${unique()}`,
          dueDate: () => '2026-05-15',
        },
      },
    };
  async function checkHttpCaseWorkCreate(ctx: RoleContext, subject: CaseWork, wrong: string[]) {
    const route = WORK_CREATE[subject];
    const table = subject === 'Referral' ? 'referrals' : 'follow_ups';
    const typeLevel = decide(ctx.oracle, subject, 'create');
    const cases = await loadRecords('Case');
    const inScope = (owner: Rec) =>
      reachable(ctx.oracle, 'Case', 'read', owner) && reachable(ctx.oracle, subject, 'create', { caseId: owner.id });
    const target = cases.find(inScope) ?? cases.find((owner) => owner.organizationId === a.id)!;
    const count = async (caseId: unknown) =>
      (
        (await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId])) as {
          n: number;
        }[]
      )[0].n;
    const post = async (owner: Rec, body: Rec, want: string, note = '') => {
      const path = `${API}/cases/${String(owner.id)}/${WORK_SEGMENT[subject]}`;
      const where = `POST ${path} ${JSON.stringify(Object.keys(body))} (${label('Case', owner)})${note}`;
      const before = await count(owner.id);
      const response = await api.http().post(path).set(ctx.user.auth()).send(body);
      tally.http += 1;
      const got = response.status === 201 ? '201' : normalisedProblem(response);
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const added = (await count(owner.id)) - before;
      if ((added === 1) !== (want === '201') || added > 1) wrong.push(`${where}: ${added} records were created`);
      if (got === '201') {
        const [stored] = (await loadRecords(subject)).filter((candidate) => candidate.id === response.body.id);
        // What it did not send of its sealed fields is stored empty.
        remember(String(response.body.id), subject, {
          ...Object.fromEntries(fieldsOf(subject, ['sensitive']).map((field) => [field, null])),
          ...body,
        });
        if (stored) checkBody(ctx.oracle, subject, stored, response.body as Rec, where, wrong);
        else wrong.push(`${where}: answered 201 with id ${String(response.body.id)}, which is not stored`);
      }
      // The fixtures stay as they are for the next walks.
      if (added > 0)
        await dataSource.query(`DELETE FROM ${table} WHERE case_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
          owner.id,
          [...names.keys()],
        ]);
      return response;
    };
    for (const owner of cases) {
      const bodies = [
        route.body(),
        ...(owner === target
          ? Object.entries(route.probes).map(([field, value]) => ({ ...route.body(), [field]: value() }))
          : []),
      ];
      for (const body of bodies) {
        const record = { caseId: owner.id, ...route.wouldBe(body) };
        const forbidden = Object.keys(body).filter((field) => !decide(ctx.oracle, subject, 'create', field, record));
        const want = !typeLevel
          ? FORBIDDEN
          : !reachable(ctx.oracle, 'Case', 'read', owner)
            ? NOT_FOUND
            : forbidden.length > 0
              ? forbiddenFields(forbidden)
              : '201';
        await post(owner, body, want);
      }
    }
    if (subject === 'Referral') {
      // A provider of another organisation names nothing the caller can use.
      const response = await post(
        target,
        { ...route.body(), providerId: providerB },
        !typeLevel ? FORBIDDEN : `422 ${problemType('business-rule')}`,
        ' with a provider of org B',
      );
      if (
        response.status === 422 &&
        !(response.body.errors as { field: string }[]).some((error) => error.field === 'providerId')
      )
        wrong.push(`POST referral with a provider of org B: the problem does not name providerId`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // 5b. Work plans, their items and activity reports, and reports, over HTTP.
  // -------------------------------------------------------------------------------------------
  /** A plan item and the activity reports under it, each on its own route; 404 for what is out of scope. */
  async function checkHttpPlanItemRead(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'PlanItem', 'read');
    for (const record of records) {
      const path = itemPath(record);
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, 'PlanItem', 'read', record) ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label('PlanItem', record)}): ${got}, expected ${want}`);
      else if (got === '200')
        checkBody(ctx.oracle, 'PlanItem', record, response.body as Rec, `GET ${label('PlanItem', record)}`, wrong);
    }
  }

  /** The activity reports of every item, listed under it (404 for an item out of scope), and each one on its own route. */
  async function checkHttpActivityRead(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'ActivityReport', 'read');
    for (const item of await loadRecords('PlanItem')) {
      const path = `${itemPath(item)}/activities`;
      const page = await listAll(path, ctx.user, 1, 10);
      const want = !typeLevel ? FORBIDDEN : !reachable(ctx.oracle, 'PlanItem', 'read', item) ? NOT_FOUND : '200';
      const got = 'items' in page ? '200' : problem(page);
      if (got !== want) wrong.push(`GET ${path} (${label('PlanItem', item)}): ${got}, expected ${want}`);
      if ('items' in page && got === want) {
        const ofItem = records.filter((record) => record.planItemId === item.id);
        const expected = sorted(
          ofItem
            .filter((record) => reachable(ctx.oracle, 'ActivityReport', 'read', record))
            .map((record) => String(record.id)),
        );
        const ids = sorted(page.items.map((listed) => String(listed.id)));
        if (!page.ended || JSON.stringify(ids) !== JSON.stringify(expected))
          wrong.push(`GET ${path} walked by nextCursor: listed ${ids.join(',')}, expected ${expected.join(',')}`);
        for (const listed of page.items) {
          const record = ofItem.find((candidate) => candidate.id === listed.id);
          if (record)
            checkBody(
              ctx.oracle,
              'ActivityReport',
              record,
              listed,
              `GET ${path} item ${label('ActivityReport', record)}`,
              wrong,
            );
        }
      }
    }
    for (const record of records) {
      const path = `${PLANS}/${String(record.workPlanId)}/items/${String(record.planItemId)}/activities/${String(record.id)}`;
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, 'ActivityReport', 'read', record) ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label('ActivityReport', record)}): ${got}, expected ${want}`);
      else if (got === '200')
        checkBody(
          ctx.oracle,
          'ActivityReport',
          record,
          response.body as Rec,
          `GET ${label('ActivityReport', record)}`,
          wrong,
        );
    }
  }

  /** A plan's progress: 403, 404 out of scope, else its figures for exactly the items the reader may read. */
  async function checkHttpPlanProgress(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'WorkPlan', 'read');
    const items = await loadRecords('PlanItem');
    for (const record of records) {
      const path = `${PLANS}/${String(record.id)}/progress`;
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, 'WorkPlan', 'read', record) ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label('WorkPlan', record)}): ${got}, expected ${want}`);
      if (got !== '200') continue;
      // Its items carry their titles and targets: fields of the items, which only their readers may see.
      const shown = sorted(((response.body.items ?? []) as Rec[]).map((item) => String(item.id)));
      const readable = sorted(
        items
          .filter((item) => item.workPlanId === record.id && reachable(ctx.oracle, 'PlanItem', 'read', item))
          .map((item) => String(item.id)),
      );
      if (JSON.stringify(shown) !== JSON.stringify(readable))
        wrong.push(
          `GET ${path} (${label('WorkPlan', record)}): items ${shown.join(',')}, readable ${readable.join(',')}`,
        );
    }
  }

  /**
   * A plan's workflow step on every plan, and taking every item out of its plan, with a stale version: refused
   * (403 for a step the role may not take, 404 out of read scope) or else answered 409 stale-version, so nothing moves.
   */
  async function checkHttpPlanStep(
    ctx: RoleContext,
    subject: 'WorkPlan' | 'PlanItem',
    action: Action,
    records: Rec[],
    wrong: string[],
  ) {
    const guard = decide(ctx.oracle, subject, action);
    for (const record of records) {
      const id = String(record.id);
      const before = await versionOf(subject, id);
      const stale = before!.version + 1000;
      const request =
        subject === 'WorkPlan'
          ? api
              .http()
              .post(`${PLANS}/${id}/${action}`)
              .send({ version: stale, ...(action === 'submit' ? {} : { comments: 'Matrix probe' }) })
          : api.http().delete(itemPath(record)).set('if-match', `"${stale}"`);
      const response = await request.set(ctx.user.auth());
      tally.http += 1;
      const want = !guard
        ? FORBIDDEN
        : !reachable(ctx.oracle, subject, 'read', record)
          ? NOT_FOUND
          : !reachable(ctx.oracle, subject, action, record)
            ? FORBIDDEN
            : STALE;
      const got = problem(response);
      const where = `${action} of ${label(subject, record)}`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const after = await versionOf(subject, id);
      if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${where}: the record changed`);
    }
  }

  interface CreateAttempt {
    path: string;
    body: Rec;
    /** The subject's fields the body writes, and the record as it would be stored. */
    fields: string[];
    record: Rec;
    /** The record the request names (a plan, an item, a group, a report's scope): out of the reader's scope, 404, or 422 naming the field. */
    gate?: { subject: SubjectName; record: Rec; refusal: 'not-found' | { field: string } };
    note: string;
  }

  /**
   * Creations, each answered 403 for a role that may not create, 404 or 422 (naming the field) when the record
   * they name is out of the caller's read scope, 403 forbidden-fields naming exactly the fields the caller may
   * not write on the record as it would be, else `status` with exactly the readable keys of the stored record:
   * one record saved exactly when accepted. What was created is removed (and `restore` undoes its side effects).
   */
  async function checkCreates(
    ctx: RoleContext,
    subject: SubjectName,
    status: number,
    attempts: CreateAttempt[],
    table: string,
    wrong: string[],
    restore?: () => Promise<void>,
  ) {
    const typeLevel = decide(ctx.oracle, subject, 'create');
    const fixtures = [...names.keys()];
    for (const attempt of attempts) {
      const { gate } = attempt;
      const forbidden = attempt.fields.filter((field) => !decide(ctx.oracle, subject, 'create', field, attempt.record));
      const refused = gate !== undefined && !reachable(ctx.oracle, gate.subject, 'read', gate.record);
      const want = !typeLevel
        ? FORBIDDEN
        : refused
          ? gate.refusal === 'not-found'
            ? NOT_FOUND
            : `422 ${problemType('business-rule')}`
          : forbidden.length > 0
            ? forbiddenFields(forbidden)
            : String(status);
      const response = await api.http().post(attempt.path).set(ctx.user.auth()).send(attempt.body);
      tally.http += 1;
      const got = response.status === status ? String(status) : normalisedProblem(response);
      const where = `POST ${attempt.path} ${JSON.stringify(attempt.fields)} (${attempt.note})`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      if (got === want && want.startsWith('422') && gate?.refusal !== undefined && gate.refusal !== 'not-found') {
        const { field } = gate.refusal;
        if (!((response.body.errors ?? []) as { field: string }[]).some((error) => error.field === field))
          wrong.push(`${where}: the problem does not name ${field}`);
      }
      const fresh = (
        (await dataSource.query(`SELECT id FROM ${table} WHERE NOT (id = ANY($1::uuid[]))`, [fixtures])) as {
          id: string;
        }[]
      ).map((row) => row.id);
      if (fresh.length !== (want === String(status) ? 1 : 0))
        wrong.push(`${where}: ${fresh.length} records were created`);
      if (got === String(status) && fresh.length === 1) {
        const [stored] = (await loadRecords(subject)).filter((candidate) => candidate.id === fresh[0]);
        if (response.body.id !== fresh[0])
          wrong.push(`${where}: answered id ${String(response.body.id)}, stored ${fresh[0]}`);
        checkBody(ctx.oracle, subject, stored, response.body as Rec, where, wrong);
      }
      if (fresh.length > 0) {
        await dataSource.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [fresh]);
        await restore?.();
      }
    }
  }

  /** A new plan for every group of both organisations (422 naming groupId out of read scope), and with each optional field on a group in scope. */
  async function checkHttpWorkPlanCreate(ctx: RoleContext, wrong: string[]) {
    const groups = await loadRecords('Group');
    const attempt = (group: Rec, extra: Rec = {}): CreateAttempt => {
      const body = { groupId: group.id, year: PLAN_YEAR + 4, ...extra };
      const record = {
        organizationId: a.id,
        groupId: group.id,
        villageId: group.villageId,
        regionId: group.regionId,
        year: body.year,
        status: 'draft',
        copiedFromId: extra.copyFrom ?? null,
      };
      const fields = Object.keys(body).map((key) => (key === 'copyFrom' ? 'copiedFromId' : key));
      return {
        path: PLANS,
        body,
        fields,
        record,
        gate: { subject: 'Group', record: group, refusal: { field: 'groupId' } },
        note: `for ${label('Group', group)}`,
      };
    };
    const target =
      groups.find(
        (group) =>
          reachable(ctx.oracle, 'Group', 'read', group) &&
          decide(ctx.oracle, 'WorkPlan', 'create', 'groupId', attempt(group).record),
      ) ?? groups.find((group) => group.id === a.groups.a)!;
    const attempts = [
      ...groups.map((group) => attempt(group)),
      attempt(target, { goals: 'Probe goals' }),
      attempt(target, { copyFrom: planA }),
    ];
    await checkCreates(ctx, 'WorkPlan', 201, attempts, 'work_plans', wrong);
  }

  /** A new item under every plan (404 out of read scope), and with each optional field under one plan in scope. */
  async function checkHttpPlanItemCreate(ctx: RoleContext, wrong: string[]) {
    const plans = await loadRecords('WorkPlan');
    const attempt = (plan: Rec, extra: Rec = {}): CreateAttempt => {
      const body = itemBody({ title: `Probe item ${unique()}`, ...extra });
      const record = {
        organizationId: plan.organizationId,
        regionId: plan.regionId,
        groupId: plan.groupId,
        workPlanId: plan.id,
        status: 'planned',
      };
      return {
        path: `${PLANS}/${String(plan.id)}/items`,
        body,
        fields: Object.keys(body),
        record,
        gate: { subject: 'WorkPlan', record: plan, refusal: 'not-found' },
        note: `in ${label('WorkPlan', plan)}`,
      };
    };
    const target =
      plans.find(
        (plan) =>
          reachable(ctx.oracle, 'WorkPlan', 'read', plan) &&
          reachable(ctx.oracle, 'PlanItem', 'create', attempt(plan).record),
      ) ?? plans.find((plan) => plan.id === planA)!;
    const probes: Rec[] = [
      { keyPersons: 'Tokoh adat' },
      { budget: 900_000 },
      { drppaIndicators: ['rights_based_parenting'] },
    ];
    await checkCreates(
      ctx,
      'PlanItem',
      201,
      [...plans.map((plan) => attempt(plan)), ...probes.map((extra) => attempt(target, extra))],
      'plan_items',
      wrong,
    );
  }

  /** The items' statuses as they are, and a function that puts them back (an activity report or a status probe moves them). */
  async function itemStatuses(): Promise<() => Promise<void>> {
    const snapshot = (await dataSource.query(`SELECT id, status, version, updated_at FROM plan_items`)) as {
      id: string;
      status: string;
      version: number;
      updated_at: Date;
    }[];
    return async () => {
      for (const row of snapshot)
        await dataSource.query(`UPDATE plan_items SET status = $2, version = $3, updated_at = $4 WHERE id = $1`, [
          row.id,
          row.status,
          row.version,
          row.updated_at,
        ]);
    };
  }

  /** A new activity report under every item (404 out of read scope), and with each optional field under one item in scope; the items' statuses restored after. */
  async function checkHttpActivityCreate(ctx: RoleContext, wrong: string[]) {
    const items = await loadRecords('PlanItem');
    const restore = await itemStatuses();
    const attempt = (item: Rec, extra: Rec = {}): CreateAttempt => {
      const body = activityBody(`${PLAN_YEAR}-01-01`, undefined, extra);
      const record = {
        organizationId: item.organizationId,
        regionId: item.regionId,
        groupId: item.groupId,
        planItemId: item.id,
        workPlanId: item.workPlanId,
      };
      return {
        path: `${itemPath(item)}/activities`,
        body,
        fields: keysOf('ActivityReport', body),
        record,
        gate: { subject: 'PlanItem', record: item, refusal: 'not-found' },
        note: `under ${label('PlanItem', item)}`,
      };
    };
    const target =
      items.find(
        (item) =>
          reachable(ctx.oracle, 'PlanItem', 'read', item) &&
          reachable(ctx.oracle, 'ActivityReport', 'create', attempt(item).record),
      ) ?? items.find((item) => item.workPlanId === planA)!;
    const probes: Rec[] = [
      { results: 'Probe results' },
      { obstacles: 'Probe obstacles' },
      { lessons: 'Probe lessons' },
    ];
    await checkCreates(
      ctx,
      'ActivityReport',
      201,
      [...items.map((item) => attempt(item)), ...probes.map((extra) => attempt(target, extra))],
      'activity_reports',
      wrong,
      restore,
    );
  }

  /** A report request at every level, for every place of both organisations: 422 naming scope.id for a place the caller cannot read. */
  async function checkHttpReportCreate(ctx: RoleContext, wrong: string[]) {
    const places: { level: string; subject?: SubjectName; record?: Rec }[] = [{ level: 'organization' }];
    for (const [level, subject] of [
      ['region', 'Region'],
      ['village', 'Village'],
      ['group', 'Group'],
    ] as const) {
      for (const record of await loadRecords(subject)) places.push({ level, subject, record });
    }
    const attempts = places.map(({ level, subject, record }): CreateAttempt => {
      const body = {
        kind: 'annual_evaluation',
        year: PLAN_YEAR,
        scope: { level, id: record?.id ?? null },
        format: 'pdf',
        locale: 'id',
        audience: 'internal',
      };
      const regionId = subject === 'Region' ? record!.id : (record?.regionId ?? null);
      const stored = {
        organizationId: a.id,
        requestedBy: ctx.oracle.userId,
        kind: body.kind,
        year: body.year,
        scopeLevel: level,
        scopeId: body.scope.id,
        regionId,
        groupId: subject === 'Group' ? record!.id : null,
      };
      return {
        path: `${API}/reports`,
        body,
        fields: keysOf('Report', body),
        record: stored,
        gate: subject ? { subject, record: record!, refusal: { field: 'scope.id' } } : undefined,
        note: subject ? `for ${label(subject, record!)}` : 'for the organisation',
      };
    });
    await checkCreates(ctx, 'Report', 202, attempts, 'reports', wrong);
  }

  /** A binary body, read whole (a problem is parsed as JSON). */
  const binary = (response: Response, done: (error: Error | null, body: unknown) => void) => {
    const stream = response as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };

  /**
   * Reports: the caller's own requests in their read scope listed (walked one per page), every report on its own
   * route (404 out of scope), and its file: 403 for one whose file the caller may not read, 409 while it is not
   * ready or once expired, else the bytes stored, never cached.
   */
  async function checkHttpReportRead(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'Report', 'read');
    const page = await listAll(`${API}/reports`, ctx.user, 1, records.length + 2);
    if (!typeLevel) {
      if ('items' in page || problem(page) !== FORBIDDEN)
        wrong.push(`GET /reports: ${'items' in page ? '200' : problem(page)}, expected ${FORBIDDEN}`);
    } else if (!('items' in page)) {
      wrong.push(`GET /reports: ${problem(page)}, expected 200`);
    } else {
      const own = records.filter(
        (record) => record.requestedBy === ctx.oracle.userId && reachable(ctx.oracle, 'Report', 'read', record),
      );
      const ids = page.items.map((item) => String(item.id));
      const expected = sorted(own.map((record) => String(record.id)));
      if (!page.ended || ids.length !== new Set(ids).size || JSON.stringify(sorted(ids)) !== JSON.stringify(expected)) {
        wrong.push(
          `GET /reports?limit=1 walked by nextCursor: ${JSON.stringify(ids)}${page.ended ? '' : ' (did not end)'}, expected ${JSON.stringify(expected)}`,
        );
      }
      for (const item of page.items) {
        const record = own.find((candidate) => candidate.id === item.id);
        if (record)
          checkBody(ctx.oracle, 'Report', record, item, `GET /reports item ${label('Report', record)}`, wrong);
      }
    }
    for (const record of records) {
      const path = `${API}/reports/${String(record.id)}`;
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const readable = reachable(ctx.oracle, 'Report', 'read', record);
      const want = !typeLevel ? FORBIDDEN : readable ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label('Report', record)}): ${got}, expected ${want}`);
      else if (got === '200')
        checkBody(ctx.oracle, 'Report', record, response.body as Rec, `GET ${label('Report', record)}`, wrong);

      const download = await api.http().get(`${path}/file`).set(ctx.user.auth()).buffer(true).parse(binary);
      tally.http += 1;
      const file = reportFiles.get(String(record.id));
      const fileWant = !typeLevel
        ? FORBIDDEN
        : !readable
          ? NOT_FOUND
          : !decide(ctx.oracle, 'Report', 'read', 'file', record)
            ? FORBIDDEN
            : record.status !== 'succeeded' || !file
              ? `409 ${problemType('conflict')}`
              : '200';
      const body = download.body as Buffer;
      const fileGot =
        download.status === 200
          ? '200'
          : `${download.status} ${String((JSON.parse(body.toString('utf8') || '{}') as Rec).type ?? '')}`;
      const where = `GET ${path}/file (${label('Report', record)})`;
      if (fileGot !== fileWant) wrong.push(`${where}: ${fileGot}, expected ${fileWant}`);
      else if (fileGot === '200' && (!file || !body.equals(file) || download.headers['cache-control'] !== 'no-store')) {
        wrong.push(
          `${where}: ${body.length} bytes (stored ${file?.length ?? 0}), cache-control ${String(download.headers['cache-control'])}`,
        );
      }
    }
  }

  /** The report queue: 403 without the right to read it, else exactly its readable keys, with the organisation's requests counted by status. */
  async function checkHttpReportQueue(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const response = await api.http().get(`${API}/reports/queue`).set(ctx.user.auth());
    tally.http += 1;
    const want = decide(ctx.oracle, 'ReportQueue', 'read') ? '200' : FORBIDDEN;
    const got = response.status === 200 ? '200' : problem(response);
    if (got !== want) wrong.push(`GET /reports/queue: ${got}, expected ${want}`);
    if (got !== '200') return;
    const own = records.find((record) => record.organizationId === a.id)!;
    const keys = sorted(keysOf('ReportQueue', response.body as Rec));
    const readable = readableFieldsOf(ctx.oracle, 'ReportQueue', own);
    if (JSON.stringify(keys) !== JSON.stringify(sorted(readable)))
      wrong.push(`GET /reports/queue: keys ${keys.join(',')}, readable ${sorted(readable).join(',')}`);
    const counts = (await dataSource.query(
      `SELECT status, count(*)::int AS n FROM reports WHERE organization_id = $1 GROUP BY status`,
      [a.id],
    )) as { status: string; n: number }[];
    for (const status of ['queued', 'running', 'succeeded', 'failed', 'expired']) {
      const n = counts.find((row) => row.status === status)?.n ?? 0;
      if (readable.includes(`organization.${status}`) && response.body.organization?.[status] !== n)
        wrong.push(
          `GET /reports/queue: organization.${status} ${String(response.body.organization?.[status])}, the table has ${n}`,
        );
    }
  }

  async function checkHttp(ctx: RoleContext, subject: SubjectName, action: Action, records: Rec[], wrong: string[]) {
    if (subject === 'WorkPlan') {
      if (action === 'read') await checkHttpRead(ctx, subject, records, wrong);
      if (action === 'read') await checkHttpPlanProgress(ctx, records, wrong);
      if (action === 'create') await checkHttpWorkPlanCreate(ctx, wrong);
      if (action === 'update') await checkHttpUpdate(ctx, subject, records, wrong);
      if (action === 'submit' || action === 'approve' || action === 'return')
        await checkHttpPlanStep(ctx, subject, action, records, wrong);
      return;
    }
    if (subject === 'PlanItem') {
      if (action === 'read') await checkHttpPlanItemRead(ctx, records, wrong);
      if (action === 'create') await checkHttpPlanItemCreate(ctx, wrong);
      if (action === 'update') {
        const restore = await itemStatuses();
        await checkHttpUpdate(ctx, subject, records, wrong);
        await restore();
      }
      if (action === 'delete') await checkHttpPlanStep(ctx, subject, action, records, wrong);
      return;
    }
    if (subject === 'ActivityReport') {
      if (action === 'read') await checkHttpActivityRead(ctx, records, wrong);
      if (action === 'create') await checkHttpActivityCreate(ctx, wrong);
      return;
    }
    if (subject === 'Report') {
      if (action === 'read') await checkHttpReportRead(ctx, records, wrong);
      if (action === 'create') await checkHttpReportCreate(ctx, wrong);
      return;
    }
    if (subject === 'ReportQueue') {
      if (action === 'read') await checkHttpReportQueue(ctx, records, wrong);
      return;
    }
    // Set-up, recovery and revocation need a fresh sign-in and end sessions: test/devices.e2e-spec.ts walks them.
    if (subject === 'Device') {
      if (action === 'read') await checkHttpRead(ctx, subject, records, wrong);
      return;
    }
    if (subject === 'AdminRequest') {
      if (action === 'read') await checkHttpRead(ctx, subject, records, wrong);
      if (action === 'create') await checkHttpAdminRequestCreate(ctx, wrong);
      if (action === 'approve' || action === 'refuse' || action === 'collect')
        await checkHttpAdminRequestStep(ctx, action, records, wrong);
      return;
    }
    if (isCaseWork(subject)) {
      if (action === 'read') await checkHttpCaseWorkRead(ctx, subject, records, wrong);
      if (action === 'create') await checkHttpCaseWorkCreate(ctx, subject, wrong);
      if (action === 'update') await checkHttpUpdate(ctx, subject, records, wrong);
      return;
    }
    if (subject === 'Case' && action in TRANSITION_TO) await checkHttpCaseStep(ctx, action, records, wrong);
    if (subject === 'Case' && action === 'assign') await checkHttpCaseStep(ctx, action, records, wrong);
    if (subject === 'Case' && action === 'check_duplicate') await checkHttpDuplicateCheck(ctx, records, wrong);
    if (subject === 'Case' && action === 'read') await checkHttpCaseReadings(ctx, records, wrong);
    if (action === 'read')
      await checkHttpRead(
        ctx,
        subject,
        subject === 'AuditEvent' ? await loadRecords(subject, { allEvents: true }) : records,
        wrong,
      );
    if (action === 'create' && subject === 'GroupMember') await checkHttpGroupMember(ctx, wrong);
    else if (action === 'create') await checkHttpCreate(ctx, subject, wrong);
    if (action === 'update') await checkHttpUpdate(ctx, subject, records, wrong);
    if (action === 'verify' && subject === 'AuditEvent') await checkHttpVerify(ctx, wrong);
  }

  // -------------------------------------------------------------------------------------------
  // The walk: one test per role × subject × action; its fields are walked inside.
  // -------------------------------------------------------------------------------------------
  async function walk(role: Role, subject: SubjectName, action: Action) {
    const ctx = roles[role];
    const fields = fieldsOf(subject);
    expect(fields.length).toBeGreaterThan(0);
    const records = await loadRecords(subject);
    // Real records on both sides of every boundary: the actor's organisation and the other one.
    expect(records.some((record) => PLACEMENT[subject](record).organization === a.id)).toBe(true);
    expect(records.some((record) => PLACEMENT[subject](record).organization === b.id)).toBe(true);

    const wrong: string[] = [];
    // Type level, without a field: what the route guard asks.
    const typeLevel = decide(ctx.oracle, subject, action);
    for (const [source, ability] of [
      ['server', ctx.ability],
      ['published', ctx.published],
    ] as const) {
      if (ability.can(action, subject) !== typeLevel)
        wrong.push(`${source} ability, type level: should be ${typeLevel ? 'allowed' : 'denied'}`);
      // On a record, without a field: what a workflow step or an assignment asks (ScopedResources.act).
      for (const record of records) {
        const expected = reachable(ctx.oracle, subject, action, record);
        tally.abilityDecisions += 1;
        if (ability.can(action, asSubject(subject, { ...record })) !== expected)
          wrong.push(
            `${source} ability: ${action} on ${label(subject, record)} should be ${expected ? 'allowed' : 'denied'}`,
          );
      }
    }
    for (const field of fields) checkAbilities(ctx, subject, action, field, records, wrong);
    if (action === 'create' || action === 'update') await checkWrites(ctx, subject, action, records, wrong);
    if (action === 'read') checkViews(ctx, subject, records, wrong);
    await checkRowScope(ctx, subject, action, records, wrong);
    await checkHttp(ctx, subject, action, records, wrong);
    expect(wrong).toEqual([]);
    cellsWalked += fields.length;
  }

  it('loads each actor with the scope the world gave them', () => {
    for (const role of ROLES) {
      const { actor } = roles[role].auth;
      const { oracle } = roles[role];
      expect({ role: actor.role, organizationId: actor.organizationId, userId: actor.userId }).toEqual({
        role,
        organizationId: oracle.organizationId,
        userId: oracle.userId,
      });
      expect(sorted(actor.coordinatedRegionIds)).toEqual(sorted(oracle.coordinatedRegionIds));
      expect(sorted(actor.memberGroupIds)).toEqual(sorted(oracle.memberGroupIds));
      expect(sorted(actor.memberVillageIds)).toEqual(sorted(oracle.memberVillageIds));
      expect(sorted(actor.memberRegionIds)).toEqual(sorted(oracle.memberRegionIds));
    }
  });

  describe.each([...ROLES])('%s', (role) => {
    describe.each([...SUBJECT_NAMES])('%s', (subject) => {
      it.each([...ACTIONS])('%s', (action) => walk(role, subject, action));
    });
  });

  it('walked every cell of the table', () => {
    const fields = SUBJECT_NAMES.reduce((sum, subject) => sum + fieldsOf(subject).length, 0);
    console.log(
      `rules matrix: ${cellsWalked} cells walked (${ROLES.length} roles × ${ACTIONS.length} actions × ${fields} fields of ${SUBJECT_NAMES.length} subjects); ` +
        `${tally.abilityDecisions} ability decisions, ${tally.rowScopes} SQL row scopes, ${tally.views} readable views, ${tally.writes} field writes, ${tally.http} HTTP requests`,
    );
    expect(cellsWalked).toBe(ROLES.length * ACTIONS.length * fields);
  });
});
