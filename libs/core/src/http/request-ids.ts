import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Characters a client's request id may keep: nothing that could end a log line, a CSV cell or a shell word. */
const UNSAFE = /[^A-Za-z0-9._:-]/g;
const MAX_CLIENT_REQUEST_ID = 64;

/** Our own id for every request: a client never chooses the id our audit log and logs are keyed by. */
export const newRequestId = (): string => randomUUID();

/**
 * The `X-Request-Id` a client sent, kept apart from ours so the two can be correlated: reduced to
 * safe characters and cut to 64; absent, repeated or empty after that, none.
 */
export function clientRequestIdOf(headers: IncomingHttpHeaders): string | null {
  const offered = headers['x-request-id'];
  if (typeof offered !== 'string') return null;
  const safe = offered.replace(UNSAFE, '').slice(0, MAX_CLIENT_REQUEST_ID);
  return safe.length > 0 ? safe : null;
}
