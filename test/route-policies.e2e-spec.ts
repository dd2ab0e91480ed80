import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { Controller, Get, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACTIONS, POLICY, RoutePolicy, SUBJECT_NAMES } from '@pendamping/auth';
import { problemType } from '@pendamping/core';
import { LIVENESS_PATH } from '@pendamping/api/health/liveness';
import { WEB_ROOT } from '@pendamping/api/web-client';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';

/**
 * Deny by default (SPEC §5): every route of the booted API declares a policy, found the way the
 * global guard finds it (handler metadata overriding class metadata). The routes are discovered
 * from the application's controllers, so a route added tomorrow is checked without editing this file.
 */

interface DiscoveredRoute {
  controller: Type;
  handlerName: string;
  method: string;
  /** The URL as Fastify serves it, with `:param` placeholders. */
  url: string;
  policy: RoutePolicy | undefined;
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');
const asArray = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '/']).map(String);

/** Every handler of every controller of the app, with its policy and the URL Fastify actually registered. */
function discoverRoutes(api: TestApi): { routes: DiscoveredRoute[]; unserved: string[] } {
  const discovery = new DiscoveryService(api.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = api.app.get(Reflector);
  const fastify = api.app.getHttpAdapter().getInstance();
  const routes: DiscoveredRoute[] = [];
  const unserved: string[] = [];
  const seen = new Set<Type>();
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | null;
    if (!controller || seen.has(controller)) continue;
    seen.add(controller);
    const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
    for (const handlerName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[handlerName];
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPaths === undefined) continue; // a helper method, not a route
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY, [handler, controller]);
      for (const controllerPath of asArray(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const methodPath of asArray(methodPaths)) {
          const path = joinPath(controllerPath, methodPath);
          // The global prefix has exclusions (health); ask the server which of the two it serves.
          const served = [joinPath('api/v1', path), path].filter((url) =>
            fastify.hasRoute({ method: method as 'GET', url }),
          );
          if (served.length !== 1) {
            unserved.push(`${method} ${path} (${controller.name}.${handlerName}) served as ${JSON.stringify(served)}`);
            continue;
          }
          routes.push({ controller, handlerName, method, url: served[0], policy });
        }
      }
    }
  }
  return { routes, unserved };
}

/**
 * What the HTTP server itself routes, read back from Fastify's route tree: a route registered on
 * Fastify behind Nest's back would escape the guard, so the two lists must agree.
 */
function servedRoutes(api: TestApi): { routes: string[]; unparsed: string[] } {
  const tree = api.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  const unparsed: string[] = [];
  for (const line of tree.split('\n').filter((text) => text.trim() !== '')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) {
      unparsed.push(line);
      continue;
    }
    stack.length = match[1].length / 4;
    stack.push(match[2]);
    const url = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter((name) => name && name !== 'HEAD'))
      routes.push(`${method} ${url}`);
  }
  return { routes, unparsed };
}

/** Swagger UI and the OpenAPI document (SPEC §1): registered by @nestjs/swagger, public by design, no data. */
const isApiDocs = (route: string) => /^[A-Z]+ \/docs(?:[/-]|$)/.test(route);

/** The liveness probe, on Fastify itself so that Nest's per-request pipeline is not its cost: public, no data. */
const LIVENESS_ROUTE = `GET ${LIVENESS_PATH}`;

/** The built web client's files and its history-mode fallback: public, no data, no policy (SPEC §11). */
const webClientRoutes = (): string[] =>
  existsSync(WEB_ROOT)
    ? [
        'GET *',
        ...readdirSync(WEB_ROOT, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => `GET ${`${entry.parentPath}/${entry.name}`.slice(WEB_ROOT.length)}`),
      ]
    : [];

const label = (route: DiscoveredRoute) => `${route.method} ${route.url}`;
const concreteUrl = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, () => randomUUID());

function send(api: TestApi, route: DiscoveredRoute, headers: Record<string, string> = {}) {
  const agent = api.http();
  const url = concreteUrl(route.url);
  const request =
    route.method === 'GET'
      ? agent.get(url)
      : route.method === 'POST'
        ? agent.post(url)
        : route.method === 'PATCH'
          ? agent.patch(url)
          : route.method === 'PUT'
            ? agent.put(url)
            : route.method === 'DELETE'
              ? agent.delete(url)
              : undefined;
  if (!request) throw new Error(`no client call for ${route.method}`);
  const withHeaders = request.set(headers);
  return route.method === 'GET' || route.method === 'DELETE' ? withHeaders : withHeaders.send({});
}

/** The routes anyone may call without signing in. Adding one is a deliberate act: it has to be listed here. */
const EXPECTED_PUBLIC = [
  // SPEC §9, §12: the lock screen asks a phone's status with no session; it says only active or revoked.
  'GET /api/v1/devices/:id/status',
  // SPEC §12: a revoked phone has no session; its last reads come with the refresh token answered device-revoked.
  'POST /api/v1/devices/:id/final-reads',
  'GET /health/ready',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
];

describe('every route declares its policy (deny by default)', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let routes: DiscoveredRoute[];
  let unserved: string[];

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
    ({ routes, unserved } = discoverRoutes(api));
    console.log(
      `route-policies: ${routes.length} routes discovered from ${new Set(routes.map((r) => r.controller)).size} controllers`,
    );
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('finds the routes of the app as the server serves them', () => {
    expect(unserved).toEqual([]);
    // Discovery has to find something to check, and the routes SPEC §9 fixes: an empty or partial walk must not pass.
    const labels = routes.map(label);
    const fixedBySpec = [
      'POST /api/v1/auth/login',
      'GET /api/v1/me',
      'POST /api/v1/me/reset-notice/acknowledge',
      'GET /api/v1/regions/:id',
      'PATCH /api/v1/users/:id',
      'POST /api/v1/groups/:id/members',
      'GET /api/v1/admin-requests',
      'POST /api/v1/admin-requests',
      'GET /api/v1/admin-requests/:id',
      'POST /api/v1/admin-requests/:id/approve',
      'POST /api/v1/admin-requests/:id/refuse',
      'POST /api/v1/admin-requests/:id/password-half',
      'GET /api/v1/audit/verify',
      'GET /health/ready',
    ];
    for (const known of fixedBySpec) {
      expect(labels).toContain(known);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('serves no route that is not a controller route, apart from the API docs, liveness and the web client files', () => {
    const served = servedRoutes(api);
    expect(served.unparsed).toEqual([]);
    expect(served.routes.filter(isApiDocs).length).toBeGreaterThan(0);
    expect(served.routes.filter((route) => !isApiDocs(route)).sort()).toEqual(
      [...routes.map(label), LIVENESS_ROUTE, ...webClientRoutes()].sort(),
    );
  });

  it('has a valid policy on every route', () => {
    const missing = routes
      .filter((route) => !route.policy)
      .map((route) => `${label(route)} (${route.controller.name}.${route.handlerName})`);
    expect(missing).toEqual([]);
    const malformed = routes
      .filter((route) => route.policy?.kind === 'ability')
      .filter((route) => {
        const policy = route.policy as Extract<RoutePolicy, { kind: 'ability' }>;
        return (
          !(ACTIONS as readonly string[]).includes(policy.action) ||
          !(SUBJECT_NAMES as readonly string[]).includes(policy.subject)
        );
      })
      .map(label);
    expect(malformed).toEqual([]);
    const byKind = routes.reduce<Record<string, number>>(
      (counts, route) => ({
        ...counts,
        [route.policy?.kind ?? 'none']: (counts[route.policy?.kind ?? 'none'] ?? 0) + 1,
      }),
      {},
    );
    console.log(`route-policies: ${routes.length} routes checked, every one with a policy: ${JSON.stringify(byKind)}`);
  });

  it('opens only the expected routes to the public', () => {
    expect(
      routes
        .filter((route) => route.policy?.kind === 'public')
        .map(label)
        .sort(),
    ).toEqual([...EXPECTED_PUBLIC].sort());
  });

  it('answers 401 problem+json to an unauthenticated or forged request on every non-public route', async () => {
    const guarded = routes.filter((route) => route.policy?.kind !== 'public');
    expect(guarded.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const route of guarded) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer not-a-token' },
        { authorization: 'Bearer e30.e30.x' },
      ];
      for (const headers of attempts) {
        const response = await send(api, route, headers);
        const ok =
          response.status === 401 &&
          /^application\/problem\+json/.test(String(response.headers['content-type'])) &&
          response.body.type === problemType('unauthenticated') &&
          response.body.status === 401;
        if (!ok)
          wrong.push(
            `${label(route)} ${JSON.stringify(headers)} → ${response.status} ${response.headers['content-type']} ${response.body?.type}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    console.log(
      `route-policies: ${guarded.length} non-public routes answered 401 problem+json without valid credentials`,
    );
  });
});

/** A controller that forgot its policy: the check above must flag it, and the guard must close it. */
@Controller('policy-less-probe')
class PolicyLessController {
  @Get()
  open(): { leaked: true } {
    return { leaked: true };
  }
}

describe('the deny-by-default check itself', () => {
  let database: SuiteDatabase;
  let api: TestApi;

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url), { extraControllers: [PolicyLessController] });
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('flags a route without a policy, and the guard refuses it even to an anonymous caller', async () => {
    const { routes } = discoverRoutes(api);
    const probe = routes.filter((route) => route.controller === PolicyLessController);
    expect(probe.map((route) => [label(route), route.policy])).toEqual([['GET /api/v1/policy-less-probe', undefined]]);
    const response = await api.http().get('/api/v1/policy-less-probe').expect(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.type).toBe(problemType('forbidden'));
    expect(JSON.stringify(response.body)).not.toContain('leaked');
  });
});
