import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AdminRequestsService, FieldEncryption, OrganizationsService } from '@pendamping/auth';
import { createLogger, DomainError, loadConfigOrExit, NestPinoLogger } from '@pendamping/core';
import { Command, InvalidArgumentError } from 'commander';
import { DataSource } from 'typeorm';
import { CliModule } from './cli.module';
import { DEMO_PASSWORD, DemoSeeder, describeDemoCases, describeDemoPlans } from './demo/demo-seeder';
import { SyntheticCases } from './generate/synthetic-cases';

async function withContext<T>(
  work: (get: <S>(type: abstract new (...args: never[]) => S) => S) => Promise<T>,
): Promise<T> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(CliModule.register(config, logger), {
    logger: new NestPinoLogger(logger),
  });
  try {
    return await work((type) => app.get(type));
  } finally {
    await app.close();
  }
}

const out = (text: string) => process.stdout.write(`${text}\n`);
const program = new Command('pendamping').description('Operator commands for Pendamping.').showHelpAfterError();

program
  .command('create-org')
  .description('Create an organisation with its first org_admin (the deployment operator does this, not a tenant).')
  .requiredOption('--name <name>', 'organisation name')
  .requiredOption('--admin-email <email>', 'email of the first org_admin')
  .requiredOption(
    '--admin-password <password>',
    'temporary password of the first org_admin (at least 12 characters); she sets her own at first sign-in',
  )
  .option('--admin-name <name>', 'display name of the first org_admin', 'Administrator')
  .action(async (options: { name: string; adminEmail: string; adminPassword: string; adminName: string }) => {
    const created = await withContext((get) =>
      get(OrganizationsService).create({
        name: options.name,
        adminEmail: options.adminEmail,
        adminName: options.adminName,
        adminPassword: options.adminPassword,
      }),
    );
    out(
      `Created organisation ${created.organizationId}; its org_admin sets her own password, then a second factor, at first sign-in.`,
    );
  });

program
  .command('admin-request')
  .description('Administration requests (SPEC §8) that no org_admin of the organisation may decide.')
  .command('approve <id>')
  .description(
    'Approve a request where no eligible approver exists (one org_admin, or a request about one of two); prints both halves of a temporary password.',
  )
  .action(async (id: string) => {
    const approved = await withContext((get) => get(AdminRequestsService).approveAsOperator(id));
    out(`Approved ${approved.request.kind} request ${approved.request.id} as the operator (audited).`);
    if (approved.temporaryPassword) {
      out(`  Temporary password, first half:  ${approved.temporaryPassword.firstHalf}`);
      out(`  Temporary password, second half: ${approved.temporaryPassword.secondHalf}`);
      out(
        '  Hand both to the user alone: she signs in with the first half followed by the second, then sets her own password.',
      );
    }
  });

program
  .command('seed-demo')
  .description(
    'Create the demo organisation: two regions, their villages and groups, a user of every role and about 300 cases over two years (safe to run again).',
  )
  .action(async () => {
    if (process.env.NODE_ENV === 'production')
      throw new Error('seed-demo creates users with a public password; it does not run with NODE_ENV=production.');
    const summary = await withContext((get) => get(DemoSeeder).seed());
    out(`${summary.created ? 'Created' : 'Already present:'} demo organisation ${summary.organizationId}`);
    if (summary.cases) out(describeDemoCases(summary.cases));
    if (summary.plans) out(describeDemoPlans(summary.plans));
    out(`  Sign in (POST /api/v1/auth/login) with password "${DEMO_PASSWORD}" as:`);
    for (const login of summary.logins) out(`    ${login.role.padEnd(12)} ${login.email.padEnd(44)} ${login.scope}`);
    out('  Coordinators, reviewers and admins set up an authenticator app (TOTP) at first sign-in.');
  });

program
  .command('generate')
  .description(
    'Add synthetic cases to an organisation, identities sealed as real ones (marked synthetic), for benchmarks and query plans.',
  )
  .requiredOption('--cases <n>', 'how many cases', (value) => {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1 || count > 10_000_000)
      throw new InvalidArgumentError('a whole number from 1 to 10,000,000');
    return count;
  })
  .option('--organization <id>', 'the organisation (default: the demo organisation)')
  .action(async (options: { cases: number; organization?: string }) => {
    if (process.env.NODE_ENV === 'production')
      throw new Error('generate adds synthetic cases; it does not run with NODE_ENV=production.');
    await withContext(async (get) => {
      const organizationId = options.organization ?? (await get(DemoSeeder).seed()).organizationId;
      await get(SyntheticCases).generate(organizationId, options.cases, (done) =>
        out(`  ${done} / ${options.cases} cases`),
      );
      out(`Added ${options.cases} synthetic cases to organisation ${organizationId}.`);
    });
  });

program
  .command('rewrap-keys')
  .description('After putting a new master key first in FIELD_ENCRYPTION_KEYS: rewrap every data key under it.')
  .action(async () => {
    const count = await withContext((get) =>
      get(DataSource).transaction((manager) => get(FieldEncryption).rewrapAll(manager)),
    );
    out(
      `Rewrapped ${count} data key(s) under the current master key. Older keys can be removed from FIELD_ENCRYPTION_KEYS once every process runs with this list.`,
    );
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof DomainError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
