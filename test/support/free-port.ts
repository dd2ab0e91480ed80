import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Ports come from below Linux's ephemeral range (32768–60999 by default), where the kernel never
 * picks one by itself (a `listen(0)`, an outgoing connection), each Jest worker from a slice of its
 * own, and never twice in one suite (each test file loads this module afresh). So a port handed out
 * stays the suite's from the moment it is chosen until its process binds it, and again between a
 * stop and a restart on the same origin, whatever the suite running in the other worker opens
 * meanwhile. The walk through the slice starts at a random place, so two runs on one machine seldom
 * meet; a port found taken is passed over.
 */
const FIRST_PORT = 20_000;
const SLICE = 1_500;
const SLICES = 8;

const worker = (Number(process.env.JEST_WORKER_ID ?? 1) - 1) % SLICES;
let offset = randomInt(SLICE);
let tried = 0;

/** A TCP port free on 127.0.0.1 right now, for a process of the test's own to listen on. */
export async function freePort(): Promise<number> {
  while (tried < SLICE) {
    const port = FIRST_PORT + worker * SLICE + offset;
    offset = (offset + 1) % SLICE;
    tried++;
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port left in this worker's slice of ${SLICE}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
  });
}
