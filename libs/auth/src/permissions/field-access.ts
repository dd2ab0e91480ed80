import { subject as asSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { DomainError } from '@pendamping/core';
import { AppAbility } from './ability.factory';
import { Action } from './rules-table';
import { fieldsOf, SubjectName } from './subjects';

type Fields = Record<string, unknown>;

export function permittedFields(ability: AppAbility, action: Action, subject: SubjectName, record: Fields): string[] {
  return permittedFieldsOf(ability, action, asSubject(subject, { ...record }), {
    fieldsFrom: (rule) => rule.fields ?? fieldsOf(subject),
  });
}

/**
 * The response for one record, with only the fields the actor may read: a forbidden key is
 * absent, not null. `view` is the allowlisted response shape; `record` is what conditions see.
 * Nested objects are filtered by their dotted paths (`survivor.name`).
 */
export function readableView<V extends Fields>(
  ability: AppAbility,
  subject: SubjectName,
  record: Fields,
  view: V,
): Partial<V> {
  const allowed = new Set(permittedFields(ability, 'read', subject, record));
  return pick(view, allowed, '') as Partial<V>;
}

/** The identifying and sensitive fields that views show: what a read of them is audited with. */
export function revealedFields(subject: SubjectName, views: readonly Fields[]): string[] {
  const sealed = fieldsOf(subject, ['identifying', 'sensitive']);
  return sealed.filter((field) => views.some((view) => hasPath(view, field.split('.'))));
}

function hasPath(value: unknown, path: string[]): boolean {
  if (path.length === 0) return value !== undefined && value !== null;
  if (Array.isArray(value)) return value.some((item) => hasPath(item, path));
  return isPlainObject(value) && path[0] in value && hasPath(value[path[0]], path.slice(1));
}

function pick(view: Fields, allowed: Set<string>, prefix: string): Fields {
  const result: Fields = {};
  for (const [key, value] of Object.entries(view)) {
    const path = `${prefix}${key}`;
    if (allowed.has(path)) result[key] = value;
    else if (isPlainObject(value)) {
      const nested = pick(value, allowed, `${path}.`);
      if (Object.keys(nested).length > 0) result[key] = nested;
    } else if (Array.isArray(value) && value.every(isPlainObject)) {
      const items = value.map((item) => pick(item, allowed, `${path}.`));
      if (items.some((item) => Object.keys(item).length > 0)) result[key] = items;
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The dotted paths a body sets, down to the subject's declared fields (`survivor.name`, `perpetrators.phone`). */
export function fieldsSetBy(body: object, subject: SubjectName, prefix = ''): string[] {
  const declared = fieldsOf(subject);
  return Object.entries(body).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const hasNested = declared.some((field) => field.startsWith(`${path}.`));
    if (hasNested && isPlainObject(value)) return fieldsSetBy(value, subject, `${path}.`);
    if (hasNested && Array.isArray(value))
      return [...new Set(value.filter(isPlainObject).flatMap((item) => fieldsSetBy(item, subject, `${path}.`)))];
    return [path];
  });
}

export class ForbiddenFieldsError extends DomainError {
  constructor(readonly fields: string[]) {
    super('forbidden-fields', `You may not write ${fields.join(', ')}. Nothing was saved.`, { fields });
  }
}

/**
 * Refuses the whole write when any field in it is not writable by the actor on this record
 * (for `create`, the record as it would be). Nothing is saved; the caller audits the denial.
 */
export function assertWritable(
  ability: AppAbility,
  action: 'create' | 'update',
  subject: SubjectName,
  record: Fields,
  body: object,
): void {
  const target = asSubject(subject, { ...record });
  const forbidden = fieldsSetBy(body, subject).filter((field) => !ability.can(action, target, field));
  if (forbidden.length > 0) throw new ForbiddenFieldsError(forbidden);
}
