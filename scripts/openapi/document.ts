import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The web client's types, generated from the OpenAPI document and committed. */
export const CLIENT_TYPES_PATH = resolve(__dirname, '..', '..', 'apps', 'web', 'src', 'api', 'schema.d.ts');

/** The document exactly as the API serves it at /docs-json (asked in process: nothing listens). */
export async function servedDocument(app: NestFastifyApplication): Promise<Record<string, unknown>> {
  const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
  if (response.statusCode !== 200) throw new Error(`GET /docs-json answered ${response.statusCode}`);
  return response.json();
}
