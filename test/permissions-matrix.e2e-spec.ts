import { randomBytes } from 'node:crypto';
import { createMongoAbility, RawRuleOf, subject as asSubject } from '@casl/ability';
import { PackRule, unpackRules } from '@casl/ability/extra';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  Action, ACTIONS, AppAbility, applyRowScope, assertWritable, buildAbility, fieldsOf, ForbiddenFieldsError, PERMISSION_TABLE, PermissionRow, readableView,
  RequestAuth, ResourceSpec, Role, ROLES, Scope, ScopedResources, SUBJECT_NAMES, SubjectName, SUBJECTS,
} from '@pendamping/auth';
import { AuditEventEntity, GroupEntity, OrganizationEntity, RegionEntity, ServiceProviderEntity, UserEntity, VillageEntity } from '@pendamping/auth/entities';
import { GROUPS, REGIONS, SERVICE_PROVIDERS, VILLAGES } from '@pendamping/auth/organizations/directory.specs';
import { ActorLoader } from '@pendamping/auth/permissions/actor-loader';
import { DomainError, problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, Organisation, SignedInUser, TEST_PASSWORD } from './support/world';

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
 * 4. writes: for every field, a create/update setting it goes through ScopedResources (the path every
 *    service writes by) or assertWritable, and is accepted or refused whole, nothing saved;
 * 5. HTTP, wherever the API exposes the cell: list, get, create, update, add member, MFA reset and
 *    audit verify answer 200/201/204 with exactly the readable keys (forbidden ones absent), 403 for
 *    an action the role may not take, 404 for a record out of scope (422 naming the field for a
 *    parent id of another organisation in a create), and 403 forbidden-fields for a field it may not
 *    write, the row unchanged. Every field a create/update DTO accepts is probed on its own; fields no
 *    DTO accepts are refused by validation first, and their write cells are covered by 4. Lists are
 *    also walked one item per page by nextCursor: each row in scope exactly once.
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
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const PLACEMENT: Record<SubjectName, (record: Rec) => Placement> = {
  Organization: (r) => ({ organization: text(r.id) }),
  Region: (r) => ({ organization: text(r.organizationId), region: text(r.id) }),
  Village: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), village: text(r.id) }),
  Group: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), village: text(r.villageId), group: text(r.id) }),
  GroupMember: (r) => ({ organization: text(r.organizationId), region: text(r.regionId), group: text(r.groupId) }),
  ServiceProvider: (r) => ({ organization: text(r.organizationId), region: text(r.regionId) }),
  User: (r) => ({ organization: text(r.organizationId), user: text(r.id) }),
  AuditEvent: (r) => ({ organization: text(r.organizationId) }),
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
  }
}

/** The fields a row speaks of: its field list, the fields of its classes, or all of them. */
function fieldsOfRow(row: PermissionRow): readonly string[] {
  const classes = SUBJECTS[row.subject].fields as Record<string, string>;
  if (row.fields) return row.fields;
  if (row.fieldClasses) return Object.keys(classes).filter((field) => (row.fieldClasses as readonly string[]).includes(classes[field]));
  return Object.keys(classes);
}

function rowsFor(role: Role, subject: SubjectName, action: Action, field?: string): PermissionRow[] {
  return PERMISSION_TABLE.filter(
    (row) => row.role === role && row.subject === subject && row.actions.includes(action) && (field === undefined || fieldsOfRow(row).includes(field)),
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

const readableFieldsOf = (actor: OracleActor, subject: SubjectName, record: Rec) => fieldsOf(subject).filter((field) => decide(actor, subject, 'read', field, record));

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
  AuditEvent: AuditEventEntity,
};

type VersionedRow = ObjectLiteral & { id: string; createdAt: Date; version: number };
const USERS_SPEC: ResourceSpec<UserEntity> = { entity: UserEntity, subject: 'User', view: (row) => ({ id: row.id }) };
/** Subjects written through ScopedResources (they have a versioned table); the others are checked with assertWritable. */
const WRITE_SPEC: Partial<Record<SubjectName, ResourceSpec<VersionedRow>>> = {
  Region: REGIONS as unknown as ResourceSpec<VersionedRow>,
  Village: VILLAGES as unknown as ResourceSpec<VersionedRow>,
  Group: GROUPS as unknown as ResourceSpec<VersionedRow>,
  ServiceProvider: SERVICE_PROVIDERS as unknown as ResourceSpec<VersionedRow>,
  User: USERS_SPEC as unknown as ResourceSpec<VersionedRow>,
};

/** Fields of a subject the API never returns to anyone, whatever the rules (write-only). */
const NEVER_RETURNED: Partial<Record<SubjectName, string[]>> = { User: ['password'] };

const API = '/api/v1';
const READ_ROUTES: Partial<Record<SubjectName, { list: string; item?: string }>> = {
  Region: { list: `${API}/regions`, item: `${API}/regions` },
  Village: { list: `${API}/villages`, item: `${API}/villages` },
  Group: { list: `${API}/groups`, item: `${API}/groups` },
  ServiceProvider: { list: `${API}/service-providers`, item: `${API}/service-providers` },
  User: { list: `${API}/users`, item: `${API}/users` },
  AuditEvent: { list: `${API}/audit` },
};

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
  /** A companion of org A in no group: the target of membership, MFA-reset and field probes, so the actors keep their scope and sessions. */
  let spareId: string;
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

    const post = async (user: SignedInUser, path: string, body: object) => (await api.http().post(`${API}/${path}`).set(user.auth()).send(body).expect(201)).body.id as string;
    spareId = await post(a.admin, 'users', { email: `spare-${unique()}@example.test`, name: 'Spare companion', password: TEST_PASSWORD, role: 'companion' });
    // The service directory: one provider bound to a region, one organisation-wide, one in the other organisation.
    await post(a.admin, 'service-providers', { name: 'Unit PPA Polres Kupang', serviceType: 'police', regionId: a.regions.a, phone: '0380-000000' });
    await post(a.admin, 'service-providers', { name: 'LBH APIK NTT', serviceType: 'legal_aid' });
    await post(b.admin, 'service-providers', { name: 'Puskesmas SoE', serviceType: 'health', regionId: b.regions.b });

    const none: string[] = [];
    const world: Record<Role, { user: SignedInUser; oracle: Omit<OracleActor, 'role' | 'userId' | 'organizationId'> }> = {
      companion: {
        user: a.companionA,
        oracle: { coordinatedRegionIds: none, memberGroupIds: [a.groups.a], memberVillageIds: [a.villages.a], memberRegionIds: [a.regions.a] },
      },
      coordinator: { user: a.coordinatorA, oracle: { coordinatedRegionIds: [a.regions.a], memberGroupIds: none, memberVillageIds: none, memberRegionIds: none } },
      reviewer: { user: a.reviewer, oracle: { coordinatedRegionIds: none, memberGroupIds: none, memberVillageIds: none, memberRegionIds: none } },
      org_admin: { user: a.admin, oracle: { coordinatedRegionIds: none, memberGroupIds: none, memberVillageIds: none, memberRegionIds: none } },
    };
    for (const role of ROLES) {
      const { user, oracle } = world[role];
      const sessionId = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString('utf8')).sid as string;
      const actor = await api.app.get(ActorLoader).load(user.id, a.id, sessionId);
      if (!actor) throw new Error(`the ${role} of the world did not load as an actor`);
      const packed = (await api.http().get(`${API}/me/abilities`).set(user.auth()).expect(200)).body.rules as PackRule<RawRuleOf<AppAbility>>[];
      const ability = buildAbility(actor);
      roles[role] = {
        user,
        oracle: { role, userId: user.id, organizationId: a.id, ...oracle },
        ability,
        published: createMongoAbility<AppAbility>(unpackRules(packed)),
        auth: { actor, ability, mfa: 'complete', sessionId, requestId: `matrix-${role}` },
      };
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  /** Every record of the subject in the database (both organisations), as the rules' conditions see it. */
  async function loadRecords(subject: SubjectName): Promise<Rec[]> {
    if (subject === 'GroupMember') {
      return dataSource.query(
        `SELECT ug.organization_id AS "organizationId", ug.group_id AS "groupId", g.region_id AS "regionId", ug.user_id AS "userId"
           FROM user_groups ug JOIN groups g ON g.id = ug.group_id`,
      );
    }
    const rows = (await dataSource.getRepository(ENTITY[subject]!).find()) as Rec[];
    if (subject !== 'User') return rows;
    // The user's scope and MFA state are fields of the User subject, not columns.
    const groups: { user_id: string; group_id: string }[] = await dataSource.query(`SELECT user_id, group_id FROM user_groups`);
    const regions: { user_id: string; region_id: string }[] = await dataSource.query(`SELECT user_id, region_id FROM user_regions`);
    return rows.map((row) => ({
      ...row,
      groupIds: groups.filter((g) => g.user_id === row.id).map((g) => g.group_id),
      regionIds: regions.filter((r) => r.user_id === row.id).map((r) => r.region_id),
      mfaEnrolled: row.totpEnrolledAt !== null,
    }));
  }

  const orgLabel = (organizationId: string | undefined) => (organizationId === a.id ? 'A' : organizationId === b.id ? 'B' : String(organizationId));
  const label = (subject: SubjectName, record: Rec) =>
    `${subject} ${String(record.id ?? `${String(record.groupId)}/${String(record.userId)}`)} (org ${orgLabel(PLACEMENT[subject](record).organization)})`;
  const sorted = (values: string[]) => [...values].sort();
  const normalise = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  const expectedKeys = (actor: OracleActor, subject: SubjectName, record: Rec) =>
    sorted(readableFieldsOf(actor, subject, record).filter((field) => !(NEVER_RETURNED[subject] ?? []).includes(field)));

  /** The body of one record as the API returned it: exactly the readable keys, with the record's values. */
  function checkBody(actor: OracleActor, subject: SubjectName, record: Rec, body: Rec, where: string, wrong: string[]) {
    const keys = sorted(Object.keys(body));
    const expected = expectedKeys(actor, subject, record);
    if (JSON.stringify(keys) !== JSON.stringify(expected)) wrong.push(`${where}: keys ${keys.join(',')} but readable ${expected.join(',')}`);
    for (const key of keys) {
      if (!(key in record)) continue;
      const want = normalise(record[key]);
      const got = body[key];
      const same = Array.isArray(want) && Array.isArray(got) ? JSON.stringify(sorted(want.map(String))) === JSON.stringify(sorted(got.map(String))) : JSON.stringify(got) === JSON.stringify(want);
      if (!same) wrong.push(`${where}: ${key} is ${JSON.stringify(got)}, the record has ${JSON.stringify(want)}`);
    }
  }

  const problem = (response: Response) => `${response.status} ${String(response.body?.type ?? '')}${response.body?.fields ? ` ${JSON.stringify(response.body.fields)}` : ''}`;
  const FORBIDDEN = `403 ${problemType('forbidden')}`;
  const NOT_FOUND = `404 ${problemType('not-found')}`;
  const forbiddenFields = (fields: string[]) => `403 ${problemType('forbidden-fields')} ${JSON.stringify(sorted(fields))}`;
  const normalisedProblem = (response: Response) =>
    response.status === 403 && response.body?.type === problemType('forbidden-fields') ? forbiddenFields(response.body.fields as string[]) : problem(response);

  async function versionOf(subject: SubjectName, id: string): Promise<{ version: number; updatedAt: string } | undefined> {
    const row = (await dataSource.getRepository(ENTITY[subject]!).findOneBy({ id })) as { version: number; updatedAt: Date } | null;
    return row ? { version: row.version, updatedAt: row.updatedAt.toISOString() } : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // 1. The abilities.
  // -------------------------------------------------------------------------------------------
  function checkAbilities(ctx: RoleContext, subject: SubjectName, action: Action, field: string, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, subject, action, field);
    for (const [source, ability] of [['server', ctx.ability], ['published', ctx.published]] as const) {
      tally.abilityDecisions += 1;
      if (ability.can(action, subject, field) !== typeLevel) wrong.push(`${source} ability, type level: ${field} should be ${typeLevel ? 'allowed' : 'denied'}`);
      for (const record of records) {
        const expected = decide(ctx.oracle, subject, action, field, record);
        tally.abilityDecisions += 1;
        if (ability.can(action, asSubject(subject, { ...record }), field) !== expected) {
          wrong.push(`${source} ability: ${field} of ${label(subject, record)} should be ${expected ? 'allowed' : 'denied'}`);
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // 2. Rows, in SQL.
  // -------------------------------------------------------------------------------------------
  async function checkRowScope(ctx: RoleContext, subject: SubjectName, action: Action, records: Rec[], wrong: string[]) {
    const entity = ENTITY[subject];
    if (!entity) return;
    const ids = records.map((record) => String(record.id));
    const query = applyRowScope(dataSource.getRepository(entity).createQueryBuilder('row'), ctx.ability, action, subject, 'row');
    const rows = (await query.andWhere('row.id IN (:...ids)', { ids }).getMany()) as Rec[];
    tally.rowScopes += 1;
    const expected = records.filter((record) => reachable(ctx.oracle, subject, action, record)).map((record) => label(subject, record));
    const actual = rows.map((row) => label(subject, row));
    const extra = actual.filter((row) => !expected.includes(row));
    const missing = expected.filter((row) => !actual.includes(row));
    if (extra.length || missing.length) wrong.push(`SQL row scope for ${action}: returned out of scope [${extra.join('; ')}], missing [${missing.join('; ')}]`);
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
        wrong.push(`readable view of ${label(subject, record)}: ${sorted(Object.keys(view)).join(',')} but readable ${expected.join(',')}`);
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

  async function checkWrites(ctx: RoleContext, subject: SubjectName, action: 'create' | 'update', field: string, records: Rec[], wrong: string[]) {
    const spec = WRITE_SPEC[subject];
    for (const record of records) {
      const allowed = decide(ctx.oracle, subject, action, field, record);
      const body = { [field]: record[field] ?? null };
      const where = `${action} ${field} of ${label(subject, record)}`;
      tally.writes += 1;
      if (!spec) {
        // No table of its own, or no versioned writes: the primitive every write goes through.
        const got = await outcome(async () => assertWritable(ctx.ability, action, subject, record, body));
        const want = allowed ? 'saved' : `forbidden-fields ${JSON.stringify([field])}`;
        if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
        continue;
      }
      const id = String(record.id);
      if (action === 'create') {
        // The record as it would be stored; persisting is reached only past the field check, and rolled back.
        let reached = false;
        const got = await outcome(() =>
          resources.create(spec, ctx.auth, { ...record }, body, async () => {
            reached = true;
            throw new Persisted();
          }),
        );
        const want = allowed ? 'saved' : `forbidden-fields ${JSON.stringify([field])}`;
        if (got !== want || reached !== allowed) wrong.push(`${where}: ${got}${reached ? ' (persist reached)' : ''}, expected ${want}`);
        continue;
      }
      const before = await versionOf(subject, id);
      if (!before) throw new Error(`${where}: the record vanished`);
      const got = await outcome(() => resources.update(spec, ctx.auth, id, before.version, body, async () => undefined));
      const want = !reachable(ctx.oracle, subject, 'update', record) ? 'not-found' : allowed ? 'saved' : `forbidden-fields ${JSON.stringify([field])}`;
      const after = await versionOf(subject, id);
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const changed = after?.version !== before.version || after?.updatedAt !== before.updatedAt;
      if (changed !== (want === 'saved')) wrong.push(`${where}: the row ${changed ? 'changed' : 'did not change'} (${JSON.stringify(before)} → ${JSON.stringify(after)})`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // 5. HTTP, where the API exposes the cell.
  // -------------------------------------------------------------------------------------------
  /** Every page of a list, following nextCursor; stops after `maxPages` (then `ended` is false). */
  async function listAll(path: string, user: SignedInUser, limit = 200, maxPages = 200): Promise<Response | { items: Rec[]; ended: boolean }> {
    const items: Rec[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const response = await api.http().get(path).query({ limit, ...(cursor ? { cursor } : {}) }).set(user.auth());
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
      if (listed || problem(page as Response) !== FORBIDDEN) wrong.push(`GET ${route.list}: ${listed ? '200' : problem(page as Response)}, expected ${FORBIDDEN}`);
    } else if (!listed || !('ended' in page) || !page.ended) {
      wrong.push(`GET ${route.list}: ${listed ? 'did not stop paging' : problem(page as Response)}, expected 200`);
    } else {
      const byId = new Map(records.map((record) => [String(record.id), record]));
      const ids = listed.map((item) => String(item.id));
      const expected = records.filter((record) => reachable(ctx.oracle, subject, 'read', record)).map((record) => String(record.id));
      if (new Set(ids).size !== ids.length) wrong.push(`GET ${route.list}: an item was listed twice`);
      const extra = ids.filter((id) => !expected.includes(id)).map((id) => (byId.has(id) ? label(subject, byId.get(id)!) : `unknown ${id}`));
      const missing = expected.filter((id) => !ids.includes(id)).map((id) => label(subject, byId.get(id)!));
      if (extra.length || missing.length) wrong.push(`GET ${route.list}: listed out of scope [${extra.join('; ')}], missing [${missing.join('; ')}]`);
      for (const item of listed) {
        const record = byId.get(String(item.id));
        if (record) checkBody(ctx.oracle, subject, record, item, `GET ${route.list} item ${label(subject, record)}`, wrong);
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
    for (const record of records) {
      const path = `${route.item}/${String(record.id)}`;
      const response = await api.http().get(path).set(ctx.user.auth());
      tally.http += 1;
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, subject, 'read', record) ? '200' : NOT_FOUND;
      const got = response.status === 200 ? '200' : problem(response);
      if (got !== want) wrong.push(`GET ${path} (${label(subject, record)}): ${got}, expected ${want}`);
      else if (got === '200') checkBody(ctx.oracle, subject, record, response.body as Rec, `GET ${label(subject, record)}`, wrong);
    }
  }

  interface CreateRoute {
    path: string;
    /** A valid body whose record would be in the actor's organisation, and the record as it would be stored. */
    body(): Rec;
    wouldBe(body: Rec): Rec;
    /** Optional DTO fields not in the body, with a valid value: each is probed on its own. */
    probes: Record<string, () => unknown>;
    /** A body naming a parent out of the organisation, and the field that names it. */
    outside?: () => { body: Rec; field: string };
    find(body: Rec): Promise<Rec | undefined>;
  }

  function createRoutes(): Partial<Record<SubjectName, CreateRoute>> {
    const byName = (entity: EntityTarget<ObjectLiteral>) => async (body: Rec) =>
      ((await dataSource.getRepository(entity).findOneBy({ organizationId: a.id, name: body.name as string })) as Rec | null) ?? undefined;
    return {
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
        wouldBe: (body) => ({ regionId: null, phone: null, address: null, active: true, ...body, organizationId: a.id }),
        probes: { regionId: () => a.regions.a, phone: () => '0380-111111', address: () => 'Jl. El Tari 1, Kupang' },
        outside: () => ({ body: { name: `Matrix provider ${unique()}`, serviceType: 'shelter', regionId: b.regions.a }, field: 'regionId' }),
        find: byName(ServiceProviderEntity),
      },
      User: {
        path: `${API}/users`,
        body: () => ({ email: `matrix-${unique()}@example.test`, name: 'Matrix reviewer', password: TEST_PASSWORD, role: 'reviewer' }),
        wouldBe: (body) => ({ ...body, organizationId: a.id }),
        probes: { groupIds: () => [], regionIds: () => [] },
        outside: () => ({ body: { email: `matrix-${unique()}@example.test`, name: 'Matrix companion', password: TEST_PASSWORD, role: 'companion', groupIds: [b.groups.a] }, field: 'groupIds' }),
        find: async (body) => ((await dataSource.getRepository(UserEntity).findOneBy({ email: body.email as string })) as Rec | null) ?? undefined,
      },
    };
  }

  async function checkHttpCreate(ctx: RoleContext, subject: SubjectName, wrong: string[]) {
    const route = createRoutes()[subject];
    if (!route) return;
    const typeLevel = decide(ctx.oracle, subject, 'create');
    const attempts = [route.body(), ...Object.entries(route.probes).map(([field, value]) => ({ ...route.body(), [field]: value() }))];
    for (const body of attempts) {
      const record = route.wouldBe(body);
      const forbidden = Object.keys(body).filter((field) => !decide(ctx.oracle, subject, 'create', field, record));
      const want = !typeLevel ? FORBIDDEN : forbidden.length > 0 ? forbiddenFields(forbidden) : '201';
      const response = await api.http().post(route.path).set(ctx.user.auth()).send(body);
      tally.http += 1;
      const got = response.status === 201 ? '201' : normalisedProblem(response);
      const where = `POST ${route.path} ${JSON.stringify(Object.keys(body))}`;
      if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
      const created = await route.find(body);
      if ((created !== undefined) !== (want === '201')) wrong.push(`${where}: the record was ${created ? '' : 'not '}created`);
      if (got === '201' && created) {
        const [stored] = (await loadRecords(subject)).filter((candidate) => candidate.id === created.id);
        checkBody(ctx.oracle, subject, stored, response.body as Rec, where, wrong);
      }
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
      if (got === want && typeLevel && !(response.body.errors as { field: string }[]).some((error) => error.field === field)) wrong.push(`${where}: the problem does not name ${field}`);
      if (await route.find(body)) wrong.push(`${where}: the record was created`);
    }
  }

  /** PATCH bodies: `name` on every record, and each other DTO field on one target record. */
  const UPDATE_PROBES: Partial<Record<SubjectName, Record<string, () => unknown>>> = {
    Region: { code: () => nextCode(), timeZone: () => 'Asia/Jakarta' },
    Village: {},
    Group: {},
    ServiceProvider: { serviceType: () => 'health', regionId: () => null, phone: () => '0380-222222', address: () => 'Jl. Matrix 2', active: () => true },
    User: {
      email: () => `matrix-${unique()}@example.test`,
      password: () => `${TEST_PASSWORD}-baru`,
      role: () => 'companion',
      active: () => true,
      groupIds: () => [],
      regionIds: () => [],
    },
  };
  const UPDATE_PATHS: Partial<Record<SubjectName, string>> = {
    Region: `${API}/regions`,
    Village: `${API}/villages`,
    Group: `${API}/groups`,
    ServiceProvider: `${API}/service-providers`,
    User: `${API}/users`,
  };

  async function patch(ctx: RoleContext, subject: SubjectName, record: Rec, body: Rec, wrong: string[]) {
    const path = `${UPDATE_PATHS[subject]}/${String(record.id)}`;
    const before = await versionOf(subject, String(record.id));
    const forbidden = Object.keys(body).filter((field) => !decide(ctx.oracle, subject, 'update', field, record));
    const want = !decide(ctx.oracle, subject, 'update')
      ? FORBIDDEN
      : !reachable(ctx.oracle, subject, 'update', record)
        ? NOT_FOUND
        : forbidden.length > 0
          ? forbiddenFields(forbidden)
          : '200';
    const response = await api.http().patch(path).set(ctx.user.auth()).send({ ...body, version: before!.version });
    tally.http += 1;
    const got = response.status === 200 ? '200' : normalisedProblem(response);
    const where = `PATCH ${path} ${JSON.stringify(Object.keys(body))} (${label(subject, record)})`;
    if (got !== want) wrong.push(`${where}: ${got}, expected ${want}`);
    const after = await versionOf(subject, String(record.id));
    const changed = after?.version !== before?.version;
    if (changed !== (want === '200')) wrong.push(`${where}: the row ${changed ? 'changed' : 'did not change'}`);
    if (got === '200') {
      const [stored] = (await loadRecords(subject)).filter((candidate) => candidate.id === record.id);
      if (typeof body.name === 'string' && stored.name !== body.name) wrong.push(`${where}: the name was not saved`);
      checkBody(ctx.oracle, subject, stored, response.body as Rec, where, wrong);
    }
  }

  async function checkHttpUpdate(ctx: RoleContext, subject: SubjectName, records: Rec[], wrong: string[]) {
    const probes = UPDATE_PROBES[subject];
    if (!probes) return;
    for (const record of records) await patch(ctx, subject, record, { name: `Renamed ${unique()}` }, wrong);
    // Every other field the API accepts, on one record in the actor's update scope (for users, the spare companion).
    const target = subject === 'User' ? records.find((record) => record.id === spareId) : records.find((record) => reachable(ctx.oracle, subject, 'update', record));
    const probeTarget = target ?? records.find((record) => PLACEMENT[subject](record).organization === a.id)!;
    for (const [field, value] of Object.entries(probes)) await patch(ctx, subject, probeTarget, { [field]: value() }, wrong);
  }

  async function checkHttpGroupMember(ctx: RoleContext, wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'GroupMember', 'create');
    for (const group of await loadRecords('Group')) {
      await dataSource.query(`DELETE FROM user_groups WHERE user_id = $1`, [spareId]);
      const membership = { organizationId: group.organizationId, groupId: group.id, regionId: group.regionId, userId: spareId };
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, 'GroupMember', 'create', membership) ? '201' : NOT_FOUND;
      const path = `${API}/groups/${String(group.id)}/members`;
      const response = await api.http().post(path).set(ctx.user.auth()).send({ userId: spareId });
      tally.http += 1;
      const got = response.status === 201 ? '201' : problem(response);
      if (got !== want) wrong.push(`POST ${path} (${label('Group', group)}): ${got}, expected ${want}`);
      if (got === '201' && JSON.stringify(response.body) !== JSON.stringify({ groupId: group.id, userId: spareId })) wrong.push(`POST ${path}: body ${JSON.stringify(response.body)}`);
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM user_groups WHERE user_id = $1 AND group_id = $2`, [spareId, group.id]);
      if ((count === 1) !== (want === '201')) wrong.push(`POST ${path}: the membership was ${count === 1 ? '' : 'not '}saved`);
    }
    await dataSource.query(`DELETE FROM user_groups WHERE user_id = $1`, [spareId]);
  }

  async function checkHttpResetMfa(ctx: RoleContext, records: Rec[], wrong: string[]) {
    const typeLevel = decide(ctx.oracle, 'User', 'reset_mfa');
    // The spare companion, and every user of the other organisation: resetting an actor would end the session the suite runs on.
    const targets = records.filter((record) => record.id === spareId || record.organizationId === b.id);
    for (const target of targets) {
      const path = `${API}/users/${String(target.id)}/mfa-reset`;
      const before = await dataSource.query(`SELECT totp_enrolled_at, (SELECT count(*)::int FROM refresh_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS live FROM users u WHERE id = $1`, [target.id]);
      const want = !typeLevel ? FORBIDDEN : reachable(ctx.oracle, 'User', 'reset_mfa', target) ? '204' : NOT_FOUND;
      const response = await api.http().post(path).set(ctx.user.auth()).send({});
      tally.http += 1;
      const got = response.status === 204 ? '204' : problem(response);
      if (got !== want) wrong.push(`POST ${path} (${label('User', target)}): ${got}, expected ${want}`);
      const after = await dataSource.query(`SELECT totp_enrolled_at, (SELECT count(*)::int FROM refresh_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS live FROM users u WHERE id = $1`, [target.id]);
      if (want !== '204' && JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`POST ${path}: a refused reset changed the user`);
      if (want === '204' && (after[0].totp_enrolled_at !== null || after[0].live !== 0)) wrong.push(`POST ${path}: the second factor or the sessions survived the reset`);
    }
  }

  async function checkHttpVerify(ctx: RoleContext, wrong: string[]) {
    const response = await api.http().get(`${API}/audit/verify`).set(ctx.user.auth());
    tally.http += 1;
    const want = decide(ctx.oracle, 'AuditEvent', 'verify') ? '200' : FORBIDDEN;
    const got = response.status === 200 ? '200' : problem(response);
    if (got !== want) wrong.push(`GET /audit/verify: ${got}, expected ${want}`);
    if (got === '200' && response.body.valid !== true) wrong.push(`GET /audit/verify: ${JSON.stringify(response.body)}`);
  }

  async function checkHttp(ctx: RoleContext, subject: SubjectName, action: Action, records: Rec[], wrong: string[]) {
    if (action === 'read') await checkHttpRead(ctx, subject, records, wrong);
    if (action === 'create' && subject === 'GroupMember') await checkHttpGroupMember(ctx, wrong);
    else if (action === 'create') await checkHttpCreate(ctx, subject, wrong);
    if (action === 'update') await checkHttpUpdate(ctx, subject, records, wrong);
    if (action === 'reset_mfa' && subject === 'User') await checkHttpResetMfa(ctx, records, wrong);
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
    for (const [source, ability] of [['server', ctx.ability], ['published', ctx.published]] as const) {
      if (ability.can(action, subject) !== typeLevel) wrong.push(`${source} ability, type level: should be ${typeLevel ? 'allowed' : 'denied'}`);
    }
    for (const field of fields) {
      checkAbilities(ctx, subject, action, field, records, wrong);
      if (action === 'create' || action === 'update') await checkWrites(ctx, subject, action, field, records, wrong);
    }
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
      expect({ role: actor.role, organizationId: actor.organizationId, userId: actor.userId }).toEqual({ role, organizationId: oracle.organizationId, userId: oracle.userId });
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
