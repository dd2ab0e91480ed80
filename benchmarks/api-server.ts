import 'reflect-metadata';
import { AuditWriter } from '@pendamping/auth';
import { CaseVault } from '@pendamping/cases/cases/case-vault';
import { createLogger, loadConfig, loadDotEnv } from '@pendamping/core';
import { createApiApp } from '@pendamping/api/api-app';

/**
 * The API as production starts it, for the benchmark harness. `--without audit` or
 * `--without encryption` switch a protection off inside this process only (R4, R5): never a
 * configuration setting an operator could turn.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const without = process.argv.slice(2).filter((_, index, args) => args[index - 1] === '--without');
  const logger = createLogger('info');
  const app = await createApiApp(loadConfig(process.env), logger);
  if (without.includes('audit')) app.get(AuditWriter).recordRead = async () => undefined;
  if (without.includes('encryption')) {
    const vault = app.get(CaseVault);
    vault.keysFor = async (_manager, caseIds) => new Map(caseIds.map((id) => [id, Buffer.alloc(0)]));
    vault.keysOf = (wrapped) => new Map(wrapped.map((key) => [key.ownerId, Buffer.alloc(0)]));
    vault.open = (_key, _place, sealed) => sealed?.toString('latin1') ?? null;
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
}

void main();
