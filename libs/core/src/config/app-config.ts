import { z } from 'zod';

const base64Key = (bytes: number) =>
  z.string().refine((value) => Buffer.from(value, 'base64').length === bytes, {
    message: `must be ${bytes} bytes, base64-encoded (openssl rand -base64 ${bytes})`,
  });

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'must be a postgres:// URL' });

const redisUrl = z
  .string()
  .url()
  .refine((value) => /^rediss?:\/\//.test(value), { message: 'must be a redis:// or rediss:// URL' });

/**
 * The origin the web client is served from (SPEC §11): it runs only in a secure context, so
 * https, or plain http on the loopback names for development. Written exactly as a browser sends
 * it in the Origin header, because cookie-borne requests are compared with it character by character.
 */
const publicOrigin = z.string().superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be an origin such as https://pendamping.example.org' });
    return;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_NAMES.has(url.hostname));
  if (!secure)
    context.addIssue({
      code: 'custom',
      message: 'must be https://…, or http://localhost or http://127.0.0.1 for development',
    });
  else if (url.origin !== value)
    context.addIssue({ code: 'custom', message: `must be written as the browser sends it: ${url.origin}` });
});

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1']);
const DEVELOPMENT_PUBLIC_ORIGIN = 'http://127.0.0.1:3000';

export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'must be 1-40 characters of a-z, 0-9, _ or -')
    .default('pendamping'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | string[] =>
      value === 'true' ? true : value === 'false' ? false : value.split(',').map((entry) => entry.trim()),
    ),
  /** Serve the OpenAPI document and its UI (/docs); unset, only outside production. */
  API_DOCS: z.enum(['true', 'false']).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(256 * 1024),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  AUDIT_ANCHOR_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** How long a job's lock lives without renewal: after a worker dies, its job runs again this much later. */
  WORKER_STALL_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  REPORT_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  REPORT_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** External reports show counts below this as "<N" (SPEC §7). */
  REPORT_SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(100).default(5),
  JWT_SECRET: base64Key(32),
  AUDIT_CHAIN_KEY: base64Key(32),
  FIELD_ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[a-z0-9_-]{1,32}:[A-Za-z0-9+/=]+(,[a-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)*$/,
      'must be a comma-separated list of keyId:base64Key, the first one current',
    ),
  BLIND_INDEX_KEY: base64Key(32),
  MFA_REQUIRED_ROLES: z
    .string()
    .default('coordinator,reviewer,org_admin')
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['companion', 'coordinator', 'reviewer', 'org_admin']))),
  /** Absolute session lifetimes (SPEC §8): from sign-in, whatever the refreshes; the user's current role decides which applies. */
  SESSION_LIFETIME_HOURS_MFA_ROLES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  SESSION_LIFETIME_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** Signs the sign-in device cookie (SPEC §8 throttling). */
  SIGN_IN_DEVICE_KEY: base64Key(32),
  /** Required in production (checked below); development and tests default to the local API's address. */
  PUBLIC_ORIGIN: publicOrigin.optional(),
  /** Idle minutes after which every tab of the web client locks (SPEC §11). */
  WEB_IDLE_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});

const SECRET_VARIABLES = ['JWT_SECRET', 'AUDIT_CHAIN_KEY', 'BLIND_INDEX_KEY', 'SIGN_IN_DEVICE_KEY'] as const;

/** In production the public development keys of .env.example are refused, and no key may serve two purposes. */
function productionKeyProblems(config: z.infer<typeof appConfigSchema>): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const keys: [string, string][] = [
    ...SECRET_VARIABLES.map((name): [string, string] => [name, config[name]]),
    ...config.FIELD_ENCRYPTION_KEYS.split(',').map((entry): [string, string] => [
      'FIELD_ENCRYPTION_KEYS',
      entry.split(':')[1],
    ]),
  ];
  const problems = keys
    .filter(([, key]) => Buffer.from(key, 'base64').toString('latin1').startsWith('dev-only'))
    .map(([name]) => `${name} holds a public development key; generate one with openssl rand -base64 32`);
  const seen = new Map<string, string>();
  for (const [name, key] of keys) {
    const earlier = seen.get(key);
    if (earlier && earlier !== name)
      problems.push(`${name} repeats the key of ${earlier}; each purpose needs its own key`);
    seen.set(key, name);
  }
  return problems;
}

export type AppConfig = Omit<z.infer<typeof appConfigSchema>, 'PUBLIC_ORIGIN'> & { PUBLIC_ORIGIN: string };

/** A production API describes itself only when told to: the document maps every route for an attacker. */
export function apiDocsServed(config: Pick<AppConfig, 'API_DOCS' | 'NODE_ENV'>): boolean {
  return config.API_DOCS === undefined ? config.NODE_ENV !== 'production' : config.API_DOCS === 'true';
}

export class ConfigError extends Error {
  readonly logSafe = true;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; every variable problem is reported by name in one error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsMissing = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = appConfigSchema.safeParse(blankAsMissing);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = issue.path.join('.') || '(environment)';
        const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
        return `${variable} ${reason}`;
      }),
    );
  }
  const problems = productionKeyProblems(result.data);
  if (result.data.NODE_ENV === 'production' && !result.data.PUBLIC_ORIGIN?.startsWith('https://'))
    problems.push('PUBLIC_ORIGIN must be set in production to the https origin the web client is served from');
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...result.data, PUBLIC_ORIGIN: result.data.PUBLIC_ORIGIN ?? DEVELOPMENT_PUBLIC_ORIGIN };
}
