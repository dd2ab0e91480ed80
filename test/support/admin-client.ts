import { Client } from 'pg';
import { baseTestEnv, databaseUrl } from './test-env';

/** A connection to the server's `postgres` database, for creating and dropping test databases. */
export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const base = baseTestEnv().DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is required for the e2e tests');
  const client = new Client({ connectionString: databaseUrl(base, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
}
