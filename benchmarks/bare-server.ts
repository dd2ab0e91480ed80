import 'reflect-metadata';
import { createLogger } from '@pendamping/core';
import Fastify from 'fastify';

/** R1's reference: a bare Fastify app answering like /health/live, with the API's pino request logging. */
async function main(): Promise<void> {
  const app = Fastify({ loggerInstance: createLogger('info') });
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
}

void main();
