// Answers whether PostgreSQL and Redis respond at the configured URLs, and creates the project's
// database when its server answers. Used by scripts/services.sh; prints one JSON object.
import pg from 'pg';
import Redis from 'ioredis';

const [command = 'probe'] = process.argv.slice(2);
const databaseUrl = new URL(process.env.DATABASE_URL);
const database = decodeURIComponent(databaseUrl.pathname.slice(1));
const maintenanceUrl = new URL(databaseUrl);
maintenanceUrl.pathname = '/postgres';

async function probePostgres() {
  const client = new pg.Client({ connectionString: maintenanceUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (command === 'create-database' && exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
      return { status: 'up', database: 'created' };
    }
    return { status: 'up', database: exists.rowCount === 0 ? 'missing' : 'present' };
  } catch (error) {
    return {
      status:
        error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || /timeout/i.test(error.message)
          ? 'down'
          : 'refused',
      reason: error.code ?? error.message,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis() {
  const client = new Redis(process.env.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', reason: error.code ?? error.message };
  } finally {
    client.disconnect();
  }
}

const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
process.stdout.write(`${JSON.stringify({ postgres, redis })}\n`);
