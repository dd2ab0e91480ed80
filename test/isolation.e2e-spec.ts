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
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { createOrganisation, Organisation, SignedInUser, TEST_PASSWORD } from './support/world';

/**
 * Tenant and scope isolation (SPEC §2, §3, §5): an id from another organisation, or from a part
 * of one's own organisation outside one's scope, is indistinguishable from an id that does not
 * exist; a write naming a field the rules forbid is refused whole, saves nothing and leaves one
 * 'denied' audit event; org_admin has no way to case content. The routes are discovered from the
 * booted app, so a route added later is walked without editing this file (or fails, naming the
 * fixture it needs).
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
/** The collection an id route addresses: the segment before its parameter (`groups` for /groups/:id/members). */
const collectionOf = (url: string) => {
  const segments = url.split('/');
  return segments[segments.findIndex((segment) => segment.startsWith(':')) - 1];
};

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
const suffix = () => randomBytes(3).toString('hex');

type ActorKey = 'admin' | 'coordinatorA' | 'coordinatorB' | 'companionA' | 'companionB' | 'reviewer';
const ACTOR_KEYS: ActorKey[] = ['admin', 'coordinatorA', 'coordinatorB', 'companionA', 'companionB', 'reviewer'];
type Ids = Partial<Record<string, string[]>>;

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

  const actor = (key: ActorKey): SignedInUser => orgA[key];
  const usersOf = (org: Organisation) => ACTOR_KEYS.map((key) => org[key]);

  /** Org B ids for every collection with id routes. */
  const foreignIds = (): Ids => ({
    regions: [canary.region, orgB.regions.a],
    villages: [canary.village, orgB.villages.a],
    groups: [canary.group, orgB.groups.a],
    'service-providers': [canary.provider],
    users: [canary.user, orgB.admin.id, orgB.companionA.id],
  });

  /** Ids of org A the actor's role gives no access to (SPEC §3: coordinators their regions, companions their groups and themselves). */
  const outOfScopeIds = (key: ActorKey): Ids => {
    const other = (side: 'a' | 'b'): Ids => ({ regions: [orgA.regions[side]], villages: [orgA.villages[side]], groups: [orgA.groups[side]] });
    switch (key) {
      case 'coordinatorA':
        return other('b');
      case 'coordinatorB':
        return other('a');
      case 'companionA':
      case 'companionB':
        return { ...other(key === 'companionA' ? 'b' : 'a'), users: usersOf(orgA).filter((user) => user.id !== actor(key).id).map((user) => user.id) };
      default:
        return {};
    }
  };

  /** Valid bodies, so that validation (checked before permissions) does not hide what the id does. */
  const bodyFor = (route: Route, version: number): object | undefined => {
    if (route.method === 'PATCH') return { version, name: `Hijacked ${suffix()}` };
    const bodies: Record<string, object | undefined> = {
      'POST /api/v1/groups/:id/members': { userId: orgA.companionA.id },
      'POST /api/v1/users/:id/mfa-reset': undefined,
    };
    if (!(label(route) in bodies) && route.bodyType) throw new Error(`${label(route)}: add a valid body to bodyFor() in test/isolation.e2e-spec.ts`);
    return bodies[label(route)];
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

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url), { extraControllers: [ForbiddenFieldProbeController] });
    dataSource = api.app.get(DataSource);
    orgA = await createOrganisation(api, 'A');
    orgB = await createOrganisation(api, 'B');
    const post = async (org: Organisation, path: string, body: object) =>
      (await api.http().post(`/api/v1/${path}`).set(org.admin.auth()).send(body).expect(201)).body.id as string;
    const tag = suffix();
    const region = await post(orgB, 'regions', { name: `Canary Region ${tag}`, code: 'ZQXW' });
    const village = await post(orgB, 'villages', { name: `Canary Village ${tag}`, regionId: region });
    const group = await post(orgB, 'groups', { name: `Canary Group ${tag}`, villageId: village });
    const provider = await post(orgB, 'service-providers', { name: `Canary Provider ${tag}`, serviceType: 'shelter', regionId: region, phone: '+62 811 0000 4242', address: `Jalan Canary ${tag}` });
    const user = await post(orgB, 'users', { email: `canary-${tag}@example.test`, name: `Canary Companion ${tag}`, password: TEST_PASSWORD, role: 'companion', groupIds: [group] });
    canary = { region, village, group, provider, user };
    providerA = await post(orgA, 'service-providers', { name: 'Unit PPA Polres Kupang', serviceType: 'police', regionId: orgA.regions.a });
    routes = discoverRoutes(api);
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('id swaps', () => {
    /** Every targeted record as its own organisation's admin sees it, before and after the walk. */
    const snapshot = async () => {
      const all: Record<string, unknown> = {};
      const read = async (org: Organisation, ids: Ids) => {
        for (const [collection, list] of Object.entries(ids)) {
          for (const id of list ?? []) all[`${collection}/${id}`] = (await api.http().get(readUrl(collection, id)).set(org.admin.auth()).expect(200)).body;
        }
      };
      await read(orgB, foreignIds());
      await read(orgA, { regions: [orgA.regions.a, orgA.regions.b], villages: [orgA.villages.a, orgA.villages.b], groups: [orgA.groups.a, orgA.groups.b], users: usersOf(orgA).map((u) => u.id) });
      return all;
    };

    const idRoutes = () => routes.filter((route) => paramsOf(route.url).length > 0);
    let before: Record<string, unknown>;
    let checked = 0;

    beforeAll(async () => {
      before = await snapshot();
    });

    it('finds the id routes of the app and has ids for each of them', () => {
      const appRoutes = idRoutes().filter((route) => !route.probe);
      console.log(`isolation: ${appRoutes.length} app routes with an id (+${idRoutes().length - appRoutes.length} test probe): ${appRoutes.map(label).join(', ')}`);
      for (const known of ['GET /api/v1/regions/:id', 'PATCH /api/v1/villages/:id', 'GET /api/v1/service-providers/:id', 'PATCH /api/v1/users/:id', 'POST /api/v1/groups/:id/members']) {
        expect(appRoutes.map(label)).toContain(known);
      }
      const unsupported = idRoutes().filter((route) => paramsOf(route.url).length !== 1 || !foreignIds()[collectionOf(route.url)]).map(label);
      expect(unsupported).toEqual([]); // a new id route needs its collection's ids in foreignIds()/outOfScopeIds()
    });

    it.each(ACTOR_KEYS)('answers %s of org A like for a missing record, for every foreign or out-of-scope id', async (key) => {
      const user = actor(key);
      const failures: string[] = [];
      for (const route of idRoutes()) {
        const collection = collectionOf(route.url);
        const expectedStatus = roleHasRouteAction(user.role as Role, route.policy) ? 404 : 403;
        const absent = await call(route.method, route.url.replace(/:[A-Za-z0-9_]+/, randomUUID()), user, bodyFor(route, 1));
        const targets = [
          ...(foreignIds()[collection] ?? []).map((id) => ({ id, owner: 'org B' })),
          ...(outOfScopeIds(key)[collection] ?? []).map((id) => ({ id, owner: 'org A, out of scope' })),
        ];
        if (absent.status !== expectedStatus) failures.push(`${label(route)} with a random id → ${absent.status} ${absent.body?.type}, expected ${expectedStatus}`);
        for (const target of targets) {
          const record = before[`${collection}/${target.id}`] as Record<string, unknown>;
          const response = await call(route.method, route.url.replace(/:[A-Za-z0-9_]+/, target.id), user, bodyFor(route, Number(record.version)));
          checked += 1;
          const where = `${label(route)} with ${target.owner} ${collection} ${target.id}`;
          if (response.status !== expectedStatus) failures.push(`${where} → ${response.status} ${JSON.stringify(response.body)}, expected ${expectedStatus}`);
          if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) failures.push(`${where} → content-type ${response.headers['content-type']}`);
          const type = expectedStatus === 404 ? problemType('not-found') : problemType('forbidden');
          if (response.body?.type !== type) failures.push(`${where} → type ${response.body?.type}, expected ${type}`);
          if (response.body?.type !== absent.body?.type || response.body?.detail !== absent.body?.detail) {
            failures.push(`${where} → ${JSON.stringify([response.body?.type, response.body?.detail])} differs from a random id's ${JSON.stringify([absent.body?.type, absent.body?.detail])}`);
          }
          const extraKeys = Object.keys(response.body ?? {}).filter((name) => !PROBLEM_KEYS.has(name));
          if (extraKeys.length > 0) failures.push(`${where} → body has keys ${extraKeys.join(', ')}`);
          const secrets = ['name', 'code', 'email', 'phone', 'address'].map((field) => record[field]).filter((value): value is string => typeof value === 'string' && value !== '');
          const leaked = secrets.filter((secret) => response.text.includes(secret));
          if (leaked.length > 0) failures.push(`${where} → response shows ${JSON.stringify(leaked)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('changed none of the records it aimed at, and ended no session of org B', async () => {
      console.log(`isolation: ${checked} foreign or out-of-scope id requests checked on ${idRoutes().length} routes as ${ACTOR_KEYS.length} users`);
      expect(checked).toBeGreaterThan(100);
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
      };
      return ids[collection];
    };
    /** A valid value for each field a cell needs; a new cell without one fails and says so. */
    const sampleValue = (subject: string, field: string): unknown => {
      const samples: Record<string, () => unknown> = { 'Village.regionId': () => orgA.regions.b };
      return samples[`${subject}.${field}`]?.();
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
        const fields = dtoFields(route.bodyType);
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

      for (const { route, key, field } of all) {
        const where = `${label(route)} as ${key} setting ${field}`;
        const user = actor(key);
        if (route.method !== 'PATCH') throw new Error(`${where}: the walk only knows how to check updates; extend it for ${route.method}`);
        const subject = (route.policy as Extract<RoutePolicy, { kind: 'ability' }>).subject;
        const collection = collectionOf(route.url);
        const id = ownTarget(key, collection);
        const value = sampleValue(subject, field);
        if (!id || value === undefined) throw new Error(`${where}: add a target to ownTarget() and a value to sampleValue()`);
        const readBack = () => api.http().get(readUrl(collection, id)).set(user.auth()).expect(200);
        const original = (await readBack()).body;
        const auditBefore = await auditState();

        const response = await call('PATCH', route.url.replace(':id', id), user, { version: original.version, [field]: value });

        const auditAfter = await auditState();
        expect([where, response.status]).toEqual([where, 403]);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ type: problemType('forbidden-fields'), status: 403, fields: [field] });
        expect(auditAfter.count).toBe(auditBefore.count + 1);
        const events = (await dataSource.query('SELECT actor_id, action, subject, subject_id, fields, outcome FROM audit_events WHERE id > $1', [auditBefore.max])) as Record<string, unknown>[];
        expect(events).toEqual([{ actor_id: user.id, action: 'write', subject, subject_id: id, fields: [field], outcome: 'denied' }]);
        expect((await readBack()).body).toEqual(original);
        const verified = await api.http().get('/api/v1/audit/verify').set(orgA.admin.auth()).expect(200);
        expect(verified.body).toMatchObject({ valid: true });
      }
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

  it('gives org_admin no route to case content', async () => {
    const isCaseRoute = (url: string) => /^\/api\/v1\/(cases|follow-ups)(\/|$)/.test(url);
    const caseRoutes = routes.filter((route) => isCaseRoute(route.url));
    console.log(`isolation: ${caseRoutes.length} case routes in the app`);
    const urls = [
      ...caseRoutes.map((route) => ({ method: route.method, url: route.url.replace(/:[A-Za-z0-9_]+/g, () => randomUUID()) })),
      { method: 'GET', url: '/api/v1/cases' },
      { method: 'GET', url: `/api/v1/cases/${randomUUID()}` },
    ];
    for (const { method, url } of urls) {
      const response = await call(method, url, orgA.admin, ['GET', 'DELETE'].includes(method) ? undefined : {});
      expect([`${method} ${url}`, [403, 404].includes(response.status)]).toEqual([`${method} ${url}`, true]);
      expect(response.body.items).toBeUndefined();
      expect(response.text).not.toMatch(/survivor|narrative/);
    }
  });
});
