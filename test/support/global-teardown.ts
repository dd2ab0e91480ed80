import { quoteIdentifier, withAdminClient } from './admin-client';
import IORedis from 'ioredis';
import { baseTestEnv, redisPrefixOfRun, suiteDatabasePrefix, templateDatabase } from './test-env';

const ran = globalThis as { tornDown?: boolean };

/** Suites drop their own databases; this drops what a crashed suite of this run left, the template, and the run's queue keys. */
export default async function globalTeardown(): Promise<void> {
  // The e2e and browser projects both run it; once per run is enough.
  if (ran.tornDown) return;
  ran.tornDown = true;
  await removeRedisKeysOfRun();
  await withAdminClient(async (admin) => {
    const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${suiteDatabasePrefix()}%`,
    ]);
    for (const { datname } of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
    await admin.query(`ALTER DATABASE ${quoteIdentifier(templateDatabase())} IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(templateDatabase())} WITH (FORCE)`);
  });
}

async function removeRedisKeysOfRun(): Promise<void> {
  const redis = new IORedis(baseTestEnv().REDIS_URL!, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefixOfRun()}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
