import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Headers, Param, Patch, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModuleRef, ModulesContainer, Reflector } from '@nestjs/core';
import { IdPipe, VersionedDto, withoutVersion } from '@pendamping/api/common/params';
import { Auth, DirectoryService, PERMISSION_TABLE, Policy, POLICY, RequestAuth, Role, RoutePolicy } from '@pendamping/auth';
import { expectedVersion, problemType } from '@pendamping/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { getMetadataStorage, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { addFollowUp, addReferral, createCase, newCaseBody } from './support/cases';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, Organisation, signIn, SignedInUser, TEST_PASSWORD } from './support/world';

/**
 * Tenant and scope isolation (SPEC §2, §3, §5): an id from another organisation, or from a part
 * of one's own organisation outside one's scope, is indistinguishable from an id that does not
 * exist; a write naming a field the rules forbid is refused whole, saves nothing and leaves one
 * 'denied' audit event; org_admin has no way to case content. The routes are discovered from the
 * booted app, so a route added later is walked without editing this file (or fails, naming the
 * fixture it needs). Case routes are walked with cases of org B and cases of org A outside the
 * actor's scope (another region, no longer assigned, restricted and excluding the actor), with
 * their referrals and follow-ups.
 */

// ---------------------------------------------------------------------------------------------
// A route that hands the real DirectoryService a body field the rules forbid. No DTO of the app
// accepts such a field today (see the walk below), so without this probe the refusal path could
// not be exercised over HTTP at all. Mounted in this suite only; everything behind it is app code.
class ProbeVillageChangesDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() regionId?: string;
}

@Controller('isolation-probe')
class ForbiddenFieldProbeController {
  constructor(private readonly moduleRef: ModuleRef) {}

  @Patch('villages/:id')
  @Policy('update', 'Village')
  update(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Body() body: ProbeVillageChangesDto, @Headers('if-match') ifMatch?: string) {
    const directory = this.moduleRef.get(DirectoryService, { strict: false });
    return directory.updateVillage(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body) as { name?: string });
  }
}

// ---------------------------------------------------------------------------------------------
// Route discovery: the app's controllers and handlers, their policy as the guard reads it, the
// URL Fastify serves, and the DTO of the body.

interface Route {
  controller: Type;
  handlerName: string;
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
  bodyType?: Type;
  probe: boolean;
}

const joinPath = (...parts: string[]) => '/' + parts.flatMap((part) => part.split('/')).filter(Boolean).join('/');
const asArray = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '/']).map(String);

function discoverRoutes(api: TestApi): Route[] {
  const discovery = new DiscoveryService(api.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = api.app.get(Reflector);
  const fastify = api.app.getHttpAdapter().getInstance();
  const routes: Route[] = [];
  for (const controller of new Set(discovery.getControllers().map((wrapper) => wrapper.metatype as Type | null))) {
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
    for (const handlerName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[handlerName];
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY, [handler, controller]);
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<string, { index: number }>;
      const bodyArg = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY))?.[1];
      const paramTypes = (Reflect.getMetadata('design:paramtypes', prototype, handlerName) ?? []) as Type[];
      const bodyType = bodyArg ? paramTypes[bodyArg.index] : undefined;
      for (const controllerPath of asArray(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const methodPath of asArray(methodPaths)) {
          const path = joinPath(controllerPath, methodPath);
          const served = [joinPath('api/v1', path), path].filter((url) => fastify.hasRoute({ method: method as 'GET', url }));
          if (served.length !== 1) throw new Error(`${method} ${path} (${controller.name}.${handlerName}) is served as ${JSON.stringify(served)}`);
          routes.push({ controller, handlerName, method, url: served[0], policy, bodyType, probe: controller === ForbiddenFieldProbeController });
        }
      }
    }
  }
  return routes;
}

const label = (route: Route) => `${route.method} ${route.url}`;
const paramsOf = (url: string) => url.match(/:[A-Za-z0-9_]+/g) ?? [];
/** The collections of a route's ids, in order: the segment before each parameter (`cases`, `referrals` for /cases/:id/referrals/:referralId). */
const collectionsOf = (url: string) => {
  const segments = url.split('/');
  return segments.flatMap((segment, index) => (segment.startsWith(':') ? [segments[index - 1]] : []));
};
/** The collection an id route addresses: the segment before its first parameter (`groups` for /groups/:id/members). */
const collectionOf = (url: string) => collectionsOf(url)[0];
/** The URL with its parameters replaced, in order, by `values`. */
const urlWith = (url: string, values: readonly string[]) => {
  let index = 0;
  return url.replace(/:[A-Za-z0-9_]+/g, () => values[index++]);
};
const DIRECTORY_COLLECTIONS = new Set(['regions', 'villages', 'groups', 'service-providers', 'users']);
/** The subjects of case content: org_admin has no row for them, and every route under /cases or /follow-ups is ruled by one. */
const CASE_SUBJECTS: readonly string[] = ['Case', 'Referral', 'FollowUp'];
const isCaseRoute = (route: Route) => route.policy?.kind === 'ability' && CASE_SUBJECTS.includes(route.policy.subject);

/** Does the rules table give the role the route's action at all? If not, the guard answers 403 whatever the id. */
function roleHasRouteAction(role: Role, policy: RoutePolicy | undefined): boolean {
  if (!policy || policy.kind === 'public' || policy.kind === 'authenticated') return true;
  return PERMISSION_TABLE.some((row) => row.role === role && row.subject === policy.subject && row.actions.includes(policy.action) && !row.inverted);
}

/** The fields the table lets the role write with the action, or 'all'. (Scope conditions are not considered here.) */
function tableFields(role: Role, subject: string, action: string): Set<string> | 'all' {
  const rows = PERMISSION_TABLE.filter((row) => row.role === role && row.subject === subject && row.actions.includes(action as never) && !row.inverted);
  if (rows.some((row) => !row.fields && !row.fieldClasses)) return 'all';
  return new Set(rows.flatMap((row) => [...(row.fields ?? [])]));
}

/** The body fields a DTO accepts: whitelisted properties, without `version` (a precondition, never written). */
function dtoFields(dto: Type): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)].filter((name) => name !== 'version').sort();
}

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId']);
/** Keys whose values identify a record (names, contacts, case numbers, notes): none may show in an answer about a record one cannot see. */
const SECRET_KEYS = new Set(['name', 'code', 'email', 'phone', 'address', 'narrative', 'caseNumber', 'note', 'outcomeNote', 'notes', 'nextAction', 'statusReason']);
const secretsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(secretsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (SECRET_KEYS.has(key) && typeof inner === 'string' && inner !== '' ? [inner] : secretsIn(inner)));
};
const suffix = () => randomBytes(3).toString('hex');

type ActorKey = 'admin' | 'coordinatorA' | 'coordinatorB' | 'companionA' | 'companionB' | 'reviewer';
const ACTOR_KEYS: ActorKey[] = ['admin', 'coordinatorA', 'coordinatorB', 'companionA', 'companionB', 'reviewer'];
type Ids = Partial<Record<string, string[]>>;

/** A case the walk aims at, with one referral and one follow-up. */
interface CaseFixture {
  label: string;
  org: 'A' | 'B';
  id: string;
  survivorName: string;
  /** A user of the case's organisation who reads all of it: the snapshot is taken as them. */
  reader: SignedInUser;
  referralIds: string[];
  followUpIds: string[];
  /** The actors of org A whose scope holds the case (SPEC §3); for every other actor it does not exist. */
  seenBy: ActorKey[];
}

describe('isolation between organisations and scopes', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let dataSource: DataSource;
  let orgA: Organisation;
  let orgB: Organisation;
  let routes: Route[];
  /** Org B's records with names no other record has, so a leak of them is visible in a response. */
  let canary: { region: string; village: string; group: string; provider: string; user: string };
  let providerA: string;
  /** A second companion of group a, and a coordinator of both regions of org A who manages (and reads, for the snapshot) its restricted cases. */
  let companionA2: SignedInUser;
  let managerA: SignedInUser;
  let caseFixtures: CaseFixture[];

  const actor = (key: ActorKey): SignedInUser => orgA[key];
  const usersOf = (org: Organisation) => ACTOR_KEYS.map((key) => org[key]);
  const casesOf = (org: 'A' | 'B') => caseFixtures.filter((fixture) => fixture.org === org);
  const caseIds = (fixtures: CaseFixture[]): Ids => ({ cases: fixtures.map((f) => f.id), referrals: fixtures.flatMap((f) => f.referralIds) });

  /** Org B ids for every collection with id routes. */
  const foreignIds = (): Ids => ({
    regions: [canary.region, orgB.regions.a],
    villages: [canary.village, orgB.villages.a],
    groups: [canary.group, orgB.groups.a],
    'service-providers': [canary.provider],
    users: [canary.user, orgB.admin.id, orgB.companionA.id],
    ...caseIds(casesOf('B')),
  });

  /**
   * Ids of org A the actor's role gives no access to (SPEC §3: coordinators their regions, companions their groups and themselves,
   * companions only the cases they are assigned to, nobody a restricted case that excludes them; org_admin no case at all).
   */
  const outOfScopeIds = (key: ActorKey): Ids => {
    const other = (side: 'a' | 'b'): Ids => ({ regions: [orgA.regions[side]], villages: [orgA.villages[side]], groups: [orgA.groups[side]] });
    const cases = caseIds(casesOf('A').filter((fixture) => !fixture.seenBy.includes(key)));
    switch (key) {
      case 'coordinatorA':
        return { ...other('b'), ...cases };
      case 'coordinatorB':
        return { ...other('a'), ...cases };
      case 'companionA':
      case 'companionB':
        return { ...other(key === 'companionA' ? 'b' : 'a'), users: usersOf(orgA).filter((user) => user.id !== actor(key).id).map((user) => user.id), ...cases };
      default:
        return cases;
    }
  };

  /** An in-scope case of org A and its referral, for the actor: the other id of a route with two. */
  const ownIds = (key: ActorKey): Record<string, string> => {
    const own = casesOf('A').find((fixture) => fixture.seenBy.includes(key)) ?? casesOf('A')[0];
    return { cases: own.id, referrals: own.referralIds[0] };
  };

  /** The records of `child` under a record of `parent` (a case's referrals), or undefined when the walk does not know them. */
  const childIdsOf = (parent: string, parentId: string, child: string): string[] | undefined =>
    parent === 'cases' && child === 'referrals' ? caseFixtures.find((fixture) => fixture.id === parentId)?.referralIds : undefined;

  /** Valid bodies, so that validation (checked before permissions) does not hide what the id does. */
  const bodyFor = (route: Route, version: number): object | undefined => {
    const hijacked = `Hijacked ${suffix()}`;
    const bodies: Record<string, object | undefined> = {
      'POST /api/v1/groups/:id/members': { userId: orgA.companionA.id },
      'POST /api/v1/users/:id/mfa-reset': undefined,
      'POST /api/v1/cases': newCaseBody(orgA.villages.a, { narrative: hijacked }),
      'POST /api/v1/cases/duplicate-check': { name: casesOf('A')[0].survivorName, birthYear: 1994 },
      'PATCH /api/v1/cases/:id': { version, riskLevel: 'critical', narrative: hijacked },
      'POST /api/v1/cases/:id/transitions': { to: 'active', reason: hijacked, version },
      'PUT /api/v1/cases/:id/assignment': { assignedCompanionId: orgA.companionA.id, version },
      'POST /api/v1/cases/:id/referrals': { serviceType: 'police', providerId: providerA, referredAt: '2026-03-05', note: hijacked },
      'PATCH /api/v1/cases/:id/referrals/:referralId': { version, status: 'accepted', outcomeNote: hijacked },
      'POST /api/v1/cases/:id/follow-ups': { date: '2026-03-05', type: 'phone_call', notes: hijacked, nextAction: hijacked, dueDate: '2026-03-09' },
    };
    if (label(route) in bodies) return bodies[label(route)];
    if (route.method === 'PATCH' && DIRECTORY_COLLECTIONS.has(collectionOf(route.url))) return { version, name: hijacked };
    if (route.bodyType) throw new Error(`${label(route)}: add a valid body to bodyFor() in test/isolation.e2e-spec.ts`);
    return undefined;
  };

  const call = (method: string, url: string, user: SignedInUser, body?: object) => {
    const agent = api.http();
    const request =
      method === 'GET' ? agent.get(url)
      : method === 'POST' ? agent.post(url)
      : method === 'PATCH' ? agent.patch(url)
      : method === 'PUT' ? agent.put(url)
      : method === 'DELETE' ? agent.delete(url)
      : undefined;
    if (!request) throw new Error(`no client call for ${method}`);
    const authed = request.set(user.auth());
    return body === undefined ? authed : authed.send(body);
  };

  /** Where a record of a collection is read back: the app's GET /<collection>/:id. */
  const readUrl = (collection: string, id: string) => {
    const getRoute = routes.find((route) => route.method === 'GET' && !route.probe && paramsOf(route.url).length === 1 && route.url.endsWith(`/${collection}/:id`));
    if (!getRoute) throw new Error(`no GET route for ${collection}/:id`);
    return getRoute.url.replace(':id', id);
  };

  const auditState = async () => {
    const [row] = (await dataSource.query('SELECT count(*)::int AS count, coalesce(max(id), 0)::text AS max FROM audit_events')) as { count: number; max: string }[];
    return row;
  };

  /** Rows of case content in the whole database: a refused request adds none. */
  const caseRowCounts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals,
              (SELECT count(*) FROM follow_ups)::int AS follow_ups, (SELECT count(*) FROM case_changes)::int AS case_changes`,
    )) as Record<string, number>[];

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url), { extraControllers: [ForbiddenFieldProbeController] });
    dataSource = api.app.get(DataSource);
    orgA = await createOrganisation(api, 'A');
    orgB = await createOrganisation(api, 'B');
    const post = async (org: Organisation, path: string, body: object) =>
      (await api.http().post(`/api/v1/${path}`).set(org.admin.auth()).send(body).expect(201)).body.id as string;
    const newUser = async (org: Organisation, role: string, scope: object, email = `${role}-${suffix()}@example.test`, name = `Test ${role}`) => {
      const id = await post(org, 'users', { email, name, password: TEST_PASSWORD, role, ...scope });
      return signIn(api, { id, email, password: TEST_PASSWORD, role });
    };
    const tag = suffix();
    const region = await post(orgB, 'regions', { name: `Canary Region ${tag}`, code: 'ZQXW' });
    const village = await post(orgB, 'villages', { name: `Canary Village ${tag}`, regionId: region });
    const group = await post(orgB, 'groups', { name: `Canary Group ${tag}`, villageId: village });
    const provider = await post(orgB, 'service-providers', { name: `Canary Provider ${tag}`, serviceType: 'shelter', regionId: region, phone: '+62 811 0000 4242', address: `Jalan Canary ${tag}` });
    const canaryCompanion = await newUser(orgB, 'companion', { groupIds: [group] }, `canary-${tag}@example.test`, `Canary Companion ${tag}`);
    canary = { region, village, group, provider, user: canaryCompanion.id };
    providerA = await post(orgA, 'service-providers', { name: 'Unit PPA Polres Kupang', serviceType: 'police', regionId: orgA.regions.a });
    routes = discoverRoutes(api);

    companionA2 = await newUser(orgA, 'companion', { groupIds: [orgA.groups.a] });
    managerA = await newUser(orgA, 'coordinator', { regionIds: [orgA.regions.a, orgA.regions.b] });
    caseFixtures = [];
    /** A case taken in by `creator`, with a referral and a follow-up of theirs; `then` runs before it is registered. */
    const addCase = async (
      fixture: Pick<CaseFixture, 'label' | 'org' | 'reader' | 'seenBy'> & { creator: SignedInUser; villageId: string; extra?: object; then?: (created: { id: string; version: number }) => Promise<void> },
    ) => {
      const text = `${fixture.label} ${tag}`;
      const survivorName = `Survivor ${text}`;
      const body = newCaseBody(fixture.villageId, {
        survivor: { sex: 'female', name: survivorName, phone: `0813 ${suffix()}`, address: `Jalan ${text}`, birthDate: '1994-07-12' },
        narrative: `Narrative ${text}`,
        ...fixture.extra,
      });
      const created = await createCase(api, fixture.creator, body);
      const referral = await addReferral(api, fixture.creator, created.id, { note: `Referral ${text}` });
      const followUp = await addFollowUp(api, fixture.creator, created.id, { notes: `Visit ${text}`, nextAction: `Call ${text}`, dueDate: '2026-03-20' });
      await fixture.then?.(created as { id: string; version: number });
      caseFixtures.push({ label: fixture.label, org: fixture.org, id: created.id, survivorName, reader: fixture.reader, referralIds: [referral.id], followUpIds: [followUp.id], seenBy: fixture.seenBy });
    };
    const { coordinatorA, coordinatorB, companionA, companionB, reviewer } = orgA;
    await addCase({ label: 'Own A', org: 'A', creator: companionA, villageId: orgA.villages.a, reader: managerA, seenBy: ['coordinatorA', 'companionA', 'reviewer'] });
    // Region b: outside coordinatorA's and companionA's scope; the reviewer reads coded fields organisation-wide.
    await addCase({ label: 'Own B', org: 'A', creator: companionB, villageId: orgA.villages.b, reader: managerA, seenBy: ['coordinatorB', 'companionB', 'reviewer'] });
    // Taken in by companionA, who worked on it, then reassigned: no longer theirs (SPEC §3).
    await addCase({
      label: 'Reassigned', org: 'A', creator: companionA, villageId: orgA.villages.a, reader: managerA, seenBy: ['coordinatorA', 'reviewer'],
      then: async (created) => {
        await api.http().put(`/api/v1/cases/${created.id}/assignment`).set(coordinatorA.auth()).send({ assignedCompanionId: companionA2.id, version: created.version }).expect(200);
      },
    });
    // Restricted cases naming as excluded the region's coordinator, the reviewer and (in region a) companionA of the case's group.
    await addCase({
      label: 'Restricted A', org: 'A', creator: managerA, villageId: orgA.villages.a, reader: managerA, seenBy: [],
      extra: { assignedCompanionId: companionA2.id, restricted: true, excludedUserIds: [coordinatorA.id, companionA.id, reviewer.id] },
    });
    await addCase({
      label: 'Restricted B', org: 'A', creator: managerA, villageId: orgA.villages.b, reader: managerA, seenBy: ['companionB'],
      extra: { assignedCompanionId: companionB.id, restricted: true, excludedUserIds: [coordinatorB.id, reviewer.id] },
    });
    await addCase({ label: 'Canary', org: 'B', creator: canaryCompanion, villageId: village, reader: canaryCompanion, seenBy: [] });
    await addCase({ label: 'Mirror', org: 'B', creator: orgB.companionA, villageId: orgB.villages.a, reader: orgB.coordinatorA, seenBy: [] });
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('id swaps', () => {
    /**
     * Every targeted record as its own organisation sees it, before and after the walk: the directory as its admin reads it, a
     * case (with its history, referrals and follow-ups) as a user who reads all of it.
     */
    const snapshot = async () => {
      const all: Record<string, unknown> = {};
      const get = async (user: SignedInUser, url: string) => (await api.http().get(url).set(user.auth()).expect(200)).body;
      const read = async (org: Organisation, ids: Ids) => {
        for (const [collection, list] of Object.entries(ids)) {
          if (!DIRECTORY_COLLECTIONS.has(collection)) continue;
          for (const id of list ?? []) all[`${collection}/${id}`] = await get(org.admin, readUrl(collection, id));
        }
      };
      await read(orgB, foreignIds());
      await read(orgA, { regions: [orgA.regions.a, orgA.regions.b], villages: [orgA.villages.a, orgA.villages.b], groups: [orgA.groups.a, orgA.groups.b], users: usersOf(orgA).map((u) => u.id) });
      for (const fixture of caseFixtures) {
        const url = readUrl('cases', fixture.id);
        all[`cases/${fixture.id}`] = await get(fixture.reader, url);
        all[`cases/${fixture.id}/history`] = await get(fixture.reader, `${url}/history`);
        all[`cases/${fixture.id}/follow-ups`] = await get(fixture.reader, `${url}/follow-ups`);
        const referrals = await get(fixture.reader, `${url}/referrals`);
        all[`cases/${fixture.id}/referrals`] = referrals;
        for (const referral of referrals.items as { id: string }[]) all[`referrals/${referral.id}`] = referral;
      }
      all['row counts'] = await caseRowCounts();
      return all;
    };

    const idRoutes = () => routes.filter((route) => paramsOf(route.url).length > 0);

    interface Target {
      /** The route's ids, in order. */
      values: string[];
      /** Which of them are foreign or out of scope (the others are the actor's own). */
      probed: boolean[];
      owner: string;
    }

    /**
     * Foreign and out-of-scope ids for each id of the route. With two ids (a case and its referral) each is swapped: a stranger's
     * record with its own child, a stranger's parent with the actor's own child, the actor's own parent with a stranger's child.
     */
    const targetsFor = (route: Route, key: ActorKey): Target[] => {
      const collections = collectionsOf(route.url);
      const strangers = (collection: string) => [
        ...(foreignIds()[collection] ?? []).map((id) => ({ id, owner: 'org B' })),
        ...(outOfScopeIds(key)[collection] ?? []).map((id) => ({ id, owner: 'org A, out of scope,' })),
      ];
      if (collections.length === 1) return strangers(collections[0]).map(({ id, owner }) => ({ values: [id], probed: [true], owner: `${owner} ${collections[0]} ${id}` }));
      const [parent, child] = collections;
      const own = ownIds(key);
      return strangers(parent).flatMap(({ id, owner }) => {
        const children = childIdsOf(parent, id, child) ?? [];
        return [
          ...children.map((childId) => ({ values: [id, childId], probed: [true, true], owner: `${owner} ${parent} ${id} and its ${child} ${childId}` })),
          { values: [id, own[child]], probed: [true, false], owner: `${owner} ${parent} ${id} and own ${child} ${own[child]}` },
          ...children.map((childId) => ({ values: [own[parent], childId], probed: [false, true], owner: `own ${parent} ${own[parent]} and ${owner} ${child} ${childId}` })),
        ];
      });
    };

    /** The version a write through the route sends: that of the record its last id names. */
    const versionFor = (route: Route, values: string[]) => {
      const record = before[`${collectionsOf(route.url).at(-1)}/${values.at(-1)}`] as { version?: number } | undefined;
      return Number(record?.version ?? 1);
    };

    /** What a response about the target must not show: the texts of the records it probes (a referral's with its case's). */
    const secretsOf = (route: Route, target: Target) => {
      const collections = collectionsOf(route.url);
      const prefixes = target.values.flatMap((id, index) => {
        if (!target.probed[index]) return [];
        const owner = collections[index] === 'referrals' ? caseFixtures.find((fixture) => fixture.referralIds.includes(id)) : undefined;
        return [`${collections[index]}/${id}`, ...(owner ? [`cases/${owner.id}`] : [])];
      });
      const records = Object.entries(before).filter(([name]) => prefixes.some((prefix) => name === prefix || name.startsWith(`${prefix}/`)));
      return [...new Set(records.flatMap(([, record]) => secretsIn(record)))];
    };

    let before: Record<string, unknown>;
    let checked = 0;
    const checkedOnCaseRoutes = new Map<ActorKey, number>();

    beforeAll(async () => {
      before = await snapshot();
    });

    it('finds the id routes of the app and has ids for each of them', () => {
      const appRoutes = idRoutes().filter((route) => !route.probe);
      console.log(`isolation: ${appRoutes.length} app routes with an id (+${idRoutes().length - appRoutes.length} test probe): ${appRoutes.map(label).join(', ')}`);
      const known = [
        'GET /api/v1/regions/:id', 'PATCH /api/v1/villages/:id', 'GET /api/v1/service-providers/:id', 'PATCH /api/v1/users/:id', 'POST /api/v1/groups/:id/members',
        'GET /api/v1/cases/:id', 'PATCH /api/v1/cases/:id', 'POST /api/v1/cases/:id/transitions', 'PUT /api/v1/cases/:id/assignment', 'GET /api/v1/cases/:id/history',
        'GET /api/v1/cases/:id/referrals', 'POST /api/v1/cases/:id/referrals', 'PATCH /api/v1/cases/:id/referrals/:referralId',
        'GET /api/v1/cases/:id/follow-ups', 'POST /api/v1/cases/:id/follow-ups',
      ];
      expect(appRoutes.map(label)).toEqual(expect.arrayContaining(known));
      // A new id route needs its collection's ids in foreignIds()/outOfScopeIds() (and, for a second id, childIdsOf()).
      const unsupported = idRoutes().filter((route) => {
        const collections = collectionsOf(route.url);
        if (collections.length > 2 || collections.some((collection) => !foreignIds()[collection]?.length)) return true;
        return collections.length === 2 && !childIdsOf(collections[0], foreignIds()[collections[0]]![0], collections[1])?.length;
      });
      expect(unsupported.map(label)).toEqual([]);
      for (const key of ACTOR_KEYS) expect([key, ownIds(key).referrals]).toEqual([key, expect.any(String)]);
    });

    // Without this the 404s below could come from fixtures that nobody can see: each case is seen by the actors meant to see it.
    it('has case fixtures that org A actors see exactly as SPEC §3 says: 200 in scope (a reviewer organisation-wide), else 404, 403 for org_admin', async () => {
      const failures: string[] = [];
      const seen: string[] = [];
      for (const key of ACTOR_KEYS) {
        for (const fixture of caseFixtures) {
          const expected = fixture.seenBy.includes(key) ? 200 : roleHasRouteAction(actor(key).role as Role, { kind: 'ability', action: 'read', subject: 'Case' }) ? 404 : 403;
          const response = await api.http().get(readUrl('cases', fixture.id)).set(actor(key).auth());
          if (response.status !== expected) failures.push(`${key} GET case ${fixture.label} → ${response.status}, expected ${expected}`);
          if (response.status === 200) seen.push(`${key}: ${fixture.label}`);
        }
      }
      console.log(`isolation: ${caseFixtures.length} case fixtures (${caseFixtures.map((f) => `${f.label}/${f.org}`).join(', ')}); in scope: ${seen.join(', ')}`);
      expect(failures).toEqual([]);
      expect(seen).toContain('reviewer: Own B'); // an org A case in region b is in the reviewer's scope
    });

    it.each(ACTOR_KEYS)('answers %s of org A like for a missing record, for every foreign or out-of-scope id', async (key) => {
      const user = actor(key);
      const failures: string[] = [];
      for (const route of idRoutes()) {
        const expectedStatus = roleHasRouteAction(user.role as Role, route.policy) ? 404 : 403;
        const type = expectedStatus === 404 ? problemType('not-found') : problemType('forbidden');
        // The same request with the probed ids replaced by random ones: what "missing" looks like here.
        const controls = new Map<string, Response>();
        for (const target of targetsFor(route, key)) {
          const body = bodyFor(route, versionFor(route, target.values));
          const shape = target.values.map((value, index) => (target.probed[index] ? '*' : value)).join('/');
          let absent = controls.get(shape);
          if (!absent) {
            absent = await call(route.method, urlWith(route.url, target.values.map((value, index) => (target.probed[index] ? randomUUID() : value))), user, body);
            controls.set(shape, absent);
            if (absent.status !== expectedStatus) failures.push(`${label(route)} with random ids for ${shape} → ${absent.status} ${absent.body?.type}, expected ${expectedStatus}`);
          }
          const response = await call(route.method, urlWith(route.url, target.values), user, body);
          checked += 1;
          if (isCaseRoute(route)) checkedOnCaseRoutes.set(key, (checkedOnCaseRoutes.get(key) ?? 0) + 1);
          const where = `${label(route)} with ${target.owner}`;
          if (response.status !== expectedStatus) failures.push(`${where} → ${response.status} ${JSON.stringify(response.body)}, expected ${expectedStatus}`);
          if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) failures.push(`${where} → content-type ${response.headers['content-type']}`);
          if (response.body?.type !== type) failures.push(`${where} → type ${response.body?.type}, expected ${type}`);
          if (response.body?.type !== absent.body?.type || response.body?.detail !== absent.body?.detail) {
            failures.push(`${where} → ${JSON.stringify([response.body?.type, response.body?.detail])} differs from a random id's ${JSON.stringify([absent.body?.type, absent.body?.detail])}`);
          }
          const extraKeys = Object.keys(response.body ?? {}).filter((name) => !PROBLEM_KEYS.has(name));
          if (extraKeys.length > 0) failures.push(`${where} → body has keys ${extraKeys.join(', ')}`);
          const leaked = secretsOf(route, target).filter((secret) => response.text.includes(secret));
          if (leaked.length > 0) failures.push(`${where} → response shows ${JSON.stringify(leaked)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('changed none of the records it aimed at, and ended no session of org B', async () => {
      const onCases = [...checkedOnCaseRoutes].map(([key, count]) => `${key} ${count}`).join(', ');
      console.log(`isolation: ${checked} foreign or out-of-scope id requests checked on ${idRoutes().length} routes as ${ACTOR_KEYS.length} users; on case routes: ${onCases}`);
      expect(checked).toBeGreaterThan(300);
      expect(Math.min(...ACTOR_KEYS.map((key) => checkedOnCaseRoutes.get(key) ?? 0))).toBeGreaterThan(20);
      expect(await snapshot()).toEqual(before);
      for (const user of usersOf(orgB)) await api.http().get('/api/v1/me').set(user.auth()).expect(200);
    });
  });

  describe('writes of fields the rules forbid', () => {
    /** The in-scope record of org A each actor would legitimately update, per collection. */
    const ownTarget = (key: ActorKey, collection: string): string | undefined => {
      const side = key.endsWith('B') ? 'b' : 'a';
      const ids: Record<string, string> = {
        regions: orgA.regions[side],
        villages: orgA.villages[side],
        groups: orgA.groups[side],
        'service-providers': providerA,
        users: key === 'admin' ? orgA.companionA.id : actor(key).id,
        cases: ownIds(key).cases,
      };
      return ids[collection];
    };
    /** A valid value for each field a cell needs; a new cell without one fails and says so. */
    const sampleValue = (subject: string, field: string): unknown => {
      const samples: Record<string, () => unknown> = {
        'Village.regionId': () => orgA.regions.b,
        // Each would be accepted on its own by the case rules (an active companion of the case's village, a user of the organisation).
        'Case.assignedCompanionId': () => companionA2.id,
        'Case.coCompanionId': () => companionA2.id,
        'Case.restricted': () => true,
        'Case.excludedUserIds': () => [orgA.reviewer.id],
      };
      return samples[`${subject}.${field}`]?.();
    };
    /** A valid body for each creation route with a cell, to which the forbidden field is added. */
    const creationBody = (route: Route): object | undefined => {
      const bodies: Record<string, () => object> = { 'POST /api/v1/cases': () => newCaseBody(orgA.villages.a) };
      return bodies[label(route)]?.();
    };

    interface Cell {
      route: Route;
      key: ActorKey;
      field: string;
    }

    /** route × role × DTO field where the DTO accepts the field and the rules table does not let the role write it. */
    const cells = (): { cells: Cell[]; combinations: number } => {
      const found: Cell[] = [];
      let combinations = 0;
      for (const route of routes) {
        if (route.policy?.kind !== 'ability' || !route.bodyType || !['POST', 'PATCH', 'PUT'].includes(route.method)) continue;
        const { subject, action } = route.policy;
        // A route ruled by `read` (a case's transitions) does not write its body as fields of the subject: the body names a
        // workflow action (activate, close, ...) that the service checks against the table itself.
        if (action === 'read') continue;
        // On a creation, `id` is the identity a client may choose for the new record (offline capture, SPEC §4), not a field written.
        const fields = dtoFields(route.bodyType).filter((field) => !(action === 'create' && field === 'id'));
        const roles = new Set<Role>();
        for (const key of ACTOR_KEYS) {
          const role = actor(key).role as Role;
          if (roles.has(role) || !roleHasRouteAction(role, route.policy)) continue;
          roles.add(role);
          const writable = tableFields(role, subject, action);
          for (const field of fields) {
            combinations += 1;
            if (writable !== 'all' && !writable.has(field) && ![...writable].some((name) => name.startsWith(`${field}.`))) found.push({ route, key, field });
          }
        }
      }
      return { cells: found, combinations };
    };

    it('refuses each one whole: 403 naming the field, row unchanged, one denied audit event, chain valid', async () => {
      const { cells: all, combinations } = cells();
      const appCells = all.filter((cell) => !cell.route.probe);
      console.log(
        `isolation: ${combinations} (route, role, DTO field) combinations walked; ${appCells.length} forbidden-but-accepted on app routes` +
          `${appCells.map((cell) => ` [${label(cell.route)} ${cell.key} ${cell.field}]`).join('')}; ${all.length - appCells.length} on the test probe`,
      );
      expect(combinations).toBeGreaterThan(20);
      // The walk has to see a field the DTO accepts and the rules forbid: the probe's regionId for org_admin.
      expect(all.filter((cell) => cell.route.probe).map((cell) => [cell.key, cell.field])).toEqual([['admin', 'regionId']]);
      // ... and on the case routes, the management fields (SPEC §3): assignment and restriction are the coordinator's, never a companion's.
      expect(appCells.map((cell) => `${label(cell.route)} ${cell.key} ${cell.field}`)).toEqual(
        expect.arrayContaining([
          'POST /api/v1/cases companionA assignedCompanionId', 'POST /api/v1/cases companionA coCompanionId', 'POST /api/v1/cases companionA restricted',
          'POST /api/v1/cases companionA excludedUserIds', 'PATCH /api/v1/cases/:id companionA assignedCompanionId', 'PATCH /api/v1/cases/:id companionA coCompanionId',
          'PATCH /api/v1/cases/:id companionA restricted', 'PATCH /api/v1/cases/:id companionA excludedUserIds',
        ]),
      );
      const failures: string[] = [];
      for (const { route, key, field } of all) {
        const where = `${label(route)} as ${key} setting ${field}`;
        const user = actor(key);
        const { subject, action } = route.policy as Extract<RoutePolicy, { kind: 'ability' }>;
        const value = sampleValue(subject, field);
        if (value === undefined) throw new Error(`${where}: add a value to sampleValue()`);
        // An update is aimed at the actor's own record, which must read back unchanged; a creation must leave no row behind.
        let send: () => Promise<Response>;
        let state: () => Promise<unknown>;
        let subjectId: string | null;
        if (route.method === 'PATCH' && paramsOf(route.url).length === 1) {
          const collection = collectionOf(route.url);
          const id = ownTarget(key, collection);
          if (!id) throw new Error(`${where}: add a target to ownTarget()`);
          const readBack = async () => (await api.http().get(readUrl(collection, id)).set(user.auth()).expect(200)).body;
          const version = (await readBack()).version;
          send = async () => call('PATCH', route.url.replace(':id', id), user, { version, [field]: value });
          state = readBack;
          subjectId = id;
        } else if (route.method === 'POST' && action === 'create' && paramsOf(route.url).length === 0) {
          const body = creationBody(route);
          if (!body) throw new Error(`${where}: add a valid body to creationBody()`);
          send = async () => call('POST', route.url, user, { ...body, [field]: value });
          state = caseRowCounts;
          subjectId = null;
        } else {
          throw new Error(`${where}: the walk only knows how to check updates (PATCH /x/:id) and creations (POST /x); extend it for this route`);
        }
        const original = await state();
        const auditBefore = await auditState();

        const response = await send();

        const events = (await dataSource.query('SELECT actor_id, action, subject, subject_id, fields, outcome FROM audit_events WHERE id > $1 ORDER BY id', [auditBefore.max])) as Record<string, unknown>[];
        const outcome = {
          status: response.status,
          contentType: /^application\/problem\+json/.test(String(response.headers['content-type'])),
          type: response.body?.type,
          fields: response.body?.fields,
          events,
          unchanged: JSON.stringify(await state()) === JSON.stringify(original),
        };
        const expected = {
          status: 403,
          contentType: true,
          type: problemType('forbidden-fields'),
          fields: [field],
          events: [{ actor_id: user.id, action: 'write', subject, subject_id: subjectId, fields: [field], outcome: 'denied' }],
          unchanged: true,
        };
        if (JSON.stringify(outcome) !== JSON.stringify(expected)) failures.push(`${where} → ${JSON.stringify(outcome)} (${JSON.stringify(response.body)}), expected ${JSON.stringify(expected)}`);
      }
      expect(failures).toEqual([]);
      const verified = await api.http().get('/api/v1/audit/verify').set(orgA.admin.auth()).expect(200);
      expect(verified.body).toMatchObject({ valid: true });
    });

    // Control for "row unchanged" above: the same routes do save a write of a permitted field, so an
    // unchanged row means the refusal worked, not that the route never saves anything.
    it('saves a permitted write through the same routes: new value, version + 1, one update event', async () => {
      const villageUpdates = routes.filter((candidate) => candidate.method === 'PATCH' && collectionOf(candidate.url) === 'villages');
      expect(villageUpdates.map(label).sort()).toEqual(['PATCH /api/v1/isolation-probe/villages/:id', 'PATCH /api/v1/villages/:id']);
      const failures: string[] = [];
      for (const route of villageUpdates) {
        const id = orgA.villages.a;
        const original = (await api.http().get(readUrl('villages', id)).set(orgA.admin.auth()).expect(200)).body;
        const name = `Oesao ${suffix()}`;
        const auditBefore = await auditState();
        const response = await call('PATCH', route.url.replace(':id', id), orgA.admin, { version: original.version, name });
        const events = (await dataSource.query('SELECT action, subject_id, fields, outcome FROM audit_events WHERE id > $1', [auditBefore.max])) as Record<string, unknown>[];
        const stored = (await api.http().get(readUrl('villages', id)).set(orgA.admin.auth()).expect(200)).body;
        const outcome = { status: response.status, name: stored.name, version: stored.version, events };
        const expected = { status: 200, name, version: original.version + 1, events: [{ action: 'update', subject_id: id, fields: ['name'], outcome: 'success' }] };
        if (JSON.stringify(outcome) !== JSON.stringify(expected)) failures.push(`${label(route)}: ${JSON.stringify(outcome)} (response ${JSON.stringify(response.body)}), expected ${JSON.stringify(expected)}`);
      }
      expect(failures).toEqual([]);
    });

    it('answers a field the DTO does not accept with 400 before any permission check, saving and auditing nothing', async () => {
      const url = readUrl('villages', orgA.villages.a);
      const original = (await api.http().get(url).set(orgA.admin.auth()).expect(200)).body;
      const auditBefore = await auditState();
      const response = await api.http().patch(url).set(orgA.admin.auth()).send({ version: original.version, regionId: orgA.regions.b });
      expect(await auditState()).toEqual(auditBefore);
      expect(response.status).toBe(400);
      expect(response.body.type).toBe(problemType('validation-failed'));
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['regionId']);
      expect((await api.http().get(url).set(orgA.admin.auth()).expect(200)).body).toEqual(original);
    });
  });

  // SPEC §3: org_admin sees no case content. The policy refuses the role before any lookup, so every case route answers the same
  // 403 for a case of the admin's own organisation as for a random id, shows nothing of it and creates nothing.
  it('gives org_admin no route to case content: 403 on every case route, for its own organisation\'s cases as for random ids', async () => {
    const caseRoutes = routes.filter(isCaseRoute);
    const underCasePaths = routes.filter((route) => /^\/api\/v1\/(cases|follow-ups|stats)(\/|$)/.test(route.url));
    console.log(`isolation: ${caseRoutes.length} case routes in the app: ${caseRoutes.map(label).join(', ')}`);
    expect(underCasePaths.filter((route) => !isCaseRoute(route)).map(label)).toEqual([]);
    expect(caseRoutes.map(label)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cases', 'POST /api/v1/cases', 'GET /api/v1/cases/:id', 'PATCH /api/v1/cases/:id', 'POST /api/v1/cases/:id/transitions',
        'PUT /api/v1/cases/:id/assignment', 'GET /api/v1/cases/:id/history', 'POST /api/v1/cases/duplicate-check',
        'GET /api/v1/cases/:id/referrals', 'POST /api/v1/cases/:id/referrals', 'PATCH /api/v1/cases/:id/referrals/:referralId',
        'GET /api/v1/cases/:id/follow-ups', 'POST /api/v1/cases/:id/follow-ups', 'GET /api/v1/follow-ups/due', 'GET /api/v1/stats/summary',
      ]),
    );
    expect(PERMISSION_TABLE.filter((row) => row.role === 'org_admin' && CASE_SUBJECTS.includes(row.subject) && !row.inverted)).toEqual([]);

    const admin = orgA.admin;
    const secrets = [...new Set(casesOf('A').flatMap((fixture) => [fixture.survivorName, `Narrative ${fixture.label}`, `Referral ${fixture.label}`, `Visit ${fixture.label}`]))];
    const countsBefore = await caseRowCounts();
    const failures: string[] = [];
    let requests = 0;
    for (const route of caseRoutes) {
      const collections = collectionsOf(route.url);
      const real = casesOf('A').map((fixture) => collections.map((collection) => (collection === 'cases' ? fixture.id : fixture.referralIds[0])));
      const idSets = collections.length === 0 ? [[]] : [collections.map(() => randomUUID()), ...real];
      const answers: string[] = [];
      for (const values of idSets) {
        const response = await call(route.method, urlWith(route.url, values), admin, bodyFor(route, 1));
        requests += 1;
        const where = `${route.method} ${urlWith(route.url, values)}`;
        const problem = { status: response.status, type: response.body?.type, problemJson: /^application\/problem\+json/.test(String(response.headers['content-type'])) };
        if (JSON.stringify(problem) !== JSON.stringify({ status: 403, type: problemType('forbidden'), problemJson: true })) failures.push(`${where} → ${JSON.stringify(problem)} ${response.text}`);
        const extraKeys = Object.keys(response.body ?? {}).filter((name) => !PROBLEM_KEYS.has(name));
        if (extraKeys.length > 0) failures.push(`${where} → body has keys ${extraKeys.join(', ')}`);
        const leaked = secrets.filter((secret) => response.text.includes(secret));
        if (leaked.length > 0) failures.push(`${where} → response shows ${JSON.stringify(leaked)}`);
        answers.push(JSON.stringify([response.status, response.body?.type, response.body?.detail]));
      }
      if (new Set(answers).size > 1) failures.push(`${label(route)}: org_admin's answers differ between a random id and its organisation's cases: ${[...new Set(answers)].join(' / ')}`);
    }
    console.log(`isolation: ${requests} org_admin requests on case routes`);
    expect(failures).toEqual([]);
    expect(await caseRowCounts()).toEqual(countsBefore);
  });
});
