import { createHash } from 'node:crypto';
import { Client, ClientConfig } from 'pg';

const namesByText = new Map<string, string>();

/**
 * Marks a statement of fixed text that runs on every request (loading the actor, appending to the
 * audit log) to be prepared once per connection and then executed by name, so that PostgreSQL
 * parses and plans it once instead of every time (docs/benchmarks.md, R2). Answers the text, to
 * be sent as usual. Only fixed texts: each is kept once per connection for the connection's life.
 * Named statements need PgBouncer 1.21 or later in transaction mode (docs/scaling.md).
 */
export function prepared(text: string): string {
  namesByText.set(text, `pendamping_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`);
  return text;
}

/** The name a marked text is prepared under on each connection, if it was marked. */
export function preparedNameOf(text: string): string | undefined {
  return namesByText.get(text);
}

/**
 * The comment a query builder puts first (`.comment(PREPARED_READ)`) to have the read of one
 * record by its id prepared: its text varies with the reader's rules, not with the reader (every
 * value is a parameter), so a process sees few such texts, and the PK lookup's plan does not
 * depend on the values.
 */
export const PREPARED_READ = 'prepared read';
const PREPARED_READ_PREFIX = `/* ${PREPARED_READ} */ `;
/**
 * Distinct read texts marked per process at most. Past it a new text goes unnamed, so nothing
 * ever has to be deallocated and each connection holds at most this many more statements.
 */
const MAX_PREPARED_READS = 100;
let preparedReads = 0;

/** The name to send a statement under: a marked fixed text's, or a marked read's while there is room. */
function nameToSend(text: string): string | undefined {
  const name = namesByText.get(text);
  if (name || !text.startsWith(PREPARED_READ_PREFIX) || preparedReads >= MAX_PREPARED_READS) return name;
  preparedReads += 1;
  prepared(text);
  return namesByText.get(text);
}

type Send = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * The pool's client: a statement marked `prepared` (or as a `PREPARED_READ`, within its bound) and
 * sent with parameters goes by its name, every other statement exactly as pg sends it.
 */
export class PreparingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const send = this.query.bind(this) as Send;
    const query: Send = (config, values, callback) => {
      const name = typeof config === 'string' && Array.isArray(values) ? nameToSend(config) : undefined;
      return name ? send({ name, text: config, values }, callback) : send(config, values, callback);
    };
    Object.assign(this, { query });
  }
}
