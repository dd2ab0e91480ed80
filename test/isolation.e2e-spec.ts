import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Headers, Param, Patch, Post, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModuleRef, ModulesContainer, Reflector } from '@nestjs/core';
import { IdPipe, VersionedDto, withoutVersion } from '@pendamping/api/common/params';
import { CreatePlanItemDto, UpdatePlanItemDto } from '@pendamping/api/work-plans/work-plan.dtos';
import {
  Auth,
  DirectoryService,
  fieldsOf,
  PERMISSION_TABLE,
  Policy,
  POLICY,
  RequestAuth,
  Role,
  RoutePolicy,
  SubjectName,
} from '@pendamping/auth';
import { PlanItemService, WorkPlanService } from '@pendamping/cases';
import { WORK_PLAN_STATUS_CODES } from '@pendamping/cases/code-lists';
import { expectedVersion, problemType } from '@pendamping/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { getMetadataStorage, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { addFollowUp, addReferral, createCase, newCaseBody } from './support/cases';
import {
  addPlanActivity,
  addPlanItem,
  createWorkPlan,
  planActivityBody,
  planItemBody,
  planStep,
  WORK_PLANS_URL,
} from './support/isolation-plans';
import { expireReport, finishReport, ReportFile, ReportFormat, reportFile } from './support/isolation-reports';
import { fetchFile, REPORTS, reportBody, requestReport, sha256 } from './support/report-client';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import { approveRequest, createOrganisation, Organisation, signIn, SignedInUser } from './support/world';

/**
 * Tenant and scope isolation (SPEC §2, §3, §5): an id from another organisation, or from a part
 * of one's own organisation outside one's scope, is indistinguishable from an id that does not
 * exist; a write naming a field the rules forbid is refused whole, saves nothing and leaves one
 * 'denied' audit event; org_admin has no way to case content. The routes are discovered from the
 * booted app, so a route added later is walked without editing this file (or fails, naming the
 * fixture it needs). Case routes are walked with cases of org B and cases of org A outside the
 * actor's scope (another region, no longer assigned, restricted and excluding the actor), with
 * their referrals and follow-ups; work plan routes with plans of org B and plans of org A outside
 * the actor's scope (another group or region; org_admin has none at all), with their items and
 * the items' activity reports; evaluation report routes with reports of org B and reports of org A
 * outside the actor's scope (another region or group, or the organisation's own for all but the
 * reviewer; org_admin has none), queued, succeeded (a file stored as the worker stores it) and
 * expired: the file route answers them like a random id too, hands out no byte of them and audits
 * no download. On a route with several ids every position is swapped.
 */

// ---------------------------------------------------------------------------------------------
// A route that hands the real DirectoryService a body field the rules forbid. No DTO of the app
// accepts such a field today (see the walk below), so without this probe the refusal path could
// not be exercised over HTTP at all. Mounted in this suite only; everything behind it is app code.
class ProbeVillageChangesDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() regionId?: string;
}

// Likewise for work plans, whose app DTOs accept only what companions may write: a plan's status
// (the workflow's, through submit/approve/return), and an item's addedAfterApproval (the service's).
class ProbePlanChangesDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) goals?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(WORK_PLAN_STATUS_CODES) status?: string;
}

class ProbeNewPlanItemDto extends CreatePlanItemDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() addedAfterApproval?: boolean;
}

class ProbePlanItemChangesDto extends UpdatePlanItemDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() addedAfterApproval?: boolean;
}

@Controller('isolation-probe')
class ForbiddenFieldProbeController {
  constructor(private readonly moduleRef: ModuleRef) {}

  @Patch('villages/:id')
  @Policy('update', 'Village')
  update(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: ProbeVillageChangesDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    const directory = this.moduleRef.get(DirectoryService, { strict: false });
    return directory.updateVillage(
      auth,
      id,
      expectedVersion(ifMatch, body.version),
      withoutVersion(body) as { name?: string },
    );
  }

  @Patch('work-plans/:id')
  @Policy('update', 'WorkPlan')
  updatePlan(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: ProbePlanChangesDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    const plans = this.moduleRef.get(WorkPlanService, { strict: false });
    return plans.update(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body) as { goals?: string });
  }

  @Post('work-plans/:id/items')
  @Policy('create', 'PlanItem')
  createItem(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Body() body: ProbeNewPlanItemDto) {
    return this.moduleRef.get(PlanItemService, { strict: false }).create(auth, id, body);
  }

  @Patch('work-plans/:id/items/:itemId')
  @Policy('update', 'PlanItem')
  updateItem(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Body() body: ProbePlanItemChangesDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.moduleRef
      .get(PlanItemService, { strict: false })
      .update(auth, id, itemId, expectedVersion(ifMatch, body.version), withoutVersion(body));
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

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');
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
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<
        string,
        { index: number }
      >;
      const bodyArg = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY))?.[1];
      const paramTypes = (Reflect.getMetadata('design:paramtypes', prototype, handlerName) ?? []) as Type[];
      const bodyType = bodyArg ? paramTypes[bodyArg.index] : undefined;
      for (const controllerPath of asArray(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const methodPath of asArray(methodPaths)) {
          const path = joinPath(controllerPath, methodPath);
          const served = [joinPath('api/v1', path), path].filter((url) =>
            fastify.hasRoute({ method: method as 'GET', url }),
          );
          if (served.length !== 1)
            throw new Error(
              `${method} ${path} (${controller.name}.${handlerName}) is served as ${JSON.stringify(served)}`,
            );
          routes.push({
            controller,
            handlerName,
            method,
            url: served[0],
            policy,
            bodyType,
            probe: controller === ForbiddenFieldProbeController,
          });
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
/** The subjects of work plans: a group's own account of its work, which org_admin has no row for either. */
const PLAN_SUBJECTS: readonly string[] = ['WorkPlan', 'PlanItem', 'ActivityReport'];
const isPlanRoute = (route: Route) => route.policy?.kind === 'ability' && PLAN_SUBJECTS.includes(route.policy.subject);
/** Evaluation reports (SPEC §7): every report route but the queue's (ReportQueue, org_admin's own). */
const isReportRoute = (route: Route) => route.policy?.kind === 'ability' && route.policy.subject === 'Report';
/** The route a probe mirrors: its URL without the probe's prefix. */
const appUrlOf = (url: string) => url.replace('/isolation-probe', '');

/** Does the rules table give the role the route's action at all? If not, the guard answers 403 whatever the id. */
function roleHasRouteAction(role: Role, policy: RoutePolicy | undefined): boolean {
  if (!policy || policy.kind === 'public' || policy.kind === 'authenticated') return true;
  return PERMISSION_TABLE.some(
    (row) =>
      row.role === role && row.subject === policy.subject && row.actions.includes(policy.action) && !row.inverted,
  );
}

/** The fields the table lets the role write with the action, or 'all'. (Scope conditions are not considered here.) */
function tableFields(role: Role, subject: string, action: string): Set<string> | 'all' {
  const rows = PERMISSION_TABLE.filter(
    (row) => row.role === role && row.subject === subject && row.actions.includes(action as never) && !row.inverted,
  );
  if (rows.some((row) => !row.fields && !row.fieldClasses)) return 'all';
  return new Set(rows.flatMap((row) => [...(row.fields ?? [])]));
}

/**
 * DTO fields a service writes under another name of the subject: the name the rules table, the 403 and the audit event use.
 * (POST /work-plans {copyFrom} sets the new plan's copiedFromId.)
 */
const SUBJECT_FIELD_OF: Record<string, Record<string, string>> = {
  'POST /api/v1/work-plans': { copyFrom: 'copiedFromId' },
  // The id a phone chose for itself (SPEC §12), as a case's client-chosen id.
  'POST /api/v1/devices': { deviceId: 'id' },
};
const subjectFieldOf = (route: Route, field: string) => SUBJECT_FIELD_OF[label(route)]?.[field] ?? field;

/** The body fields a DTO accepts: whitelisted properties, without `version` (a precondition, never written). */
function dtoFields(dto: Type): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)].filter((name) => name !== 'version').sort();
}

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId']);
/** Keys whose values identify a record (names, contacts, case numbers, notes): none may show in an answer about a record one cannot see. */
const SECRET_KEYS = new Set([
  'name',
  'code',
  'email',
  'phone',
  'address',
  'narrative',
  'caseNumber',
  'note',
  'outcomeNote',
  'notes',
  'nextAction',
  'statusReason',
  // A plan's free text: the group's account of its work, which can name people (SPEC §7).
  'goals',
  'reviewComments',
  'title',
  'keyPersons',
  'summary',
  'results',
  'obstacles',
  'lessons',
  // A report's file: its name (which names the place) and checksum.
  'fileName',
  'checksumSha256',
]);
const secretsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(secretsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    SECRET_KEYS.has(key) && typeof inner === 'string' && inner !== '' ? [inner] : secretsIn(inner),
  );
};
const suffix = () => randomBytes(3).toString('hex');
/** All a response shows: its headers (a file's name is in content-disposition) and its body, text or bytes. */
const shownBy = (response: Response): string =>
  [
    JSON.stringify(response.headers),
    typeof response.text === 'string' ? response.text : '',
    Buffer.isBuffer(response.body) ? response.body.toString('latin1') : '',
  ].join('\n');
/** A response body for a failure message: a file as its size and type, not its bytes. */
const bodyOf = (response: Response): string =>
  Buffer.isBuffer(response.body)
    ? `<${response.body.length} bytes of ${response.headers['content-type']}>`
    : JSON.stringify(response.body);

type ActorKey = 'admin' | 'coordinatorA' | 'coordinatorB' | 'companionA' | 'companionB' | 'reviewer';
const ACTOR_KEYS: ActorKey[] = ['admin', 'coordinatorA', 'coordinatorB', 'companionA', 'companionB', 'reviewer'];
type Ids = Partial<Record<string, string[]>>;

/** A work plan the walk aims at, with its items and their activity reports (ids in the record tree of the suite). */
interface PlanFixture {
  label: string;
  org: 'A' | 'B';
  id: string;
  /** A user of the plan's organisation who reads all of it (its reviewer): the snapshot is taken as them. */
  reader: SignedInUser;
  /** The texts written into the plan, its items and reports: none may show to a user outside its scope. */
  texts: string[];
  /** Its status once set up (draft, submitted, approved, returned). */
  status: string;
  /** The actors of org A whose scope holds the plan (SPEC §3, §6); for every other actor it does not exist. */
  seenBy: ActorKey[];
}

/** An evaluation report the walk aims at: requested through the API; its file, if it has one, stored as the worker stores it. */
interface ReportFixture {
  label: string;
  org: 'A' | 'B';
  id: string;
  /** Who asked for it: GET /reports lists it to them alone. */
  requester: SignedInUser;
  /** A user of the report's organisation who reads all of it (its reviewer): the snapshot is taken as them. */
  reader: SignedInUser;
  status: 'queued' | 'succeeded' | 'expired';
  /** The file the worker stored (an expired report's chunks are gone; its name and checksum stay). */
  file?: ReportFile;
  /** The actors of org A whose scope holds the report (SPEC §3, §7); for every other actor it does not exist. */
  seenBy: ActorKey[];
}

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
  /** Org B's administration requests (its users were made through them). */
  let adminRequestsOfB: string[] = [];
  /** Phones (SPEC §12): org B's, and org A's by owner. */
  let devicesOfB: string[] = [];
  const devicesOfA = new Map<string, string>();
  let routes: Route[];
  /** Org B's records with names no other record has, so a leak of them is visible in a response. */
  let canary: { region: string; village: string; group: string; provider: string; user: string };
  let providerA: string;
  /** A second companion of group a, and a coordinator of both regions of org A who manages (and reads, for the snapshot) its restricted cases. */
  let companionA2: SignedInUser;
  let managerA: SignedInUser;
  let caseFixtures: CaseFixture[];
  let planFixtures: PlanFixture[];
  let reportFixtures: ReportFixture[];
  /** The year of the walk's plans: last year, so that any day of it is a valid activity date. */
  let planYear: number;

  /**
   * The records under a record, by collection (a case's referrals and follow-ups, a plan's items, an item's activities), and the
   * parent of each: `cases/<id>/referrals` → ids, `referrals/<id>` → `cases/<id>`.
   */
  const childrenOf = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  const link = (parent: string, parentId: string, child: string, childId: string) => {
    const key = `${parent}/${parentId}/${child}`;
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), childId]);
    parentOf.set(`${child}/${childId}`, `${parent}/${parentId}`);
  };
  /** The records of `child` under a record of `parent`, or undefined when the walk does not know them. */
  const childIdsOf = (parent: string, parentId: string, child: string): string[] | undefined =>
    childrenOf.get(`${parent}/${parentId}/${child}`);
  /** A record and the records above it: `activities/<id>`, `items/<id>`, `work-plans/<id>`. */
  const lineageOf = (record: string): string[] => {
    const parent = parentOf.get(record);
    return parent ? [record, ...lineageOf(parent)] : [record];
  };
  /** Every chain of records down `collections` from `root`: [root], [root, child], [root, child, grandchild], ... */
  const chainsFrom = (collections: readonly string[], root: string): string[][] => {
    let level = [[root]];
    const all = [...level];
    for (let index = 1; index < collections.length; index++) {
      level = level.flatMap((chain) =>
        (childIdsOf(collections[index - 1], chain[index - 1], collections[index]) ?? []).map((child) => [
          ...chain,
          child,
        ]),
      );
      all.push(...level);
    }
    return all;
  };
  /** All records of `collections[depth]` under the given roots of `collections[0]`. */
  const descendantsOf = (collections: readonly string[], roots: readonly string[], depth: number): string[] =>
    roots.flatMap((root) =>
      chainsFrom(collections, root)
        .filter((chain) => chain.length === depth + 1)
        .map((chain) => chain[depth]),
    );

  const actor = (key: ActorKey): SignedInUser => orgA[key];
  const usersOf = (org: Organisation) => ACTOR_KEYS.map((key) => org[key]);
  const casesOf = (org: 'A' | 'B') => caseFixtures.filter((fixture) => fixture.org === org);
  const plansOf = (org: 'A' | 'B') => planFixtures.filter((fixture) => fixture.org === org);
  const reportsOf = (org: 'A' | 'B') => reportFixtures.filter((fixture) => fixture.org === org);
  const CASE_TREE = ['cases', 'referrals'] as const;
  const PLAN_TREE = ['work-plans', 'items', 'activities'] as const;
  const caseIds = (fixtures: CaseFixture[]): Ids => ({
    cases: fixtures.map((f) => f.id),
    referrals: fixtures.flatMap((f) => f.referralIds),
    'follow-ups': fixtures.flatMap((f) => f.followUpIds),
  });
  const planIds = (fixtures: PlanFixture[]): Ids => {
    const roots = fixtures.map((f) => f.id);
    return {
      'work-plans': roots,
      items: descendantsOf(PLAN_TREE, roots, 1),
      activities: descendantsOf(PLAN_TREE, roots, 2),
    };
  };

  /** Org B ids for every collection with id routes. */
  const foreignIds = (): Ids => ({
    regions: [canary.region, orgB.regions.a],
    villages: [canary.village, orgB.villages.a],
    groups: [canary.group, orgB.groups.a],
    'service-providers': [canary.provider],
    users: [canary.user, orgB.admin.id, orgB.companionA.id],
    ...caseIds(casesOf('B')),
    ...planIds(plansOf('B')),
    reports: reportsOf('B').map((fixture) => fixture.id),
    'admin-requests': adminRequestsOfB,
    devices: devicesOfB,
  });

  /**
   * Ids of org A the actor's role gives no access to (SPEC §3: coordinators their regions, companions their groups and themselves,
   * companions only the cases they are assigned to, nobody a restricted case that excludes them; org_admin no case at all;
   * companions the plans of their groups, coordinators those of their regions, the reviewer every plan, org_admin none; likewise
   * reports: companions those of their groups, coordinators region, village and group reports of their regions, the reviewer all).
   */
  const outOfScopeIds = (key: ActorKey): Ids => {
    const other = (side: 'a' | 'b'): Ids => ({
      regions: [orgA.regions[side]],
      villages: [orgA.villages[side]],
      groups: [orgA.groups[side]],
    });
    const cases = {
      ...caseIds(casesOf('A').filter((fixture) => !fixture.seenBy.includes(key))),
      ...planIds(plansOf('A').filter((fixture) => !fixture.seenBy.includes(key))),
      reports: reportsOf('A')
        .filter((fixture) => !fixture.seenBy.includes(key))
        .map((fixture) => fixture.id),
    };
    switch (key) {
      case 'coordinatorA':
        return { ...other('b'), ...cases };
      case 'coordinatorB':
        return { ...other('a'), ...cases };
      case 'companionA':
      case 'companionB':
        return {
          ...other(key === 'companionA' ? 'b' : 'a'),
          users: usersOf(orgA)
            .filter((user) => user.id !== actor(key).id)
            .map((user) => user.id),
          ...cases,
          // A companion's phones are hers: another companion's are out of scope.
          devices: [...devicesOfA].filter(([owner]) => owner !== actor(key).id).map(([, id]) => id),
        };
      default:
        return cases;
    }
  };

  /**
   * An in-scope case of org A with its referral and follow-up, and an in-scope plan with an item and its activity report, for the
   * actor (a draft if any: a plan the group may still change): the other ids of a route with several. (org_admin, in scope of
   * none, gets the first of each.)
   */
  const ownIds = (key: ActorKey): Record<string, string> => {
    const own = casesOf('A').find((fixture) => fixture.seenBy.includes(key)) ?? casesOf('A')[0];
    const plans = plansOf('A').filter((fixture) => fixture.seenBy.includes(key));
    const plan = plans.find((fixture) => fixture.status === 'draft') ?? plans[0] ?? plansOf('A')[0];
    const [, item, activity] = chainsFrom(PLAN_TREE, plan.id).find((chain) => chain.length === PLAN_TREE.length) ?? [];
    return {
      cases: own.id,
      referrals: own.referralIds[0],
      'follow-ups': own.followUpIds[0],
      'work-plans': plan.id,
      items: item,
      activities: activity,
    };
  };

  /** Valid bodies, so that validation (checked before permissions) does not hide what the id does. */
  const bodyFor = (route: Route, version: number): object | undefined => {
    const hijacked = `Hijacked ${suffix()}`;
    const bodies: Record<string, object | undefined> = {
      'POST /api/v1/groups/:id/members': { userId: orgA.companionA.id },
      'POST /api/v1/cases': newCaseBody(orgA.villages.a, { narrative: hijacked }),
      'POST /api/v1/cases/duplicate-check': { name: casesOf('A')[0].survivorName, birthYear: 1994 },
      'PATCH /api/v1/cases/:id': { version, riskLevel: 'critical', narrative: hijacked },
      'POST /api/v1/cases/:id/transitions': { to: 'active', reason: hijacked, version },
      'PUT /api/v1/cases/:id/assignment': { assignedCompanionId: orgA.companionA.id, version },
      'POST /api/v1/cases/:id/referrals': {
        serviceType: 'police',
        providerId: providerA,
        referredAt: '2026-03-05',
        note: hijacked,
      },
      'PATCH /api/v1/cases/:id/referrals/:referralId': { version, status: 'accepted', outcomeNote: hijacked },
      'POST /api/v1/cases/:id/follow-ups': {
        date: '2026-03-05',
        type: 'phone_call',
        notes: hijacked,
        nextAction: hijacked,
        dueDate: '2026-03-09',
      },
      // Group a's next plan, copied from its draft: a body its companion could send.
      'POST /api/v1/work-plans': {
        groupId: orgA.groups.a,
        year: planYear + 4,
        goals: hijacked,
        copyFrom: ownIds('companionA')['work-plans'],
      },
      'PATCH /api/v1/work-plans/:id': { version, goals: hijacked },
      'POST /api/v1/work-plans/:id/submit': { version },
      'POST /api/v1/work-plans/:id/approve': { version, comments: hijacked },
      'POST /api/v1/work-plans/:id/return': { version, comments: hijacked },
      'POST /api/v1/work-plans/:id/items': planItemBody({ title: hijacked }),
      // A change of status with a reason: what even an approved plan's items take (SPEC §6).
      'PATCH /api/v1/work-plans/:id/items/:itemId': { version, status: 'cancelled', statusReason: hijacked },
      'POST /api/v1/work-plans/:id/items/:itemId/activities': planActivityBody(`${planYear}-06-15`, {
        summary: hijacked,
      }),
      // A device read of a case of organisation A, as its companion's phone would send it (SPEC §12).
      'POST /api/v1/sync/reads': {
        reads: [
          { id: randomUUID(), caseId: casesOf('A')[0].id, fields: ['survivor.name'], at: '2026-03-05T08:00:00+07:00' },
        ],
      },
      // A report no fixture asked for (another year), of group a: one its companion could request.
      'POST /api/v1/reports': reportBody(planYear - 3, { level: 'group', id: orgA.groups.a }, { format: 'csv' }),
    };
    // A probe takes the body of the app route it mirrors.
    const key = `${route.method} ${appUrlOf(route.url)}`;
    if (key in bodies) return bodies[key];
    if (route.method === 'PATCH' && DIRECTORY_COLLECTIONS.has(collectionOf(route.url)))
      return { version, name: hijacked };
    if (route.bodyType) throw new Error(`${label(route)}: add a valid body to bodyFor() in test/isolation.e2e-spec.ts`);
    return undefined;
  };

  const call = (method: string, url: string, user: SignedInUser, body?: object) => {
    const agent = api.http();
    const request =
      method === 'GET'
        ? agent.get(url)
        : method === 'POST'
          ? agent.post(url)
          : method === 'PATCH'
            ? agent.patch(url)
            : method === 'PUT'
              ? agent.put(url)
              : method === 'DELETE'
                ? agent.delete(url)
                : undefined;
    if (!request) throw new Error(`no client call for ${method}`);
    const authed = request.set(user.auth());
    return body === undefined ? authed : authed.send(body);
  };

  /** Where the record a write route names is read back: the app's GET route of the same URL (a probe's, without its prefix). */
  const readBackUrl = (route: Route, values: readonly string[]) => {
    const getRoute = routes.find(
      (candidate) => candidate.method === 'GET' && !candidate.probe && candidate.url === appUrlOf(route.url),
    );
    if (!getRoute) throw new Error(`no GET route for ${appUrlOf(route.url)}`);
    return urlWith(getRoute.url, values);
  };

  /** Where a record of a collection is read back: the app's GET /<collection>/:id. */
  const readUrl = (collection: string, id: string) => {
    const getRoute = routes.find(
      (route) =>
        route.method === 'GET' &&
        !route.probe &&
        paramsOf(route.url).length === 1 &&
        route.url.endsWith(`/${collection}/:id`),
    );
    if (!getRoute) throw new Error(`no GET route for ${collection}/:id`);
    return getRoute.url.replace(':id', id);
  };

  const auditState = async () => {
    const [row] = (await dataSource.query(
      'SELECT count(*)::int AS count, coalesce(max(id), 0)::text AS max FROM audit_events',
    )) as { count: number; max: string }[];
    return row;
  };

  /** Rows of case content in the whole database: a refused request adds none. */
  const caseRowCounts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals,
              (SELECT count(*) FROM follow_ups)::int AS follow_ups, (SELECT count(*) FROM case_changes)::int AS case_changes`,
    )) as Record<string, number>[];
  /** Rows of work plans, their items and activity reports in the whole database. */
  const planRowCounts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*) FROM work_plans)::int AS work_plans, (SELECT count(*) FROM plan_items)::int AS plan_items,
              (SELECT count(*) FROM activity_reports)::int AS activity_reports`,
    )) as Record<string, number>[];
  /** Rows of evaluation reports and of their files' chunks in the whole database. */
  const reportRowCounts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM report_chunks)::int AS report_chunks`,
    )) as Record<string, number>[];
  const rowCounts = async () => ({
    cases: await caseRowCounts(),
    plans: await planRowCounts(),
    reports: await reportRowCounts(),
  });
  /** The audit events after `max` (an auditState().max), without what differs between two equal requests (time, lane, request id). */
  const auditEventsSince = async (max: string) =>
    (await dataSource.query(
      'SELECT actor_id, action, subject, subject_id, fields, outcome FROM audit_events WHERE id > $1 ORDER BY id',
      [max],
    )) as Record<string, unknown>[];
  /** The report queue as each organisation's administrator sees it (GET /reports/queue): whether Redis answers and the organisation's requests. */
  const reportQueues = async () => ({
    A: (await api.http().get(`${REPORTS}/queue`).set(orgA.admin.auth()).expect(200)).body,
    B: (await api.http().get(`${REPORTS}/queue`).set(orgB.admin.auth()).expect(200)).body,
  });

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url), { extraControllers: [ForbiddenFieldProbeController] });
    dataSource = api.app.get(DataSource);
    orgA = await createOrganisation(api, 'A');
    orgB = await createOrganisation(api, 'B');
    adminRequestsOfB = (
      (await dataSource.query(`SELECT id FROM admin_requests WHERE organization_id = $1`, [orgB.id])) as {
        id: string;
      }[]
    ).map((row) => row.id);
    // A phone of each companion of both organisations (SPEC §12), as set-up stores it.
    const addDevice = async (org: Organisation, owner: SignedInUser) => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO devices (id, organization_id, user_id, label, sealing_public_key, wrapping_key_master_key_id, wrapping_key)
         VALUES ($1, $2, $3, 'HP', 'public-key', 'k1', $4)`,
        [id, org.id, owner.id, randomBytes(60)],
      );
      return id;
    };
    for (const owner of [orgA.companionA, orgA.companionB]) devicesOfA.set(owner.id, await addDevice(orgA, owner));
    devicesOfB = [await addDevice(orgB, orgB.companionA), await addDevice(orgB, orgB.companionB)];
    const post = async (org: Organisation, path: string, body: object) =>
      (await api.http().post(`/api/v1/${path}`).set(org.admin.auth()).send(body).expect(201)).body.id as string;
    const newUser = async (
      org: Organisation,
      role: string,
      scope: object,
      email = `${role}-${suffix()}@example.test`,
      name = `Test ${role}`,
    ) => {
      const requested = await api
        .http()
        .post('/api/v1/users')
        .set(org.admin.auth())
        .send({ email, name, role, ...scope })
        .expect(202);
      const { userId, temporaryPassword } = await approveRequest(api, org.admin, requested.body.id);
      return signIn(api, { id: userId, email, password: temporaryPassword as string, role });
    };
    const tag = suffix();
    const region = await post(orgB, 'regions', { name: `Canary Region ${tag}`, code: 'ZQXW' });
    const village = await post(orgB, 'villages', { name: `Canary Village ${tag}`, regionId: region });
    const group = await post(orgB, 'groups', { name: `Canary Group ${tag}`, villageId: village });
    const provider = await post(orgB, 'service-providers', {
      name: `Canary Provider ${tag}`,
      serviceType: 'shelter',
      regionId: region,
      phone: '+62 811 0000 4242',
      address: `Jalan Canary ${tag}`,
    });
    const canaryCompanion = await newUser(
      orgB,
      'companion',
      { groupIds: [group] },
      `canary-${tag}@example.test`,
      `Canary Companion ${tag}`,
    );
    canary = { region, village, group, provider, user: canaryCompanion.id };
    providerA = await post(orgA, 'service-providers', {
      name: 'Unit PPA Polres Kupang',
      serviceType: 'police',
      regionId: orgA.regions.a,
    });
    routes = discoverRoutes(api);

    companionA2 = await newUser(orgA, 'companion', { groupIds: [orgA.groups.a] });
    managerA = await newUser(orgA, 'coordinator', { regionIds: [orgA.regions.a, orgA.regions.b] });
    caseFixtures = [];
    /** A case taken in by `creator`, with a referral and a follow-up of theirs; `then` runs before it is registered. */
    const addCase = async (
      fixture: Pick<CaseFixture, 'label' | 'org' | 'reader' | 'seenBy'> & {
        creator: SignedInUser;
        villageId: string;
        extra?: object;
        then?: (created: { id: string; version: number }) => Promise<void>;
      },
    ) => {
      const text = `${fixture.label} ${tag}`;
      const survivorName = `Survivor ${text}`;
      const body = newCaseBody(fixture.villageId, {
        survivor: {
          sex: 'female',
          name: survivorName,
          phone: `0813 ${suffix()}`,
          address: `Jalan ${text}`,
          birthDate: '1994-07-12',
        },
        narrative: `Narrative ${text}`,
        ...fixture.extra,
      });
      const created = await createCase(api, fixture.creator, body);
      const referral = await addReferral(api, fixture.creator, created.id, { note: `Referral ${text}` });
      const followUp = await addFollowUp(api, fixture.creator, created.id, {
        notes: `Visit ${text}`,
        nextAction: `Call ${text}`,
        dueDate: '2026-03-20',
      });
      await fixture.then?.(created as { id: string; version: number });
      caseFixtures.push({
        label: fixture.label,
        org: fixture.org,
        id: created.id,
        survivorName,
        reader: fixture.reader,
        referralIds: [referral.id],
        followUpIds: [followUp.id],
        seenBy: fixture.seenBy,
      });
      link('cases', created.id, 'referrals', referral.id);
      link('cases', created.id, 'follow-ups', followUp.id);
    };
    const { coordinatorA, coordinatorB, companionA, companionB, reviewer } = orgA;
    await addCase({
      label: 'Own A',
      org: 'A',
      creator: companionA,
      villageId: orgA.villages.a,
      reader: managerA,
      seenBy: ['coordinatorA', 'companionA', 'reviewer'],
    });
    // Region b: outside coordinatorA's and companionA's scope; the reviewer reads coded fields organisation-wide.
    await addCase({
      label: 'Own B',
      org: 'A',
      creator: companionB,
      villageId: orgA.villages.b,
      reader: managerA,
      seenBy: ['coordinatorB', 'companionB', 'reviewer'],
    });
    // Taken in by companionA, who worked on it, then reassigned: no longer theirs (SPEC §3).
    await addCase({
      label: 'Reassigned',
      org: 'A',
      creator: companionA,
      villageId: orgA.villages.a,
      reader: managerA,
      seenBy: ['coordinatorA', 'reviewer'],
      then: async (created) => {
        await api
          .http()
          .put(`/api/v1/cases/${created.id}/assignment`)
          .set(coordinatorA.auth())
          .send({ assignedCompanionId: companionA2.id, version: created.version })
          .expect(200);
      },
    });
    // Restricted cases naming as excluded the region's coordinator, the reviewer and (in region a) companionA of the case's group.
    await addCase({
      label: 'Restricted A',
      org: 'A',
      creator: managerA,
      villageId: orgA.villages.a,
      reader: managerA,
      seenBy: [],
      extra: {
        assignedCompanionId: companionA2.id,
        restricted: true,
        excludedUserIds: [coordinatorA.id, companionA.id, reviewer.id],
      },
    });
    await addCase({
      label: 'Restricted B',
      org: 'A',
      creator: managerA,
      villageId: orgA.villages.b,
      reader: managerA,
      seenBy: ['companionB'],
      extra: { assignedCompanionId: companionB.id, restricted: true, excludedUserIds: [coordinatorB.id, reviewer.id] },
    });
    await addCase({
      label: 'Canary',
      org: 'B',
      creator: canaryCompanion,
      villageId: village,
      reader: canaryCompanion,
      seenBy: [],
    });
    await addCase({
      label: 'Mirror',
      org: 'B',
      creator: orgB.companionA,
      villageId: orgB.villages.a,
      reader: orgB.coordinatorA,
      seenBy: [],
    });

    planFixtures = [];
    planYear = new Date().getUTCFullYear() - 1;
    /**
     * A plan drafted by `creator` (copied from `copyFrom` if given), with a new item of its own besides the copied ones and one
     * activity report on every item; `then` takes it through the workflow before it is registered.
     */
    const addPlan = async (
      fixture: Pick<PlanFixture, 'label' | 'org' | 'reader' | 'seenBy'> & {
        creator: SignedInUser;
        groupId: string;
        year?: number;
        copyFrom?: string;
        then?: (plan: { id: string }, text: string, texts: string[]) => Promise<void>;
      },
    ) => {
      const text = `${fixture.label} ${tag}`;
      const year = fixture.year ?? planYear;
      const texts = [`Goals ${text}`, `Item ${text}`, `Key persons ${text}`];
      const plan = await createWorkPlan(api, fixture.creator, {
        groupId: fixture.groupId,
        year,
        goals: texts[0],
        copyFrom: fixture.copyFrom,
      });
      if (fixture.copyFrom && plan.copiedFromId !== fixture.copyFrom)
        throw new Error(`${fixture.label}: not copied from ${fixture.copyFrom}: ${JSON.stringify(plan)}`);
      await addPlanItem(api, fixture.creator, plan.id, planItemBody({ title: texts[1], keyPersons: texts[2] }));
      const { items } = (await api.http().get(`${WORK_PLANS_URL}/${plan.id}`).set(fixture.creator.auth()).expect(200))
        .body as { items: { id: string }[] };
      for (const [index, item] of items.entries()) {
        const report = [
          `Summary ${text} ${index}`,
          `Results ${text} ${index}`,
          `Obstacles ${text} ${index}`,
          `Lessons ${text} ${index}`,
        ];
        texts.push(...report);
        const [summary, results, obstacles, lessons] = report;
        const activity = await addPlanActivity(
          api,
          fixture.creator,
          plan.id,
          item.id,
          planActivityBody(`${year}-06-1${index}`, { summary, results, obstacles, lessons }),
        );
        link('work-plans', plan.id, 'items', item.id);
        link('items', item.id, 'activities', activity.id);
      }
      await fixture.then?.(plan as { id: string }, text, texts);
      const { status } = (await api.http().get(`${WORK_PLANS_URL}/${plan.id}`).set(fixture.reader.auth()).expect(200))
        .body as { status: string };
      planFixtures.push({
        label: fixture.label,
        org: fixture.org,
        id: plan.id,
        reader: fixture.reader,
        texts,
        status,
        seenBy: fixture.seenBy,
      });
    };
    const groupA = ['coordinatorA', 'companionA', 'reviewer'] satisfies ActorKey[];
    // Group a's plan of the year before, approved, with an item added after approval; then this year's draft, copied from it.
    await addPlan({
      label: 'Plan A last year',
      org: 'A',
      creator: companionA,
      groupId: orgA.groups.a,
      year: planYear - 1,
      reader: reviewer,
      seenBy: groupA,
      then: async (plan, text, texts) => {
        await planStep(api, companionA, plan.id, 'submit');
        await planStep(api, coordinatorA, plan.id, 'approve', { comments: `Approved ${text}` });
        texts.push(`Approved ${text}`, `Added ${text}`);
        const added = await addPlanItem(
          api,
          companionA,
          plan.id,
          planItemBody({ title: `Added ${text}`, targetUnit: 'participants', targetCount: 40 }),
        );
        if (added.addedAfterApproval !== true)
          throw new Error(`an item added to an approved plan is not marked so: ${JSON.stringify(added)}`);
        link('work-plans', plan.id, 'items', added.id);
      },
    });
    // Copying is the companion's to do (the table's copiedFromId, sent as copyFrom), so this is also the walk's control for that field.
    await addPlan({
      label: 'Plan A',
      org: 'A',
      creator: companionA,
      groupId: orgA.groups.a,
      copyFrom: planFixtures[0].id,
      reader: reviewer,
      seenBy: groupA,
    });
    // Group b's plan, in region b: outside companionA's and coordinatorA's scope; submitted, so that an approval or a return would take.
    await addPlan({
      label: 'Plan B',
      org: 'A',
      creator: companionB,
      groupId: orgA.groups.b,
      reader: reviewer,
      seenBy: ['coordinatorB', 'companionB', 'reviewer'],
      then: async (plan) => void (await planStep(api, companionB, plan.id, 'submit')),
    });
    await addPlan({
      label: 'Canary Plan',
      org: 'B',
      creator: canaryCompanion,
      groupId: group,
      reader: orgB.reviewer,
      seenBy: [],
      then: async (plan) => void (await planStep(api, canaryCompanion, plan.id, 'submit')),
    });
    await addPlan({
      label: 'Mirror Plan',
      org: 'B',
      creator: orgB.companionA,
      groupId: orgB.groups.a,
      reader: orgB.reviewer,
      seenBy: [],
      then: async (plan, text, texts) => {
        await planStep(api, orgB.companionA, plan.id, 'submit');
        await planStep(api, orgB.coordinatorA, plan.id, 'return', { comments: `Returned ${text}` });
        texts.push(`Returned ${text}`);
      },
    });

    reportFixtures = [];
    /**
     * A report of `scope` requested by `requester` (202, queued: no worker runs in this suite), then, unless it is to stay queued,
     * finished with a file of its own (in `chunks` chunks) and, if so wanted, expired.
     */
    const addReport = async (
      fixture: Pick<ReportFixture, 'label' | 'org' | 'requester' | 'reader' | 'status' | 'seenBy'> & {
        scope: { level: string; id?: string };
        format: ReportFormat;
        chunks?: number;
      },
    ) => {
      const report = await requestReport(
        api,
        fixture.requester,
        reportBody(planYear, fixture.scope, { format: fixture.format }),
      );
      if (report.status !== 'queued')
        throw new Error(`${fixture.label}: requested as ${report.status}, not queued: ${JSON.stringify(report)}`);
      const file =
        fixture.status === 'queued' ? undefined : reportFile(fixture.format, `${fixture.label} ${tag}`, fixture.chunks);
      if (file) await finishReport(dataSource, report.id, file);
      if (fixture.status === 'expired') await expireReport(dataSource, report.id);
      reportFixtures.push({
        label: fixture.label,
        org: fixture.org,
        id: report.id as string,
        requester: fixture.requester,
        reader: fixture.reader,
        status: fixture.status,
        file,
        seenBy: fixture.seenBy,
      });
    };
    // A report belongs to its requester (SPEC §7): only she reads it, whoever else's scope holds it.
    await addReport({
      label: 'Report A organisation',
      org: 'A',
      requester: reviewer,
      reader: reviewer,
      status: 'succeeded',
      scope: { level: 'organization' },
      format: 'pdf',
      seenBy: ['reviewer'],
    });
    await addReport({
      label: 'Report A region a',
      org: 'A',
      requester: coordinatorA,
      reader: coordinatorA,
      status: 'queued',
      scope: { level: 'region', id: orgA.regions.a },
      format: 'xlsx',
      seenBy: ['coordinatorA'],
    });
    await addReport({
      label: 'Report A group a',
      org: 'A',
      requester: companionA,
      reader: companionA,
      status: 'succeeded',
      scope: { level: 'group', id: orgA.groups.a },
      format: 'csv',
      chunks: 2,
      seenBy: ['companionA'],
    });
    // Region b's: outside coordinatorA's and companionA's scope, in every state a file can be in.
    await addReport({
      label: 'Report A region b',
      org: 'A',
      requester: coordinatorB,
      reader: coordinatorB,
      status: 'succeeded',
      scope: { level: 'region', id: orgA.regions.b },
      format: 'xlsx',
      seenBy: ['coordinatorB'],
    });
    await addReport({
      label: 'Report A village b',
      org: 'A',
      requester: reviewer,
      reader: reviewer,
      status: 'expired',
      scope: { level: 'village', id: orgA.villages.b },
      format: 'pdf',
      seenBy: ['reviewer'],
    });
    await addReport({
      label: 'Report A group b',
      org: 'A',
      requester: companionB,
      reader: companionB,
      status: 'succeeded',
      scope: { level: 'group', id: orgA.groups.b },
      format: 'pdf',
      chunks: 3,
      seenBy: ['companionB'],
    });
    await addReport({
      label: 'Report A group b queued',
      org: 'A',
      requester: coordinatorB,
      reader: coordinatorB,
      status: 'queued',
      scope: { level: 'group', id: orgA.groups.b },
      format: 'csv',
      seenBy: ['coordinatorB'],
    });
    await addReport({
      label: 'Canary Report',
      org: 'B',
      requester: canaryCompanion,
      reader: canaryCompanion,
      status: 'succeeded',
      scope: { level: 'group', id: group },
      format: 'pdf',
      chunks: 2,
      seenBy: [],
    });
    await addReport({
      label: 'Mirror Report region a',
      org: 'B',
      requester: orgB.coordinatorA,
      reader: orgB.coordinatorA,
      status: 'queued',
      scope: { level: 'region', id: orgB.regions.a },
      format: 'pdf',
      seenBy: [],
    });
    await addReport({
      label: 'Mirror Report organisation',
      org: 'B',
      requester: orgB.reviewer,
      reader: orgB.reviewer,
      status: 'succeeded',
      scope: { level: 'organization' },
      format: 'xlsx',
      seenBy: [],
    });
    await addReport({
      label: 'Mirror Report group a',
      org: 'B',
      requester: orgB.companionA,
      reader: orgB.companionA,
      status: 'expired',
      scope: { level: 'group', id: orgB.groups.a },
      format: 'csv',
      seenBy: [],
    });
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('id swaps', () => {
    /**
     * Every targeted record as its own organisation sees it, before and after the walk: the directory as its admin reads it, a
     * case (with its history, referrals and follow-ups) as a user who reads all of it, a plan (with its progress, items and their
     * activity reports, as the server lists them) as its organisation's reviewer; a report (and its file, if it has one: its
     * headers, size and checksum) as its requester, its row and its chunks as stored, and the report queue as each
     * organisation's administrator sees it; and the rows of all of them in the whole database.
     */
    const snapshot = async () => {
      const all: Record<string, unknown> = {};
      const get = async (user: SignedInUser, url: string) =>
        (await api.http().get(url).set(user.auth()).expect(200)).body;
      const read = async (org: Organisation, ids: Ids) => {
        for (const [collection, list] of Object.entries(ids)) {
          if (!DIRECTORY_COLLECTIONS.has(collection)) continue;
          for (const id of list ?? []) all[`${collection}/${id}`] = await get(org.admin, readUrl(collection, id));
        }
      };
      await read(orgB, foreignIds());
      await read(orgA, {
        regions: [orgA.regions.a, orgA.regions.b],
        villages: [orgA.villages.a, orgA.villages.b],
        groups: [orgA.groups.a, orgA.groups.b],
        users: usersOf(orgA).map((u) => u.id),
      });
      for (const fixture of caseFixtures) {
        const url = readUrl('cases', fixture.id);
        all[`cases/${fixture.id}`] = await get(fixture.reader, url);
        all[`cases/${fixture.id}/history`] = await get(fixture.reader, `${url}/history`);
        const followUps = await get(fixture.reader, `${url}/follow-ups`);
        all[`cases/${fixture.id}/follow-ups`] = followUps;
        const referrals = await get(fixture.reader, `${url}/referrals`);
        all[`cases/${fixture.id}/referrals`] = referrals;
        for (const referral of referrals.items as { id: string }[]) all[`referrals/${referral.id}`] = referral;
        for (const followUp of followUps.items as { id: string }[]) all[`follow-ups/${followUp.id}`] = followUp;
      }
      for (const fixture of planFixtures) {
        const url = readUrl('work-plans', fixture.id);
        const plan = await get(fixture.reader, url);
        all[`work-plans/${fixture.id}`] = plan;
        all[`work-plans/${fixture.id}/progress`] = await get(fixture.reader, `${url}/progress`);
        for (const item of plan.items as { id: string }[]) {
          all[`items/${item.id}`] = await get(fixture.reader, `${url}/items/${item.id}`);
          const activities = await get(fixture.reader, `${url}/items/${item.id}/activities`);
          all[`items/${item.id}/activities`] = activities;
          for (const activity of activities.items as { id: string }[])
            all[`activities/${activity.id}`] = await get(
              fixture.reader,
              `${url}/items/${item.id}/activities/${activity.id}`,
            );
        }
      }
      for (const fixture of reportFixtures) {
        all[`reports/${fixture.id}`] = await get(fixture.reader, readUrl('reports', fixture.id));
        if (fixture.status !== 'succeeded') continue;
        const file = await fetchFile(api, fixture.reader, fixture.id);
        const headers = ['content-type', 'content-length', 'content-disposition', 'cache-control'].map(
          (name) => file.headers[name],
        );
        all[`reports/${fixture.id}/file`] = {
          status: file.status,
          headers,
          byteSize: file.body.length,
          checksumSha256: sha256(file.body),
        };
      }
      all['report rows'] = await dataSource.query(
        `SELECT id, organization_id, requested_by, kind, year, scope_level, scope_id, region_id, group_id, format, locale, audience, request_key, status, progress,
                stage, error, attempts, file_name, content_type, byte_size, checksum_sha256, expires_at, started_at, finished_at, version, created_at
           FROM reports ORDER BY id`,
      );
      all['report chunks'] = await dataSource.query(
        'SELECT report_id, seq, length(data) AS bytes, md5(data) AS md5 FROM report_chunks ORDER BY report_id, seq',
      );
      all['report queues'] = await reportQueues();
      all['device rows'] = await dataSource.query(
        `SELECT id, user_id, label, revoked_at, md5(wrapping_key) AS wrapping_key FROM devices ORDER BY id`,
      );
      all['phone sessions'] = await dataSource.query(
        `SELECT id, revoked_at, rotated_at FROM refresh_tokens WHERE device_id IS NOT NULL ORDER BY id`,
      );
      all['row counts'] = await rowCounts();
      return all;
    };

    /**
     * Routes addressing a record by id. A public one is not a view into an organisation: a phone's status (SPEC §12) answers
     * anyone `active` or `revoked` for any phone id, by design, and a revoked phone's last reads take only that phone's own
     * latest refresh token; each is checked on its own below.
     */
    const idRoutes = () => routes.filter((route) => paramsOf(route.url).length > 0 && route.policy?.kind !== 'public');

    it('has two public id routes: the phone status, which shows a foreign phone’s status and nothing else, and a revoked phone’s last reads', async () => {
      expect(
        routes
          .filter((route) => paramsOf(route.url).length > 0 && route.policy?.kind === 'public')
          .map(label)
          .sort(),
      ).toEqual(['GET /api/v1/devices/:id/status', 'POST /api/v1/devices/:id/final-reads']);
      for (const id of foreignIds().devices ?? []) {
        const response = await api.http().get(`/api/v1/devices/${id}/status`);
        expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { status: 'active' } });
      }
    });

    it('takes no reads for a phone, of either organisation, without that phone’s own latest token', async () => {
      const before = await snapshot();
      const auditBefore = await auditState();
      const reads = [
        { id: randomUUID(), caseId: casesOf('A')[0].id, fields: ['survivor.name'], at: '2026-03-05T08:00:00+07:00' },
      ];
      const phones = [...(foreignIds().devices ?? []), ...devicesOfA.values()];
      const tokens = [
        randomBytes(32).toString('base64url'),
        orgA.companionA.refreshToken,
        orgB.companionA.refreshToken,
      ];
      for (const id of phones)
        for (const refreshToken of tokens) {
          const response = await api.http().post(`/api/v1/devices/${id}/final-reads`).send({ refreshToken, reads });
          expect({ status: response.status, type: response.body.type }).toEqual({
            status: 401,
            type: 'urn:pendamping:problem:unauthenticated',
          });
        }
      // Before the snapshot, whose own reads are audited.
      expect(await auditState()).toEqual(auditBefore);
      expect(await snapshot()).toEqual(before);
    });

    interface Target {
      /** The route's ids, in order. */
      values: string[];
      /** Which of them are foreign or out of scope (the others are the actor's own). */
      probed: boolean[];
      owner: string;
      /** The organisation of the probed records: the actor's own (out of scope) or the other. */
      org: 'A' | 'B';
    }

    /**
     * Foreign and out-of-scope ids for each id of the route. With several ids (a case and its referral; a plan, its item and the
     * item's activity report) every non-empty set of positions is swapped: a stranger's record with its own children, a stranger's
     * parent with the actor's own child, the actor's own parent with a stranger's child, and so on down three levels, the ids at
     * the other positions being the actor's own (which answer 200 on their own).
     */
    const targetsFor = (route: Route, key: ActorKey): Target[] => {
      const collections = collectionsOf(route.url);
      const own = ownIds(key);
      const strangers = [
        ...(foreignIds()[collections[0]] ?? []).map((id) => ({ id, owner: 'org B', org: 'B' as const })),
        ...(outOfScopeIds(key)[collections[0]] ?? []).map((id) => ({
          id,
          owner: 'org A, out of scope,',
          org: 'A' as const,
        })),
      ];
      const targets = new Map<string, Target>();
      for (const { id, owner, org } of strangers) {
        for (const chain of chainsFrom(collections, id)) {
          for (let mask = 1; mask < 1 << chain.length; mask++) {
            const probed = collections.map((_, index) => index < chain.length && (mask & (1 << index)) !== 0);
            const values = collections.map((collection, index) => (probed[index] ? chain[index] : own[collection]));
            const description = collections
              .map((collection, index) => `${probed[index] ? owner : 'own'} ${collection} ${values[index]}`)
              .join(' / ');
            targets.set(values.join('/'), { values, probed, owner: description, org });
          }
        }
      }
      return [...targets.values()];
    };

    /** The version a write through the route sends: that of the record its last id names. */
    const versionFor = (route: Route, values: string[]) => {
      const record = before[`${collectionsOf(route.url).at(-1)}/${values.at(-1)}`] as { version?: number } | undefined;
      return Number(record?.version ?? 1);
    };

    /**
     * What a response about the target must not show: the texts of the records it probes, with those above them (a referral's case,
     * an activity's item and plan), and the texts in a report's file (which the snapshot keeps as a checksum only).
     */
    const secretsOf = (route: Route, target: Target) => {
      const collections = collectionsOf(route.url);
      const prefixes = target.values.flatMap((id, index) =>
        target.probed[index] ? lineageOf(`${collections[index]}/${id}`) : [],
      );
      const records = Object.entries(before).filter(([name]) =>
        prefixes.some((prefix) => name === prefix || name.startsWith(`${prefix}/`)),
      );
      const fileTexts = reportFixtures
        .filter((fixture) => prefixes.includes(`reports/${fixture.id}`))
        .flatMap((fixture) => fixture.file?.texts ?? []);
      return [...new Set([...records.flatMap(([, record]) => secretsIn(record)), ...fileTexts])];
    };

    let before: Record<string, unknown>;
    let checked = 0;
    const checkedOnCaseRoutes = new Map<ActorKey, number>();
    const checkedOnPlanRoutes = new Map<ActorKey, number>();
    const checkedOnReportRoutes = new Map<ActorKey, number>();
    /** Per actor and id route, the id positions that were swapped. */
    const swappedPositions = new Map<string, Set<number>>();

    beforeAll(async () => {
      before = await snapshot();
    });

    it('finds the id routes of the app and has ids for each of them', () => {
      const appRoutes = idRoutes().filter((route) => !route.probe);
      console.log(
        `isolation: ${appRoutes.length} app routes with an id (+${idRoutes().length - appRoutes.length} test probe): ${appRoutes.map(label).join(', ')}`,
      );
      const known = [
        'GET /api/v1/regions/:id',
        'PATCH /api/v1/villages/:id',
        'GET /api/v1/service-providers/:id',
        'PATCH /api/v1/users/:id',
        'POST /api/v1/groups/:id/members',
        'GET /api/v1/cases/:id',
        'PATCH /api/v1/cases/:id',
        'POST /api/v1/cases/:id/transitions',
        'PUT /api/v1/cases/:id/assignment',
        'GET /api/v1/cases/:id/history',
        'GET /api/v1/cases/:id/referrals',
        'POST /api/v1/cases/:id/referrals',
        'GET /api/v1/cases/:id/referrals/:referralId',
        'PATCH /api/v1/cases/:id/referrals/:referralId',
        'GET /api/v1/cases/:id/follow-ups',
        'POST /api/v1/cases/:id/follow-ups',
        'GET /api/v1/cases/:id/follow-ups/:followUpId',
        'GET /api/v1/work-plans/:id',
        'PATCH /api/v1/work-plans/:id',
        'POST /api/v1/work-plans/:id/submit',
        'POST /api/v1/work-plans/:id/approve',
        'POST /api/v1/work-plans/:id/return',
        'GET /api/v1/work-plans/:id/progress',
        'POST /api/v1/work-plans/:id/items',
        'GET /api/v1/work-plans/:id/items/:itemId',
        'PATCH /api/v1/work-plans/:id/items/:itemId',
        'DELETE /api/v1/work-plans/:id/items/:itemId',
        'GET /api/v1/work-plans/:id/items/:itemId/activities',
        'POST /api/v1/work-plans/:id/items/:itemId/activities',
        'GET /api/v1/work-plans/:id/items/:itemId/activities/:activityId',
        'GET /api/v1/reports/:id',
        'GET /api/v1/reports/:id/file',
      ];
      expect(appRoutes.map(label)).toEqual(expect.arrayContaining(known));
      // A new id route needs its collections' ids in foreignIds()/outOfScopeIds() and, below the first, link()ed to their parents,
      // so that org B holds a whole chain of records down the route.
      const unsupported = idRoutes().filter((route) => {
        const collections = collectionsOf(route.url);
        if (collections.some((collection) => !foreignIds()[collection]?.length)) return true;
        return !foreignIds()[collections[0]]!.some((root) =>
          chainsFrom(collections, root).some((chain) => chain.length === collections.length),
        );
      });
      expect(unsupported.map(label)).toEqual([]);
      // ... and the actor's own records for the positions not swapped: one chain each, whose records belong together.
      const ownChains = ACTOR_KEYS.map((key) => {
        const own = ownIds(key);
        const chainOf = (tree: readonly string[]) =>
          chainsFrom(tree, own[tree[0]]).some(
            (chain) => chain.every((id, index) => id === own[tree[index]]) && chain.length === tree.length,
          );
        return [key, chainOf(CASE_TREE), chainOf(['cases', 'follow-ups']), chainOf(PLAN_TREE)];
      });
      expect(ownChains).toEqual(ACTOR_KEYS.map((key) => [key, true, true, true]));
    });

    // Without this the 404s below could come from fixtures that nobody can see: each case is seen by the actors meant to see it.
    it('has case fixtures that org A actors see exactly as SPEC §3 says: 200 in scope (a reviewer organisation-wide), else 404, 403 for org_admin', async () => {
      const failures: string[] = [];
      const seen: string[] = [];
      for (const key of ACTOR_KEYS) {
        for (const fixture of caseFixtures) {
          const expected = fixture.seenBy.includes(key)
            ? 200
            : roleHasRouteAction(actor(key).role as Role, { kind: 'ability', action: 'read', subject: 'Case' })
              ? 404
              : 403;
          const response = await api.http().get(readUrl('cases', fixture.id)).set(actor(key).auth());
          if (response.status !== expected)
            failures.push(`${key} GET case ${fixture.label} → ${response.status}, expected ${expected}`);
          if (response.status === 200) seen.push(`${key}: ${fixture.label}`);
        }
      }
      console.log(
        `isolation: ${caseFixtures.length} case fixtures (${caseFixtures.map((f) => `${f.label}/${f.org}`).join(', ')}); in scope: ${seen.join(', ')}`,
      );
      expect(failures).toEqual([]);
      expect(seen).toContain('reviewer: Own B'); // an org A case in region b is in the reviewer's scope
    });

    // Likewise for plans, at each of their three levels: the plan, an item, an item's activity report (SPEC §3, §6).
    it('has work plan fixtures that org A actors see exactly as the rules say: 200 in scope (a reviewer organisation-wide), else 404, 403 for org_admin', async () => {
      expect(
        PERMISSION_TABLE.filter(
          (row) => row.role === 'org_admin' && PLAN_SUBJECTS.includes(row.subject) && !row.inverted,
        ),
      ).toEqual([]);
      const failures: string[] = [];
      const seen: string[] = [];
      for (const key of ACTOR_KEYS) {
        for (const fixture of planFixtures) {
          const [chain] = chainsFrom(PLAN_TREE, fixture.id).filter(
            (candidate) => candidate.length === PLAN_TREE.length,
          );
          const urls: [SubjectName, string][] = [
            ['WorkPlan', `${WORK_PLANS_URL}/${chain[0]}`],
            ['PlanItem', `${WORK_PLANS_URL}/${chain[0]}/items/${chain[1]}`],
            ['ActivityReport', `${WORK_PLANS_URL}/${chain[0]}/items/${chain[1]}/activities/${chain[2]}`],
          ];
          const statuses: number[] = [];
          for (const [subject, url] of urls) {
            const expected = fixture.seenBy.includes(key)
              ? 200
              : roleHasRouteAction(actor(key).role as Role, { kind: 'ability', action: 'read', subject })
                ? 404
                : 403;
            const response = await api.http().get(url).set(actor(key).auth());
            statuses.push(response.status);
            if (response.status !== expected)
              failures.push(`${key} GET ${subject} of ${fixture.label} → ${response.status}, expected ${expected}`);
          }
          if (statuses.every((status) => status === 200)) seen.push(`${key}: ${fixture.label}`);
        }
      }
      const counts = planFixtures.map((fixture) => {
        const items = childIdsOf('work-plans', fixture.id, 'items') ?? [];
        return `${fixture.label}/${fixture.org} (${items.length} items, ${descendantsOf(PLAN_TREE, [fixture.id], 2).length} reports)`;
      });
      console.log(
        `isolation: ${planFixtures.length} plan fixtures: ${counts.join(', ')}; in scope: ${seen.join(', ')}`,
      );
      expect(failures).toEqual([]);
      // A plan of region b is in the reviewer's scope, not companionA's or coordinatorA's.
      expect(seen).toEqual(
        expect.arrayContaining([
          'reviewer: Plan B',
          'coordinatorB: Plan B',
          'companionB: Plan B',
          'companionA: Plan A',
          'coordinatorA: Plan A',
        ]),
      );
      expect(planFixtures.map((fixture) => `${fixture.label} ${fixture.status}`)).toEqual([
        'Plan A last year approved',
        'Plan A draft',
        'Plan B submitted',
        'Canary Plan submitted',
        'Mirror Plan returned',
      ]);
    });

    // On the report routes the audit log is checked too (SPEC §5): a report of org B leaves no trace in org A's log, as a random id
    // does; one of org A out of the actor's scope leaves the one denial ScopedResources records for an existing record; a role
    // without the action, the guard's denial, as for a random id; and no request records a download (written as the file is served).
    // ... and for reports, their file included: the view to every actor whose scope holds the report, the file byte for byte once it
    // is ready (409 while queued or once expired), to nobody else; GET /reports lists each actor's own requests.
    it('has report fixtures that org A actors see exactly as the rules say: 200 to the requester alone, else 404, 403 for org_admin', async () => {
      expect(
        PERMISSION_TABLE.filter((row) => row.role === 'org_admin' && row.subject === 'Report' && !row.inverted),
      ).toEqual([]);
      const failures: string[] = [];
      const seen: string[] = [];
      for (const key of ACTOR_KEYS) {
        const user = actor(key);
        const reads = roleHasRouteAction(user.role as Role, { kind: 'ability', action: 'read', subject: 'Report' });
        for (const fixture of reportFixtures) {
          const where = `${key} ${fixture.label} (${fixture.status})`;
          const inScope = fixture.seenBy.includes(key);
          const view = await api.http().get(readUrl('reports', fixture.id)).set(user.auth());
          const file = await fetchFile(api, user, fixture.id);
          const problem = file.headers['content-type']?.startsWith('application/problem+json')
            ? JSON.parse(file.body.toString('utf8'))
            : undefined;
          const refused = reads ? 404 : 403;
          const expected = {
            view: inScope ? 200 : refused,
            file: !inScope ? refused : fixture.status === 'succeeded' ? 200 : 409,
          };
          if (view.status !== expected.view || file.status !== expected.file) {
            failures.push(
              `${where}: GET → ${view.status}, file → ${file.status} ${problem ? JSON.stringify(problem) : ''}, expected ${JSON.stringify(expected)}`,
            );
            continue;
          }
          if (view.status === 200 && (view.body.id !== fixture.id || view.body.status !== fixture.status))
            failures.push(`${where}: GET shows ${JSON.stringify(view.body)}`);
          if (file.status === 200) {
            const headers = {
              type: file.headers['content-type'],
              disposition: file.headers['content-disposition'],
              cache: file.headers['cache-control'],
            };
            const wanted = {
              type: fixture.file!.contentType,
              disposition: `attachment; filename="${fixture.file!.fileName}"`,
              cache: 'no-store',
            };
            if (JSON.stringify(headers) !== JSON.stringify(wanted))
              failures.push(`${where}: file headers ${JSON.stringify(headers)}, expected ${JSON.stringify(wanted)}`);
            if (!file.body.equals(fixture.file!.bytes))
              failures.push(
                `${where}: file of ${file.body.length} bytes (sha256 ${sha256(file.body)}) is not the stored one`,
              );
          } else if (
            problem?.type !==
            problemType(file.status === 409 ? 'conflict' : file.status === 404 ? 'not-found' : 'forbidden')
          ) {
            failures.push(`${where}: file → ${file.status} ${JSON.stringify(problem)}`);
          }
          if (view.status === 200) seen.push(`${key}: ${fixture.label}`);
        }
        // GET /reports: the caller's own requests, nothing else.
        const list = await api.http().get(REPORTS).set(user.auth());
        const own = reportFixtures.filter((fixture) => fixture.requester.id === user.id).map((fixture) => fixture.id);
        const listed = list.status === 200 ? (list.body.items as { id: string }[]).map((item) => item.id) : [];
        if (
          list.status !== (reads ? 200 : 403) ||
          JSON.stringify([...listed].sort()) !== JSON.stringify([...own].sort())
        ) {
          failures.push(
            `${key} GET /reports → ${list.status} ${JSON.stringify(listed)}, expected ${reads ? 200 : 403} ${JSON.stringify(own)}`,
          );
        }
      }
      console.log(
        `isolation: ${reportFixtures.length} report fixtures (${reportFixtures.map((f) => `${f.label}/${f.org} ${f.status}`).join(', ')}); in scope: ${seen.join(', ')}`,
      );
      expect(failures).toEqual([]);
      // A report belongs to its requester (SPEC §7): a colleague whose scope holds it gets 404 like anyone else.
      expect([...seen].sort()).toEqual(
        [
          'reviewer: Report A organisation',
          'reviewer: Report A village b',
          'coordinatorA: Report A region a',
          'coordinatorB: Report A region b',
          'coordinatorB: Report A group b queued',
          'companionA: Report A group a',
          'companionB: Report A group b',
        ].sort(),
      );
      expect(seen.filter((entry) => entry.includes('organisation') && !entry.startsWith('reviewer'))).toEqual([]);
      const stored = (await dataSource.query('SELECT id, status FROM reports ORDER BY id')) as {
        id: string;
        status: string;
      }[];
      expect(stored).toEqual(
        reportFixtures
          .map((fixture) => ({ id: fixture.id, status: fixture.status }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
    });

    it.each(ACTOR_KEYS)(
      'answers %s of org A like for a missing record, for every foreign or out-of-scope id',
      async (key) => {
        const user = actor(key);
        const failures: string[] = [];
        for (const route of idRoutes()) {
          const expectedStatus = roleHasRouteAction(user.role as Role, route.policy) ? 404 : 403;
          const type = expectedStatus === 404 ? problemType('not-found') : problemType('forbidden');
          const audited = isReportRoute(route);
          // The same request with the probed ids replaced by random ones: what "missing" looks like here.
          const controls = new Map<string, { response: Response; events: Record<string, unknown>[] }>();
          for (const target of targetsFor(route, key)) {
            const body = bodyFor(route, versionFor(route, target.values));
            const shape = target.values.map((value, index) => (target.probed[index] ? '*' : value)).join('/');
            let control = controls.get(shape);
            if (!control) {
              const mark = audited ? (await auditState()).max : undefined;
              const response = await call(
                route.method,
                urlWith(
                  route.url,
                  target.values.map((value, index) => (target.probed[index] ? randomUUID() : value)),
                ),
                user,
                body,
              );
              control = { response, events: mark === undefined ? [] : await auditEventsSince(mark) };
              controls.set(shape, control);
              if (response.status !== expectedStatus)
                failures.push(
                  `${label(route)} with random ids for ${shape} → ${response.status} ${response.body?.type}, expected ${expectedStatus}`,
                );
              if (control.events.some((event) => event.outcome !== 'denied'))
                failures.push(
                  `${label(route)} with random ids for ${shape} → audit events ${JSON.stringify(control.events)}`,
                );
            }
            const absent = control.response;
            const mark = audited ? (await auditState()).max : undefined;
            const response = await call(route.method, urlWith(route.url, target.values), user, body);
            checked += 1;
            if (isCaseRoute(route)) checkedOnCaseRoutes.set(key, (checkedOnCaseRoutes.get(key) ?? 0) + 1);
            if (isPlanRoute(route)) checkedOnPlanRoutes.set(key, (checkedOnPlanRoutes.get(key) ?? 0) + 1);
            if (isReportRoute(route)) checkedOnReportRoutes.set(key, (checkedOnReportRoutes.get(key) ?? 0) + 1);
            const positions = swappedPositions.get(`${key} ${label(route)}`) ?? new Set<number>();
            target.probed.forEach((probed, index) => probed && positions.add(index));
            swappedPositions.set(`${key} ${label(route)}`, positions);
            const where = `${label(route)} with ${target.owner}`;
            if (response.status !== expectedStatus)
              failures.push(`${where} → ${response.status} ${bodyOf(response)}, expected ${expectedStatus}`);
            if (!/^application\/problem\+json/.test(String(response.headers['content-type'])))
              failures.push(`${where} → content-type ${response.headers['content-type']}`);
            if (response.headers['content-disposition'] !== undefined)
              failures.push(`${where} → content-disposition ${response.headers['content-disposition']}`);
            if (response.body?.type !== type) failures.push(`${where} → type ${response.body?.type}, expected ${type}`);
            if (response.body?.type !== absent.body?.type || response.body?.detail !== absent.body?.detail) {
              failures.push(
                `${where} → ${JSON.stringify([response.body?.type, response.body?.detail])} differs from a random id's ${JSON.stringify([absent.body?.type, absent.body?.detail])}`,
              );
            }
            const extraKeys = Buffer.isBuffer(response.body)
              ? ['(bytes)']
              : Object.keys(response.body ?? {}).filter((name) => !PROBLEM_KEYS.has(name));
            if (extraKeys.length > 0) failures.push(`${where} → body has keys ${extraKeys.join(', ')}`);
            const shown = shownBy(response);
            const leaked = secretsOf(route, target).filter((secret) => shown.includes(secret));
            if (leaked.length > 0) failures.push(`${where} → response shows ${JSON.stringify(leaked)}`);
            if (mark !== undefined && route.policy?.kind === 'ability') {
              const events = await auditEventsSince(mark);
              const { action, subject } = route.policy;
              const expectedEvents =
                target.org === 'A' && expectedStatus === 404
                  ? [
                      {
                        actor_id: user.id,
                        action,
                        subject,
                        subject_id: target.values.at(-1),
                        fields: [],
                        outcome: 'denied',
                      },
                    ]
                  : control.events;
              if (JSON.stringify(events) !== JSON.stringify(expectedEvents))
                failures.push(
                  `${where} → audit events ${JSON.stringify(events)}, expected ${JSON.stringify(expectedEvents)}`,
                );
            }
          }
        }
        expect(failures).toEqual([]);
      },
    );

    // Ids in a body are references, not the record addressed: a new plan's group, and the plan it copies (whose items it would
    // take). One of org B, or of org A outside the actor's scope, is answered exactly like a random id (422 naming the field,
    // ScopedResources.referenced), shows nothing of the record and creates nothing; roles that create no plan get 403 whatever.
    /** What a refusal of a body naming a record says: compared whole between a stranger's id and a random one. */
    const answerOf = (response: Response) =>
      JSON.stringify({
        status: response.status,
        problemJson: /^application\/problem\+json/.test(String(response.headers['content-type'])),
        type: response.body?.type,
        detail: response.body?.detail,
        errors: response.body?.errors,
        keys: Object.keys(response.body ?? {}).sort(),
      });

    it.each(ACTOR_KEYS)(
      'answers %s a new plan naming a foreign or out-of-scope group or plan like a random id, creating nothing',
      async (key) => {
        const user = actor(key);
        const creates = roleHasRouteAction(user.role as Role, {
          kind: 'ability',
          action: 'create',
          subject: 'WorkPlan',
        });
        const ownGroup = orgA.groups[key.endsWith('B') ? 'b' : 'a'];
        // A year no group has a plan for, so that nothing but the reference can stand in the way.
        const year = planYear + 2;
        const references: {
          field: string;
          body: (id: string) => object;
          strangers: { id: string; owner: string }[];
        }[] = [
          {
            field: 'groupId',
            body: (id) => ({ groupId: id, year, goals: `Hijacked ${suffix()}` }),
            strangers: [
              ...foreignIds().groups!.map((id) => ({ id, owner: `org B group ${id}` })),
              ...(outOfScopeIds(key).groups ?? []).map((id) => ({ id, owner: `org A, out of scope, group ${id}` })),
            ],
          },
          {
            field: 'copyFrom',
            body: (id) => ({ groupId: ownGroup, year, copyFrom: id }),
            strangers: [
              ...plansOf('B').map((fixture) => ({ id: fixture.id, owner: `org B ${fixture.label}` })),
              ...plansOf('A')
                .filter((fixture) => !fixture.seenBy.includes(key))
                .map((fixture) => ({ id: fixture.id, owner: `org A, out of scope, ${fixture.label}` })),
            ],
          },
        ];
        const secrets = planFixtures.flatMap((fixture) => fixture.texts);
        const countsBefore = await rowCounts();
        const failures: string[] = [];
        for (const { field, body, strangers } of references) {
          const absent = await call('POST', WORK_PLANS_URL, user, body(randomUUID()));
          const expected = creates
            ? { status: 422, type: problemType('business-rule'), fields: [field] }
            : { status: 403, type: problemType('forbidden'), fields: undefined };
          const control = {
            status: absent.status,
            type: absent.body?.type,
            fields: absent.body?.errors?.map((error: { field: string }) => error.field),
          };
          if (JSON.stringify(control) !== JSON.stringify(expected))
            failures.push(`${field} random → ${JSON.stringify(absent.body)}, expected ${JSON.stringify(expected)}`);
          for (const { id, owner } of strangers) {
            const response = await call('POST', WORK_PLANS_URL, user, body(id));
            checked += 1;
            if (answerOf(response) !== answerOf(absent))
              failures.push(`${field} ${owner} → ${answerOf(response)}, a random id's ${answerOf(absent)}`);
            const leaked = secrets.filter((secret) => response.text.includes(secret));
            if (leaked.length > 0) failures.push(`${field} ${owner} → response shows ${JSON.stringify(leaked)}`);
          }
          if (strangers.length === 0) failures.push(`${field}: no foreign or out-of-scope ids to try`);
        }
        expect(failures).toEqual([]);
        expect(await rowCounts()).toEqual(countsBefore);
      },
    );

    // A report request names its place by id (scope.id): a region, village or group of org B, or of org A outside the actor's scope,
    // is answered exactly like a random id (422 naming scope.id: ReportScope.place → ScopedResources.referenced), shows nothing of
    // the place, saves no report and queues nothing; org_admin, who requests no report, gets 403 whatever the id.
    it.each(ACTOR_KEYS)(
      'answers %s a report request naming a foreign or out-of-scope region, village or group like a random id, saving and queuing nothing',
      async (key) => {
        const user = actor(key);
        const creates = roleHasRouteAction(user.role as Role, { kind: 'ability', action: 'create', subject: 'Report' });
        const levels = [
          ['region', 'regions'],
          ['village', 'villages'],
          ['group', 'groups'],
        ] as const;
        const countsBefore = await rowCounts();
        const queuesBefore = await reportQueues();
        const failures: string[] = [];
        let strangerCount = 0;
        for (const [level, collection] of levels) {
          // A year no fixture asked for, so that no pending request of the actor could answer in its place.
          const body = (id: string) => reportBody(planYear - 2, { level, id }, { format: 'csv' });
          const absent = await call('POST', REPORTS, user, body(randomUUID()));
          const expected = creates
            ? { status: 422, type: problemType('business-rule'), fields: ['scope.id'] }
            : { status: 403, type: problemType('forbidden'), fields: undefined };
          const control = {
            status: absent.status,
            type: absent.body?.type,
            fields: absent.body?.errors?.map((error: { field: string }) => error.field),
          };
          if (JSON.stringify(control) !== JSON.stringify(expected))
            failures.push(`${level} random → ${JSON.stringify(absent.body)}, expected ${JSON.stringify(expected)}`);
          const strangers = [
            ...(foreignIds()[collection] ?? []).map((id) => ({ id, owner: `org B ${level} ${id}` })),
            ...(outOfScopeIds(key)[collection] ?? []).map((id) => ({
              id,
              owner: `org A, out of scope, ${level} ${id}`,
            })),
          ];
          for (const { id, owner } of strangers) {
            const response = await call('POST', REPORTS, user, body(id));
            checked += 1;
            strangerCount += 1;
            if (answerOf(response) !== answerOf(absent))
              failures.push(`${owner} → ${answerOf(response)}, a random id's ${answerOf(absent)}`);
            const leaked = secretsIn(before[`${collection}/${id}`]).filter((secret) => response.text.includes(secret));
            if (leaked.length > 0) failures.push(`${owner} → response shows ${JSON.stringify(leaked)}`);
          }
        }
        expect(failures).toEqual([]);
        expect(strangerCount).toBeGreaterThan(0);
        expect(await rowCounts()).toEqual(countsBefore);
        expect(await reportQueues()).toEqual(queuesBefore);
      },
    );

    it('changed none of the records it aimed at, and ended no session of org B', async () => {
      const onCases = [...checkedOnCaseRoutes].map(([key, count]) => `${key} ${count}`).join(', ');
      const onPlans = [...checkedOnPlanRoutes].map(([key, count]) => `${key} ${count}`).join(', ');
      const onReports = [...checkedOnReportRoutes].map(([key, count]) => `${key} ${count}`).join(', ');
      console.log(
        `isolation: ${checked} foreign or out-of-scope id requests checked on ${idRoutes().length} routes as ${ACTOR_KEYS.length} users; ` +
          `on case routes: ${onCases}; on work plan routes: ${onPlans}; on report routes: ${onReports}`,
      );
      expect(checked).toBeGreaterThan(300);
      expect(Math.min(...ACTOR_KEYS.map((key) => checkedOnCaseRoutes.get(key) ?? 0))).toBeGreaterThan(20);
      expect(Math.min(...ACTOR_KEYS.map((key) => checkedOnPlanRoutes.get(key) ?? 0))).toBeGreaterThan(50);
      // On both report routes, each actor was given every report of org B and every report of org A outside its scope.
      const reportRoutes = idRoutes().filter(isReportRoute).length;
      expect(reportRoutes).toBe(2);
      expect(ACTOR_KEYS.map((key) => [key, checkedOnReportRoutes.get(key)])).toEqual(
        ACTOR_KEYS.map((key) => [
          key,
          reportRoutes * reportFixtures.filter((fixture) => !fixture.seenBy.includes(key)).length,
        ]),
      );
      // Every id route was walked by every actor, with every id position swapped at least once.
      const unwalked = ACTOR_KEYS.flatMap((key) =>
        idRoutes()
          .filter((route) => (swappedPositions.get(`${key} ${label(route)}`)?.size ?? 0) !== paramsOf(route.url).length)
          .map(
            (route) =>
              `${key} ${label(route)} swapped at ${JSON.stringify([...(swappedPositions.get(`${key} ${label(route)}`) ?? [])])}`,
          ),
      );
      expect(unwalked).toEqual([]);
      expect(await snapshot()).toEqual(before);
      for (const user of usersOf(orgB)) await api.http().get('/api/v1/me').set(user.auth()).expect(200);
    });
  });

  describe('writes of fields the rules forbid', () => {
    /** The in-scope record of org A each actor would legitimately update, per collection (for a plan, companionA's is a draft). */
    const ownTarget = (key: ActorKey, collection: string): string | undefined => {
      const side = key.endsWith('B') ? 'b' : 'a';
      const own = ownIds(key);
      const ids: Record<string, string> = {
        regions: orgA.regions[side],
        villages: orgA.villages[side],
        groups: orgA.groups[side],
        'service-providers': providerA,
        users: key === 'admin' ? orgA.companionA.id : actor(key).id,
        cases: own.cases,
        referrals: own.referrals,
        'work-plans': own['work-plans'],
        items: own.items,
      };
      return ids[collection];
    };
    /** The ids of a route naming the actor's own records, or undefined when one is missing. */
    const ownValues = (key: ActorKey, route: Route): string[] | undefined => {
      const values = collectionsOf(route.url).map((collection) => ownTarget(key, collection));
      return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
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
        // A companion approving their own group's plan through an edit, and claiming an item was (not) added after approval.
        'WorkPlan.status': () => 'approved',
        'PlanItem.addedAfterApproval': () => true,
      };
      return samples[`${subject}.${field}`]?.();
    };
    /** A valid body for each creation route, to which the forbidden field is added (a probe takes its app route's). */
    const creationBody = (route: Route, key: ActorKey): object | undefined => {
      const bodies: Record<string, () => object> = {
        'POST /api/v1/cases': () => newCaseBody(orgA.villages.a),
        'POST /api/v1/work-plans': () => ({ groupId: ownTarget(key, 'groups'), year: planYear + 3 }),
        'POST /api/v1/work-plans/:id/items': () => planItemBody({ title: `Forbidden ${suffix()}` }),
        'POST /api/v1/work-plans/:id/items/:itemId/activities': () => planActivityBody(`${planYear}-07-01`),
      };
      return bodies[`${route.method} ${appUrlOf(route.url)}`]?.();
    };

    interface Cell {
      route: Route;
      key: ActorKey;
      /** As the DTO names it (what is sent) ... */
      field: string;
      /** ... and as the subject does (what the rules, the 403 and the audit event name). */
      subjectField: string;
    }

    /** Does the subject declare the field, or fields under it (`survivor` for `survivor.name`)? Only such a field can be judged by the table. */
    const declared = (subject: SubjectName, field: string) =>
      fieldsOf(subject).some((name) => name === field || name.startsWith(`${field}.`));

    /** route × role × DTO field where the DTO accepts the field and the rules table does not let the role write it. */
    const cells = (): { cells: Cell[]; combinations: number; walked: Map<string, number>; undeclared: string[] } => {
      const found: Cell[] = [];
      let combinations = 0;
      const walked = new Map<string, number>();
      const undeclared: string[] = [];
      for (const route of routes) {
        if (route.policy?.kind !== 'ability' || !route.bodyType || !['POST', 'PATCH', 'PUT'].includes(route.method))
          continue;
        const { subject, action } = route.policy;
        // A route ruled by `read` (a case's transitions) does not write its body as fields of the subject: the body names a
        // workflow action (activate, close, ...) that the service checks against the table itself.
        if (action === 'read') continue;
        // On a creation, `id` is the identity a client may choose for the new record (offline capture, SPEC §4), not a field written.
        const fields = dtoFields(route.bodyType).filter((field) => !(action === 'create' && field === 'id'));
        // A field written under a name the subject does not declare could never be judged here: map it in SUBJECT_FIELD_OF.
        if (action === 'create' || action === 'update') {
          undeclared.push(
            ...fields
              .filter((field) => !declared(subject, subjectFieldOf(route, field)))
              .map((field) => `${label(route)} ${field}`),
          );
        }
        const roles = new Set<Role>();
        for (const key of ACTOR_KEYS) {
          const role = actor(key).role as Role;
          if (roles.has(role) || !roleHasRouteAction(role, route.policy)) continue;
          roles.add(role);
          const writable = tableFields(role, subject, action);
          for (const field of fields) {
            const subjectField = subjectFieldOf(route, field);
            combinations += 1;
            walked.set(label(route), (walked.get(label(route)) ?? 0) + 1);
            if (
              writable !== 'all' &&
              !writable.has(subjectField) &&
              ![...writable].some((name) => name.startsWith(`${subjectField}.`))
            )
              found.push({ route, key, field, subjectField });
          }
        }
      }
      return { cells: found, combinations, walked, undeclared };
    };

    it('refuses each one whole: 403 naming the field, row unchanged, one denied audit event, chain valid', async () => {
      const { cells: all, combinations, walked, undeclared } = cells();
      const appCells = all.filter((cell) => !cell.route.probe);
      const planWalk = [...walked]
        .filter(([name]) => name.includes('/work-plans'))
        .map(([name, count]) => `${name} ${count}`);
      console.log(
        `isolation: ${combinations} (route, role, DTO field) combinations walked (on work plan routes: ${planWalk.join(', ')}); ` +
          `${appCells.length} forbidden-but-accepted on app routes` +
          `${appCells.map((cell) => ` [${label(cell.route)} ${cell.key} ${cell.field}]`).join('')}; ${all.length - appCells.length} on the test probes`,
      );
      expect(combinations).toBeGreaterThan(20);
      expect(undeclared).toEqual([]);
      // The new write routes are walked for the roles that have their action (a companion; a coordinator on approve and return).
      // (POST /work-plans/:id/submit takes nothing but a version.)
      expect([...walked.keys()]).toEqual(
        expect.arrayContaining([
          'POST /api/v1/work-plans',
          'PATCH /api/v1/work-plans/:id',
          'POST /api/v1/work-plans/:id/approve',
          'POST /api/v1/work-plans/:id/return',
          'POST /api/v1/work-plans/:id/items',
          'PATCH /api/v1/work-plans/:id/items/:itemId',
          'POST /api/v1/work-plans/:id/items/:itemId/activities',
        ]),
      );
      // The walk has to see a field the DTO accepts and the rules forbid: the probes' regionId for org_admin, and a plan's status and
      // an item's addedAfterApproval for a companion (an update of one id, a creation under a plan, an update of two ids).
      expect(
        all
          .filter((cell) => cell.route.probe)
          .map((cell) => `${label(cell.route)} ${cell.key} ${cell.subjectField}`)
          .sort(),
      ).toEqual([
        'PATCH /api/v1/isolation-probe/villages/:id admin regionId',
        'PATCH /api/v1/isolation-probe/work-plans/:id companionA status',
        'PATCH /api/v1/isolation-probe/work-plans/:id/items/:itemId companionA addedAfterApproval',
        'POST /api/v1/isolation-probe/work-plans/:id/items companionA addedAfterApproval',
      ]);
      // ... and on the case routes, the management fields (SPEC §3): assignment and restriction are the coordinator's, never a companion's.
      expect(appCells.map((cell) => `${label(cell.route)} ${cell.key} ${cell.field}`)).toEqual(
        expect.arrayContaining([
          'POST /api/v1/cases companionA assignedCompanionId',
          'POST /api/v1/cases companionA coCompanionId',
          'POST /api/v1/cases companionA restricted',
          'POST /api/v1/cases companionA excludedUserIds',
          'PATCH /api/v1/cases/:id companionA assignedCompanionId',
          'PATCH /api/v1/cases/:id companionA coCompanionId',
          'PATCH /api/v1/cases/:id companionA restricted',
          'PATCH /api/v1/cases/:id companionA excludedUserIds',
        ]),
      );
      const failures: string[] = [];
      for (const { route, key, field, subjectField } of all) {
        const where = `${label(route)} as ${key} setting ${field}`;
        const user = actor(key);
        const { subject, action } = route.policy as Extract<RoutePolicy, { kind: 'ability' }>;
        const value = sampleValue(subject, subjectField);
        if (value === undefined) throw new Error(`${where}: add a value to sampleValue()`);
        const values = ownValues(key, route);
        if (!values) throw new Error(`${where}: add a target to ownTarget()`);
        // An update is aimed at the actor's own record (the last id of the route), which must read back unchanged; a creation (under
        // the actor's own records, if the route names any) must leave no row behind.
        let send: () => Promise<Response>;
        let state: () => Promise<unknown>;
        let subjectId: string | null;
        if (route.method === 'PATCH' && values.length > 0) {
          const readBack = async () =>
            (await api.http().get(readBackUrl(route, values)).set(user.auth()).expect(200)).body;
          const version = (await readBack()).version;
          send = async () => call('PATCH', urlWith(route.url, values), user, { version, [field]: value });
          state = readBack;
          subjectId = values.at(-1)!;
        } else if (route.method === 'POST' && action === 'create') {
          const body = creationBody(route, key);
          if (!body) throw new Error(`${where}: add a valid body to creationBody()`);
          send = async () => call('POST', urlWith(route.url, values), user, { ...body, [field]: value });
          state = rowCounts;
          subjectId = null;
        } else {
          throw new Error(
            `${where}: the walk only knows how to check updates (PATCH /x/:id...) and creations (POST /x, POST /x/:id/y...); extend it for this route`,
          );
        }
        const original = await state();
        const auditBefore = await auditState();

        const response = await send();

        const events = (await dataSource.query(
          'SELECT actor_id, action, subject, subject_id, fields, outcome FROM audit_events WHERE id > $1 ORDER BY id',
          [auditBefore.max],
        )) as Record<string, unknown>[];
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
          fields: [subjectField],
          events: [
            {
              actor_id: user.id,
              action: 'write',
              subject,
              subject_id: subjectId,
              fields: [subjectField],
              outcome: 'denied',
            },
          ],
          unchanged: true,
        };
        if (JSON.stringify(outcome) !== JSON.stringify(expected))
          failures.push(
            `${where} → ${JSON.stringify(outcome)} (${JSON.stringify(response.body)}), expected ${JSON.stringify(expected)}`,
          );
      }
      expect(failures).toEqual([]);
      const verified = await api.http().get('/api/v1/audit/verify').set(orgA.admin.auth()).expect(200);
      expect(verified.body).toMatchObject({ valid: true });
    });

    // Control for "row unchanged" above: the same routes do save a write of a permitted field, so an
    // unchanged row means the refusal worked, not that the route never saves anything.
    it('saves a permitted write through the same routes: new value, version + 1, one update event', async () => {
      const villageUpdates = routes.filter(
        (candidate) => candidate.method === 'PATCH' && collectionOf(candidate.url) === 'villages',
      );
      expect(villageUpdates.map(label).sort()).toEqual([
        'PATCH /api/v1/isolation-probe/villages/:id',
        'PATCH /api/v1/villages/:id',
      ]);
      const failures: string[] = [];
      for (const route of villageUpdates) {
        const id = orgA.villages.a;
        const original = (await api.http().get(readUrl('villages', id)).set(orgA.admin.auth()).expect(200)).body;
        const name = `Oesao ${suffix()}`;
        const auditBefore = await auditState();
        const response = await call('PATCH', route.url.replace(':id', id), orgA.admin, {
          version: original.version,
          name,
        });
        const events = (await dataSource.query(
          'SELECT action, subject_id, fields, outcome FROM audit_events WHERE id > $1',
          [auditBefore.max],
        )) as Record<string, unknown>[];
        const stored = (await api.http().get(readUrl('villages', id)).set(orgA.admin.auth()).expect(200)).body;
        const outcome = { status: response.status, name: stored.name, version: stored.version, events };
        const expected = {
          status: 200,
          name,
          version: original.version + 1,
          events: [{ action: 'update', subject_id: id, fields: ['name'], outcome: 'success' }],
        };
        if (JSON.stringify(outcome) !== JSON.stringify(expected))
          failures.push(
            `${label(route)}: ${JSON.stringify(outcome)} (response ${JSON.stringify(response.body)}), expected ${JSON.stringify(expected)}`,
          );
      }
      expect(failures).toEqual([]);
    });

    // The same control for the work plan probes and the app routes they mirror, as companionA on their group's draft plan: a
    // permitted field is saved (an update: new value, version + 1; a creation: one more row), with one success event.
    it('saves a permitted write through the work plan routes the walk refuses on: new value or new row, one success event', async () => {
      const user = orgA.companionA;
      const planRoutes = routes.filter(
        (route) =>
          ['PATCH', 'POST'].includes(route.method) &&
          /^\/work-plans\/:id(\/items(\/:itemId)?)?$/.test(appUrlOf(route.url).replace('/api/v1', '')),
      );
      expect(planRoutes.map(label).sort()).toEqual([
        'PATCH /api/v1/isolation-probe/work-plans/:id',
        'PATCH /api/v1/isolation-probe/work-plans/:id/items/:itemId',
        'PATCH /api/v1/work-plans/:id',
        'PATCH /api/v1/work-plans/:id/items/:itemId',
        'POST /api/v1/isolation-probe/work-plans/:id/items',
        'POST /api/v1/work-plans/:id/items',
      ]);
      const failures: string[] = [];
      for (const route of planRoutes) {
        const values = ownValues('companionA', route)!;
        const text = `Permitted ${suffix()}`;
        const auditBefore = await auditState();
        const eventsSince = async () =>
          (await dataSource.query(
            'SELECT actor_id, action, subject, subject_id, fields, outcome FROM audit_events WHERE id > $1 ORDER BY id',
            [auditBefore.max],
          )) as Record<string, unknown>[];
        const subject = (route.policy as Extract<RoutePolicy, { kind: 'ability' }>).subject;
        if (route.method === 'PATCH') {
          const readBack = async () =>
            (await api.http().get(readBackUrl(route, values)).set(user.auth()).expect(200)).body;
          const original = await readBack();
          const field = subject === 'WorkPlan' ? 'goals' : 'title';
          const response = await call('PATCH', urlWith(route.url, values), user, {
            version: original.version,
            [field]: text,
          });
          const stored = await readBack();
          const outcome = {
            status: response.status,
            value: stored[field],
            version: stored.version,
            events: await eventsSince(),
          };
          const expected = {
            status: 200,
            value: text,
            version: original.version + 1,
            events: [
              {
                actor_id: user.id,
                action: 'update',
                subject,
                subject_id: values.at(-1),
                fields: [field],
                outcome: 'success',
              },
            ],
          };
          if (JSON.stringify(outcome) !== JSON.stringify(expected))
            failures.push(
              `${label(route)}: ${JSON.stringify(outcome)} (response ${JSON.stringify(response.body)}), expected ${JSON.stringify(expected)}`,
            );
        } else {
          const countsBefore = await planRowCounts();
          const response = await call('POST', urlWith(route.url, values), user, planItemBody({ title: text }));
          const [events, counts] = [await eventsSince(), await planRowCounts()];
          const outcome = {
            status: response.status,
            title: response.body?.title,
            items: counts[0].plan_items,
            events: events.map(({ action, subject_id, outcome }) => ({ action, subject_id, outcome })),
          };
          const expected = {
            status: 201,
            title: text,
            items: countsBefore[0].plan_items + 1,
            events: [{ action: 'create', subject_id: response.body?.id, outcome: 'success' }],
          };
          if (JSON.stringify(outcome) !== JSON.stringify(expected))
            failures.push(
              `${label(route)}: ${JSON.stringify(outcome)} (response ${JSON.stringify(response.body)}), expected ${JSON.stringify(expected)}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });

    it('answers a field the DTO does not accept with 400 before any permission check, saving and auditing nothing', async () => {
      const url = readUrl('villages', orgA.villages.a);
      const original = (await api.http().get(url).set(orgA.admin.auth()).expect(200)).body;
      const auditBefore = await auditState();
      const response = await api
        .http()
        .patch(url)
        .set(orgA.admin.auth())
        .send({ version: original.version, regionId: orgA.regions.b });
      expect(await auditState()).toEqual(auditBefore);
      expect(response.status).toBe(400);
      expect(response.body.type).toBe(problemType('validation-failed'));
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['regionId']);
      expect((await api.http().get(url).set(orgA.admin.auth()).expect(200)).body).toEqual(original);
    });

    // ... and the work plan app routes, whose DTOs do not take what their probes do: a plan's status, an item's addedAfterApproval.
    it('answers a work plan field the app DTOs do not accept with 400 before any permission check, saving and auditing nothing', async () => {
      const user = orgA.companionA;
      const { 'work-plans': plan, items: item } = ownIds('companionA');
      const planUrl = `${WORK_PLANS_URL}/${plan}`;
      const itemUrl = `${planUrl}/items/${item}`;
      const planVersion = (await api.http().get(planUrl).set(user.auth()).expect(200)).body.version;
      const itemVersion = (await api.http().get(itemUrl).set(user.auth()).expect(200)).body.version;
      const requests: [string, string, object, string][] = [
        ['PATCH', planUrl, { version: planVersion, status: 'approved' }, 'status'],
        ['PATCH', itemUrl, { version: itemVersion, addedAfterApproval: true }, 'addedAfterApproval'],
        ['POST', `${planUrl}/items`, planItemBody({ addedAfterApproval: true }), 'addedAfterApproval'],
      ];
      const failures: string[] = [];
      for (const [method, url, body, field] of requests) {
        const before = [(await api.http().get(planUrl).set(user.auth()).expect(200)).body, await planRowCounts()];
        const auditBefore = await auditState();
        const response = await call(method, url, user, body);
        const outcome = {
          status: response.status,
          type: response.body?.type,
          fields: response.body?.errors?.map((error: { field: string }) => error.field),
          audited: JSON.stringify(await auditState()) !== JSON.stringify(auditBefore),
          unchanged:
            JSON.stringify([
              (await api.http().get(planUrl).set(user.auth()).expect(200)).body,
              await planRowCounts(),
            ]) === JSON.stringify(before),
        };
        const expected = {
          status: 400,
          type: problemType('validation-failed'),
          fields: [field],
          audited: false,
          unchanged: true,
        };
        if (JSON.stringify(outcome) !== JSON.stringify(expected))
          failures.push(`${method} ${url} → ${JSON.stringify(outcome)}, expected ${JSON.stringify(expected)}`);
      }
      expect(failures).toEqual([]);
    });
  });

  /**
   * org_admin on each route: for random ids and for every chain of its own organisation's records down the route (from `roots`),
   * the same 403 forbidden problem, with nothing of those records in it.
   */
  const adminRefusals = async (walked: Route[], roots: string[], secrets: string[]) => {
    const admin = orgA.admin;
    const failures: string[] = [];
    let requests = 0;
    for (const route of walked) {
      const collections = collectionsOf(route.url);
      const real = roots.flatMap((root) =>
        chainsFrom(collections, root).filter((chain) => chain.length === collections.length),
      );
      if (collections.length > 0 && real.length === 0) failures.push(`${label(route)}: no records of org A to try`);
      const idSets = collections.length === 0 ? [[]] : [collections.map(() => randomUUID()), ...real];
      const answers: string[] = [];
      for (const values of idSets) {
        const response = await call(route.method, urlWith(route.url, values), admin, bodyFor(route, 1));
        requests += 1;
        const where = `${route.method} ${urlWith(route.url, values)}`;
        const problem = {
          status: response.status,
          type: response.body?.type,
          problemJson: /^application\/problem\+json/.test(String(response.headers['content-type'])),
        };
        if (
          JSON.stringify(problem) !== JSON.stringify({ status: 403, type: problemType('forbidden'), problemJson: true })
        )
          failures.push(`${where} → ${JSON.stringify(problem)} ${response.text}`);
        const extraKeys = Object.keys(response.body ?? {}).filter((name) => !PROBLEM_KEYS.has(name));
        if (extraKeys.length > 0) failures.push(`${where} → body has keys ${extraKeys.join(', ')}`);
        const leaked = secrets.filter((secret) => response.text.includes(secret));
        if (leaked.length > 0) failures.push(`${where} → response shows ${JSON.stringify(leaked)}`);
        answers.push(JSON.stringify([response.status, response.body?.type, response.body?.detail]));
      }
      if (new Set(answers).size > 1)
        failures.push(
          `${label(route)}: org_admin's answers differ between a random id and its organisation's records: ${[...new Set(answers)].join(' / ')}`,
        );
    }
    return { failures, requests };
  };

  // SPEC §3: org_admin sees no case content. The policy refuses the role before any lookup, so every case route answers the same
  // 403 for a case of the admin's own organisation as for a random id, shows nothing of it and creates nothing.
  it("gives org_admin no route to case content: 403 on every case route, for its own organisation's cases as for random ids", async () => {
    const caseRoutes = routes.filter(isCaseRoute);
    const underCasePaths = routes.filter((route) => /^\/api\/v1\/(cases|follow-ups|stats)(\/|$)/.test(route.url));
    console.log(`isolation: ${caseRoutes.length} case routes in the app: ${caseRoutes.map(label).join(', ')}`);
    expect(underCasePaths.filter((route) => !isCaseRoute(route)).map(label)).toEqual([]);
    expect(caseRoutes.map(label)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cases',
        'POST /api/v1/cases',
        'GET /api/v1/cases/:id',
        'PATCH /api/v1/cases/:id',
        'POST /api/v1/cases/:id/transitions',
        'PUT /api/v1/cases/:id/assignment',
        'GET /api/v1/cases/:id/history',
        'POST /api/v1/cases/duplicate-check',
        'GET /api/v1/cases/:id/referrals',
        'POST /api/v1/cases/:id/referrals',
        'GET /api/v1/cases/:id/referrals/:referralId',
        'PATCH /api/v1/cases/:id/referrals/:referralId',
        'GET /api/v1/cases/:id/follow-ups',
        'POST /api/v1/cases/:id/follow-ups',
        'GET /api/v1/cases/:id/follow-ups/:followUpId',
        'GET /api/v1/follow-ups/due',
        'GET /api/v1/stats/summary',
      ]),
    );
    // Her one grant on a case shows nothing: recording the reads her phone made of the cases she held (as a companion, before
    // her role changed), which POST /sync/reads answers with a count only.
    expect(
      PERMISSION_TABLE.filter(
        (row) => row.role === 'org_admin' && CASE_SUBJECTS.includes(row.subject) && !row.inverted,
      ).map((row) => ({ subject: row.subject, actions: row.actions, scope: row.scope, fields: row.fields })),
    ).toEqual([{ subject: 'Case', actions: ['record_reads'], scope: 'held_cases', fields: undefined }]);

    const secrets = [
      ...new Set(
        casesOf('A').flatMap((fixture) => [
          fixture.survivorName,
          `Narrative ${fixture.label}`,
          `Referral ${fixture.label}`,
          `Visit ${fixture.label}`,
        ]),
      ),
    ];
    const countsBefore = await caseRowCounts();
    // Each case of org A with each of its referrals or follow-ups, as the route names them.
    const { failures, requests } = await adminRefusals(
      caseRoutes,
      casesOf('A').map((fixture) => fixture.id),
      secrets,
    );
    console.log(`isolation: ${requests} org_admin requests on case routes`);
    expect(failures).toEqual([]);
    expect(await caseRowCounts()).toEqual(countsBefore);
  });

  // SPEC §3, §6: org_admin has no part in work plans either (the table gives it no row for them): every work plan route,
  // the list and the creation included, answers the same 403 for its organisation's plans, items and reports as for random ids.
  it("gives org_admin no route to work plans: 403 on every work plan route, for its own organisation's plans as for random ids", async () => {
    const planRoutes = routes.filter((route) => isPlanRoute(route) && !route.probe);
    const underPlanPaths = routes.filter((route) => !route.probe && /^\/api\/v1\/work-plans(\/|$)/.test(route.url));
    console.log(`isolation: ${planRoutes.length} work plan routes in the app: ${planRoutes.map(label).join(', ')}`);
    expect(underPlanPaths.filter((route) => !isPlanRoute(route)).map(label)).toEqual([]);
    expect(planRoutes.map(label)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/work-plans',
        'POST /api/v1/work-plans',
        'GET /api/v1/work-plans/:id',
        'PATCH /api/v1/work-plans/:id',
        'POST /api/v1/work-plans/:id/submit',
        'POST /api/v1/work-plans/:id/approve',
        'POST /api/v1/work-plans/:id/return',
        'GET /api/v1/work-plans/:id/progress',
        'POST /api/v1/work-plans/:id/items',
        'GET /api/v1/work-plans/:id/items/:itemId',
        'PATCH /api/v1/work-plans/:id/items/:itemId',
        'DELETE /api/v1/work-plans/:id/items/:itemId',
        'GET /api/v1/work-plans/:id/items/:itemId/activities',
        'POST /api/v1/work-plans/:id/items/:itemId/activities',
        'GET /api/v1/work-plans/:id/items/:itemId/activities/:activityId',
      ]),
    );
    expect(
      PERMISSION_TABLE.filter(
        (row) => row.role === 'org_admin' && PLAN_SUBJECTS.includes(row.subject) && !row.inverted,
      ),
    ).toEqual([]);

    const secrets = [...new Set(plansOf('A').flatMap((fixture) => fixture.texts))];
    const countsBefore = await planRowCounts();
    const { failures, requests } = await adminRefusals(
      planRoutes,
      plansOf('A').map((fixture) => fixture.id),
      secrets,
    );
    console.log(`isolation: ${requests} org_admin requests on work plan routes`);
    expect(failures).toEqual([]);
    expect(await planRowCounts()).toEqual(countsBefore);
  });

  // SPEC §3, §7: org_admin requests and reads no report (the table gives it no Report row; the queue, ReportQueue, is its own):
  // every report route answers the same 403 for its organisation's reports, queued, succeeded or expired, as for random ids, shows
  // nothing of them or their files, saves and queues nothing. The queue it may read counts its own organisation's requests only.
  it("gives org_admin no route to reports: 403 on every report route, for its own organisation's reports as for random ids", async () => {
    const reportRoutes = routes.filter((route) => isReportRoute(route) && !route.probe);
    const underReportPaths = routes.filter((route) => !route.probe && /^\/api\/v1\/reports(\/|$)/.test(route.url));
    console.log(`isolation: ${reportRoutes.length} report routes in the app: ${reportRoutes.map(label).join(', ')}`);
    expect(underReportPaths.filter((route) => !isReportRoute(route)).map(label)).toEqual(['GET /api/v1/reports/queue']);
    expect(reportRoutes.map(label)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/reports',
        'GET /api/v1/reports',
        'GET /api/v1/reports/:id',
        'GET /api/v1/reports/:id/file',
      ]),
    );
    expect(
      PERMISSION_TABLE.filter((row) => row.role === 'org_admin' && row.subject === 'Report' && !row.inverted),
    ).toEqual([]);

    const secrets = [...new Set(reportsOf('A').flatMap((fixture) => fixture.file?.texts ?? []))];
    expect(secrets.length).toBeGreaterThan(0);
    const countsBefore = await reportRowCounts();
    const queuesBefore = await reportQueues();
    const { failures, requests } = await adminRefusals(
      reportRoutes,
      reportsOf('A').map((fixture) => fixture.id),
      secrets,
    );
    console.log(`isolation: ${requests} org_admin requests on report routes`);
    expect(failures).toEqual([]);
    expect(await reportRowCounts()).toEqual(countsBefore);
    const queues = await reportQueues();
    expect(queues).toEqual(queuesBefore);
    // Each administrator's queue counts the requests of its own organisation, never the other's.
    const countsOf = (org: 'A' | 'B') =>
      Object.fromEntries(
        ['queued', 'running', 'failed', 'succeeded', 'expired'].map((status) => [
          status,
          reportsOf(org).filter((fixture) => fixture.status === status).length,
        ]),
      );
    expect({ A: queues.A.organization, B: queues.B.organization }).toEqual({ A: countsOf('A'), B: countsOf('B') });
  });
});
