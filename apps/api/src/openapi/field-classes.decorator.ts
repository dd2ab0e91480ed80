import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, DECORATORS } from '@nestjs/swagger';
import { FieldClass, SubjectName, SUBJECTS } from '@pendamping/auth';

type Constructor = new (...args: never[]) => object;

/** The class of a dotted path: its own, or the nearest enclosing field's (a justice stage's `date`). */
function classOf(fields: Readonly<Record<string, FieldClass>>, path: string): FieldClass | undefined {
  for (let at = path; at; at = at.slice(0, Math.max(at.lastIndexOf('.'), 0))) if (fields[at]) return fields[at];
  return undefined;
}

/**
 * Marks each documented property of a schema class with `x-field-class` (SPEC §11), taken from
 * the subject's definition in the rules (libs/auth subjects), so the document and the permissions
 * cannot disagree. `prefix` places a nested class (`survivor`); `fieldOf` names the field a
 * differently named property writes (a transition's `reason` is the case's `statusReason`). A property that holds nested
 * fields carries none, nor does `allowed` (what the reader may do, not a field); any other property
 * the subject does not classify stops the API at start.
 */
export const FieldClassesOf =
  (subject: SubjectName, prefix = '', fieldOf: Readonly<Record<string, string>> = {}) =>
  (target: Constructor): void => {
    const fields = SUBJECTS[subject].fields as Readonly<Record<string, FieldClass>>;
    const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, target.prototype) ?? []) as string[];
    for (const key of keys.map((entry) => entry.replace(/^:/, ''))) {
      if (key === 'allowed') continue;
      const path = fieldOf[key] ?? (prefix ? `${prefix}.${key}` : key);
      if (Object.keys(fields).some((field) => field.startsWith(`${path}.`))) continue;
      const fieldClass = classOf(fields, path);
      if (!fieldClass) throw new Error(`${target.name}.${key}: ${subject} has no field class for ${path}`);
      const metadata = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype, key) as object;
      Reflect.defineMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        { ...metadata, 'x-field-class': fieldClass },
        target.prototype,
        key,
      );
    }
  };

/**
 * A property of an answer about a case that is not itself a field of one (when a history entry
 * was written, whether a duplicate may exist): its class is stated where it is declared.
 */
export const ClassedProperty = (fieldClass: FieldClass, options: ApiPropertyOptions, required = true) =>
  (required ? ApiProperty : ApiPropertyOptional)(Object.assign({ 'x-field-class': fieldClass }, options));
