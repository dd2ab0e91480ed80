import { getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Liveness } from './health.responses';

export const LIVENESS_PATH = '/health/live';

/**
 * GET /health/live on the Fastify instance itself, not through a Nest controller: a probe asked
 * every few seconds by every load balancer, which reads nothing and takes nothing, so Nest's
 * per-request pipeline (the policy guard answering "public", the global interceptors through
 * rxjs) bought it nothing and cost a third of its time (docs/benchmarks.md, R1). Fastify's hooks
 * still run as for every answer: the request log, the request id, the security headers and
 * `Cache-Control: no-store`.
 */
export function registerLiveness(fastify: FastifyInstance): void {
  fastify.get(LIVENESS_PATH, async (): Promise<Liveness> => ({ status: 'ok' }));
}

/** The route's operation in the published contract, as its controller declared it when it had one. */
export function documentLiveness(document: OpenAPIObject): void {
  document.paths[LIVENESS_PATH] = {
    get: {
      operationId: 'HealthController_live',
      parameters: [],
      responses: {
        200: {
          description: 'The process is running.',
          content: { 'application/json': { schema: { $ref: getSchemaPath(Liveness) } } },
        },
      },
      summary: 'Liveness: the process answers',
      tags: ['health'],
    },
  };
}
