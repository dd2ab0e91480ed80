import IORedis from 'ioredis';

export type RedisStatus = { status: 'up'; evictionPolicy?: string } | { status: 'down'; reason: string };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref()),
  ]);
}

/** Answers quickly whether Redis responds, without queueing commands for a later reconnect. */
export async function probeRedis(connection: IORedis, timeoutMs = 1_000): Promise<RedisStatus> {
  if (connection.status !== 'ready') return { status: 'down', reason: `connection ${connection.status}` };
  try {
    await withTimeout(connection.ping(), timeoutMs);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', reason: error instanceof Error ? error.message : 'unknown' };
  }
}

/** BullMQ loses jobs if Redis evicts keys under memory pressure; `noeviction` is required. */
export async function evictionPolicy(connection: IORedis, timeoutMs = 2_000): Promise<string | undefined> {
  const reply = (await withTimeout(connection.config('GET', 'maxmemory-policy'), timeoutMs)) as string[];
  return reply[1];
}
