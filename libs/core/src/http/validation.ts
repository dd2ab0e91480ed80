import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from '../errors/domain-error';

export const MAX_STRING_LENGTH = 20_000;
export const MAX_ARRAY_LENGTH = 500;
const MAX_DEPTH = 8;

/** `survivor.nik`, `perpetrators.0.name`: one entry per offending field, constraint texts joined. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** C0 controls other than tab, line feed and carriage return, and DEL: PostgreSQL refuses NUL in text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Half of a UTF-16 pair without the other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Rules for every body and query, whatever its DTO says: long strings, control characters, huge arrays, deep nesting. */
export function findUnacceptableValues(value: unknown, path = '', depth = 0): FieldProblem[] {
  const field = path || '(body)';
  if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) {
    return [{ field, message: `must be at most ${MAX_STRING_LENGTH} characters` }];
  }
  if (typeof value === 'string' && CONTROL_CHARACTERS.test(value)) {
    return [{ field, message: 'must not contain control characters' }];
  }
  // A lone surrogate ("\ud800") is no text: it cannot be encoded as UTF-8 and sealed faithfully.
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    return [{ field, message: 'must be well-formed Unicode text' }];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_DEPTH) return [{ field, message: `nests deeper than ${MAX_DEPTH} levels` }];
  if (Array.isArray(value) && value.length > MAX_ARRAY_LENGTH) {
    return [{ field, message: `must have at most ${MAX_ARRAY_LENGTH} items` }];
  }
  return Object.entries(value).flatMap(([key, entry]) =>
    findUnacceptableValues(entry, path ? `${path}.${key}` : key, depth + 1),
  );
}

export function validationFailed(errors: FieldProblem[]): DomainError {
  return new DomainError(
    'validation-failed',
    `${errors.length} field(s) are invalid or unknown: ${errors.map((e) => e.field).join(', ')}.`,
    { errors },
  );
}

/** Whitelist-only DTO validation: an unknown field is an error, never silently dropped. */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: Parameters<ValidationPipe['transform']>[1]): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unacceptable = findUnacceptableValues(value);
      if (unacceptable.length > 0) throw validationFailed(unacceptable);
    }
    return super.transform(value, metadata);
  }
}
