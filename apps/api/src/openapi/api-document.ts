import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentLiveness } from '../health/liveness';
import { Liveness } from '../health/health.responses';
import { Problem } from './problem.schema';

const PROBLEM_RESPONSE = {
  content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
};

/**
 * The published contract (SPEC §11). Every operation answers its problems with the one `Problem`
 * schema, so controllers declare only their success.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pendamping API')
      .setDescription('Case management for community groups responding to violence against women and children.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [Problem, Liveness] },
  );
  documentLiveness(document);
  for (const operations of Object.values(document.paths))
    for (const operation of [operations.get, operations.put, operations.post, operations.delete, operations.patch])
      if (operation)
        operation.responses = {
          ...operation.responses,
          '4XX': { description: 'A problem with the request', ...PROBLEM_RESPONSE },
          '5XX': { description: 'A problem on the server', ...PROBLEM_RESPONSE },
        };
  return document;
}
