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

type Send = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * The pool's client: a statement marked `prepared` and sent with parameters goes by its name,
 * every other statement exactly as pg sends it.
 */
export class PreparingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const send = this.query.bind(this) as Send;
    const query: Send = (config, values, callback) => {
      const name = typeof config === 'string' && Array.isArray(values) ? preparedNameOf(config) : undefined;
      return name ? send({ name, text: config, values }, callback) : send(config, values, callback);
    };
    Object.assign(this, { query });
  }
}
