/**
 * The stable problem types of the API (RFC 9457). A client may rely on the `type` URI: it is
 * built from the kind and never changes; titles are for humans and may be reworded.
 */
export const PROBLEM_KINDS = {
  'bad-request': { status: 400, title: 'Bad request' },
  'malformed-body': { status: 400, title: 'The request body is not valid JSON' },
  'validation-failed': { status: 400, title: 'The request has invalid or unknown fields' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  'invalid-credentials': { status: 401, title: 'Wrong email or password' },
  'mfa-required': { status: 401, title: 'A valid second-factor code is required' },
  'device-revoked': { status: 401, title: 'This phone was revoked: wipe its store' },
  'recent-sign-in-required': {
    status: 401,
    title: 'Sign in with your password again: this needs a sign-in of the last 5 minutes, not refreshed since',
  },
  'mfa-enrollment-required': { status: 403, title: 'Set up the second factor first' },
  forbidden: { status: 403, title: 'Not allowed' },
  'forbidden-fields': { status: 403, title: 'Not allowed to write these fields' },
  'origin-refused': { status: 403, title: 'A cookie-borne request must come from the web client' },
  'password-change-required': { status: 403, title: 'Set your own password first' },
  'requester-is-subject': { status: 403, title: 'A request about yourself is made by another administrator' },
  'approver-is-requester': { status: 403, title: 'A request is decided by another administrator than its requester' },
  'approver-is-subject': { status: 403, title: 'A request about yourself is decided by another administrator' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive' },
  conflict: { status: 409, title: 'Conflict' },
  'stale-version': { status: 409, title: 'The record was changed by someone else' },
  'id-taken': { status: 409, title: 'This id is already used by another record' },
  'idempotency-in-progress': { status: 409, title: 'The first request with this Idempotency-Key is still running' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'business-rule': { status: 422, title: 'A business rule refused the request' },
  'precondition-required': { status: 428, title: 'A version is required for this update' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'address-blocked': { status: 429, title: 'Too many failed sign-ins from this address' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'internal-error': { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const PROBLEM_TYPE_PREFIX = 'urn:pendamping:problem:';

export function problemType(kind: ProblemKind): string {
  return `${PROBLEM_TYPE_PREFIX}${kind}`;
}

export function kindForStatus(status: number): ProblemKind {
  const match = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).find((kind) => PROBLEM_KINDS[kind].status === status);
  return match ?? (status >= 500 ? 'internal-error' : 'bad-request');
}
