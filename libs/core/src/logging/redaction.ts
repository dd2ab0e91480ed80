/**
 * Keys whose values never reach a log line, wherever they appear (body, query, error, context).
 * The identifying and sensitive case fields of SPEC §4/§9, the free-text notes, and credentials.
 * Matching is by key name, case-insensitive, at any depth: over-redaction is the safe failure.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set(
  [
    'name',
    'alias',
    'phone',
    'address',
    'birthDate',
    'nik',
    'guardianName',
    'guardianPhone',
    'narrative',
    'safetyPlan',
    'safeContact',
    'safeContactInstructions',
    'safeIntermediary',
    'medicalNotes',
    'notes',
    'note',
    'outcomeNote',
    'summary',
    'results',
    'obstacles',
    'lessons',
    'comments',
    'reason',
    'email',
    'password',
    'newPassword',
    'currentPassword',
    'totp',
    'code',
    'secret',
    'recoveryCodes',
    'accessToken',
    'refreshToken',
    'token',
    'authorization',
    'cookie',
    'set-cookie',
    'idempotency-key',
    'temporaryPassword',
    'firstHalf',
    'secondHalf',
    // A phone's server wrapping key W (SPEC §12).
    'wrappingKey',
  ].map((key) => key.toLowerCase()),
);

export const REDACTED = '[redacted]';
const MAX_DEPTH = 8;

export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (value instanceof Error) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    copy[key] = REDACTED_KEYS.has(key.toLowerCase()) ? REDACTED : redactDeep(entry, depth + 1);
  }
  return copy;
}

/** A URL for the log: the path, and the names (never the values) of the query parameters. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const names = [...new URLSearchParams(url.slice(queryStart + 1)).keys()];
  return `${url.slice(0, queryStart)}?${[...new Set(names)].map((n) => `${n}=…`).join('&')}`;
}
