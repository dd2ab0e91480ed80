import { fieldsOf } from '@pendamping/auth';
import { servedDocument } from '../scripts/openapi/document';
import { createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';

/**
 * SPEC §11: the OpenAPI document is the client's contract. Every operation has a summary, its
 * problems as the one Problem schema, its success as a schema; no value is typed as a bare
 * object; every field of a case, referral or follow-up carries its x-field-class.
 */

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  'x-field-class'?: string;
};
type Operation = { summary?: string; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const FIELD_CLASSES = ['identifying', 'sensitive', 'coded'];
/** Records about a case: every field of theirs in the document must say how sensitive it is. */
const CASE_PATHS = /^\/api\/v1\/(cases|follow-ups)\b/;

/**
 * Operations whose success body is not described yet (users, administration
 * requests, audit, work plans, reports, sign-in). The list may only shrink: an operation that
 * gains a schema must leave it, so the test fails on both a new gap and a stale entry.
 */
const UNDESCRIBED_SUCCESS = new Set([
  'AuthController_login',
  'AuthController_refresh',
  'AuthController_enroll',
  'AuthController_verify',
  'AuthController_changePassword',
  'AuthController_me',
  'AuthController_abilities',
  'UsersController_list',
  'UsersController_create',
  'UsersController_get',
  'UsersController_update',
  'UsersController_addMember',
  'AdminRequestsController_list',
  'AdminRequestsController_create',
  'AdminRequestsController_get',
  'AdminRequestsController_approve',
  'AdminRequestsController_refuse',
  'AdminRequestsController_collectHalf',
  'AuditController_list',
  'AuditController_verify',
  'CodeListsController_list',
  'CasesController_checkDuplicate',
  'CasesController_caseHistory',
  'StatsController_summary',
  'WorkPlansController_list',
  'WorkPlansController_create',
  'WorkPlansController_get',
  'WorkPlansController_update',
  'WorkPlansController_submit',
  'WorkPlansController_approve',
  'WorkPlansController_returnPlan',
  'WorkPlansController_planProgress',
  'WorkPlansController_createItem',
  'WorkPlansController_getItem',
  'WorkPlansController_updateItem',
  'WorkPlansController_listActivities',
  'WorkPlansController_getActivity',
  'ReportsController_request',
  'ReportsController_list',
  'ReportsController_queue',
  'ReportsController_get',
  'ReportsController_file',
  'HealthController_live',
  'HealthController_ready',
]);

describe('The OpenAPI document', () => {
  const suite = organisationSuite();
  let document: Document;

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        path,
        method,
        operation: item[method] as Operation & { operationId: string },
      })),
    );
  const named = (reference: string) => document.components.schemas[reference.replace('#/components/schemas/', '')];
  const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(named(schema.$ref)) : schema);
  const successSchemas = (operation: Operation) =>
    Object.entries(operation.responses)
      .filter(([status]) => status.startsWith('2'))
      .map(([, response]) => response.content?.['application/json']?.schema)
      .filter((schema): schema is Schema => schema !== undefined);

  beforeAll(async () => {
    document = (await servedDocument(suite.api.app)) as Document;
  });

  it('gives every operation a summary', () => {
    const without = operations().filter(({ operation }) => !operation.summary?.trim());
    expect(without.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('answers every operation’s 4xx and 5xx with the one Problem schema as application/problem+json', () => {
    const wrong = operations().filter(({ operation }) =>
      ['4XX', '5XX'].some(
        (range) =>
          operation.responses[range]?.content?.['application/problem+json']?.schema?.$ref !==
          '#/components/schemas/Problem',
      ),
    );
    expect(wrong.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('describes the success body of every operation but the listed ones, and the list holds no stale entry', () => {
    const described = (operation: Operation) =>
      successSchemas(operation).some((schema) => Boolean(schema.$ref || schema.type)) ||
      Object.keys(operation.responses).some((status) => status === '204');
    const gaps = operations().filter(
      ({ operation }) => !described(operation) && !UNDESCRIBED_SUCCESS.has(operation.operationId),
    );
    const stale = operations().filter(
      ({ operation }) => described(operation) && UNDESCRIBED_SUCCESS.has(operation.operationId),
    );
    expect(gaps.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    expect(stale.map(({ operation }) => operation.operationId)).toEqual([]);
  });

  it('types no property as a bare object: a value is a string, number, boolean, array or a described object', () => {
    const bare = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(
          ([, property]) =>
            (property.type === 'object' || property.type === undefined) &&
            !property.$ref &&
            !property.properties &&
            property.additionalProperties === undefined &&
            !('enum' in property),
        )
        .map(([key]) => `${name}.${key}`),
    );
    expect(bare).toEqual([]);
  });

  it('marks every field of a case, referral or follow-up with its x-field-class, in requests and answers', () => {
    const seen = new Set<string>();
    const unmarked: string[] = [];
    const walk = (schema: Schema, where: string) => {
      const name = schema.$ref?.replace('#/components/schemas/', '');
      if (name && seen.has(name)) return;
      if (name) seen.add(name);
      const resolved = resolve(schema);
      if (resolved.items) return walk(resolved.items, where);
      for (const [key, property] of Object.entries(resolved.properties ?? {})) {
        if (key === 'allowed' || name === 'Problem') continue;
        const nested = property.$ref ?? property.items?.$ref;
        const isPage = key === 'items' || key === 'nextCursor';
        if (nested) walk(property.$ref ? property : (property.items as Schema), `${name ?? where}.${key}`);
        if (isPage || (nested && !property['x-field-class'])) continue;
        if (!FIELD_CLASSES.includes(property['x-field-class'] ?? '')) unmarked.push(`${name ?? where}.${key}`);
      }
    };
    for (const { path, method, operation } of operations().filter(({ path }) => CASE_PATHS.test(path))) {
      const request = (operation as { requestBody?: { content: Record<string, { schema: Schema }> } }).requestBody;
      if (request) walk(request.content['application/json'].schema, `${method} ${path} body`);
      for (const schema of successSchemas(operation)) walk(schema, `${method} ${path} answer`);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['CreateCaseDto', 'NewSurvivorDto', 'CaseView', 'CaseSurvivorView']),
    );
    expect(unmarked).toEqual([]);
  });

  it('gives the identifying fields of a case their class, as the rules define it', () => {
    const survivor = document.components.schemas.CaseSurvivorView.properties ?? {};
    for (const field of fieldsOf('Case', ['identifying']).filter((path) => path.startsWith('survivor.')))
      expect([field, survivor[field.slice('survivor.'.length)]?.['x-field-class']]).toEqual([field, 'identifying']);
  });

  /** The keys of an answer, nested ones dotted, that its schema does not describe. */
  const undocumented = (body: Record<string, unknown>, described: Schema, prefix = ''): string[] =>
    Object.entries(body).flatMap(([key, value]) => {
      const property = described.properties?.[key];
      if (!property) return [`${prefix}${key}`];
      const inner = property.$ref ? resolve(property) : property.items?.$ref ? resolve(property.items) : undefined;
      if (!inner?.properties || value === null || typeof value !== 'object') return [];
      const values = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
      return values.flatMap((item) => undocumented(item, inner, `${prefix}${key}.`));
    });

  it('documents every key a case is answered with, allowed among them', async () => {
    const created = await createCase(suite.api, suite.org.coordinatorA, newCaseBody(suite.org.villages.a));
    const read = await suite.api
      .http()
      .get(`/api/v1/cases/${String(created.id)}`)
      .set(suite.org.coordinatorA.auth())
      .expect(200);
    expect(undocumented(read.body, document.components.schemas.CaseView)).toEqual([]);
    expect(Object.keys(read.body)).toContain('allowed');
  });

  it('documents every key a region of the directory is answered with', async () => {
    const read = await suite.api
      .http()
      .get(`/api/v1/regions/${suite.org.regions.a}`)
      .set(suite.org.admin.auth())
      .expect(200);
    expect(undocumented(read.body, document.components.schemas.RegionView)).toEqual([]);
    expect(Object.keys(read.body)).toContain('allowed');
  });
});
