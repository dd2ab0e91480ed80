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
  oneOf?: Schema[];
  allOf?: Schema[];
  'x-field-class'?: string;
};
type Operation = { summary?: string; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const FIELD_CLASSES = ['identifying', 'sensitive', 'coded'];
/** Records about a case: every field of theirs in the document must say how sensitive it is. */
const CASE_PATHS = /^\/api\/v1\/(cases|follow-ups)\b/;

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
  /** The named schema a property holds: itself, through an allOf (a described or nullable one), or as its items. */
  const nestedOf = (property: Schema): Schema | undefined =>
    property.$ref
      ? property
      : (property.allOf?.find((part) => part.$ref) ?? (property.items?.$ref ? property.items : undefined));
  const successSchemas = (operation: Operation) =>
    Object.entries(operation.responses)
      .filter(([status]) => status.startsWith('2'))
      .flatMap(([, response]) => Object.values(response.content ?? {}).map((media) => media.schema))
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

  it('describes the success body of every operation: each 2xx answer with a schema, or a 204 without a body', () => {
    const undescribed = operations().flatMap(({ method, path, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2') && status !== '204')
        .filter(
          ([, response]) => !Object.values(response.content ?? {}).some(({ schema }) => schema?.$ref || schema?.type),
        )
        .map(([status]) => `${method} ${path} ${status}`),
    );
    const withoutSuccess = operations().filter(
      ({ operation }) => !Object.keys(operation.responses).some((status) => status.startsWith('2')),
    );
    expect(undescribed).toEqual([]);
    expect(withoutSuccess.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  /** A oneOf or allOf whose every alternative has a type or names a schema. */
  const typed = (alternatives?: Schema[]) =>
    alternatives !== undefined &&
    alternatives.length > 0 &&
    alternatives.every((alternative) => alternative.type || alternative.$ref);

  it('types no property as a bare object: a value is a string, number, boolean, array, a described object or one of those', () => {
    const bare = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(
          ([, property]) =>
            (property.type === 'object' || property.type === undefined) &&
            !property.$ref &&
            !property.properties &&
            property.additionalProperties === undefined &&
            !typed(property.oneOf) &&
            !typed(property.allOf) &&
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
        const nested = nestedOf(property);
        const isPage = key === 'items' || key === 'nextCursor';
        if (nested) walk(nested, `${name ?? where}.${key}`);
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
      const nested = nestedOf(property);
      const inner = nested ? resolve(nested) : undefined;
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
