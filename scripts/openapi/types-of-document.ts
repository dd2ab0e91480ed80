import { readFileSync } from 'node:fs';
import { clientTypesFrom } from './client-types';

/**
 * Reads an OpenAPI document on stdin and writes the client's types to stdout. The types test runs
 * this in a process of its own: openapi-typescript and Prettier load ES modules, which Jest's
 * module loader cannot.
 */
clientTypesFrom(JSON.parse(readFileSync(0, 'utf8')))
  .then((types) => process.stdout.write(types))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
