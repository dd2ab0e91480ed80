import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AppConfig } from '@pendamping/core';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { freePort } from './free-port';
import { baseTestEnv } from './test-env';

const ROOT = resolve(__dirname, '..', '..');

/** One of the apps as an operating-system process of its own, run from its TypeScript sources (test/support/ts-launcher.js). */
export interface AppProcess {
  pid: number;
  /** Everything it wrote to stdout and stderr so far (JSON log lines). */
  output(): string;
  /** SIGKILL: no shutdown hook runs, no lock is released, no transaction is committed. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit (the app's graceful shutdown); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** The API as a process of its own, listening on `origin`. */
export interface ApiProcess extends AppProcess {
  origin: string;
  /** A request to this process over TCP (the same client the in-process TestApi offers). */
  http(): TestAgent;
}

/**
 * The environment that gives a separate process the same configuration as `config` (database,
 * Redis and its key prefix), with `overrides` on top: the child validates it again at start.
 */
export function appEnv(config: AppConfig, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...baseTestEnv(),
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

/**
 * Starts `entry` (a path from the repository root) and resolves once it wrote the structured log
 * line whose message is `startedMessage`; fails with its output if it exits or stays silent.
 */
export async function spawnApp(
  entry: string,
  startedMessage: string,
  env: NodeJS.ProcessEnv,
  startTimeoutMs = 90_000,
): Promise<AppProcess> {
  const child = spawn(process.execPath, [resolve(ROOT, 'test/support/ts-launcher.js'), entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (text: string) => chunks.push(text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => chunks.push(text));
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? -1 : null))),
  );
  const output = () => chunks.join('');
  const startedLine = `"msg":${JSON.stringify(startedMessage)}`;
  const hasStarted = () => output().includes(startedLine);

  const started = await new Promise<boolean>((resolveStart) => {
    const timer = setTimeout(() => resolveStart(false), startTimeoutMs);
    const check = () => {
      if (hasStarted()) {
        clearTimeout(timer);
        resolveStart(true);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      resolveStart(hasStarted());
    });
  });
  if (!started || child.exitCode !== null) {
    child.kill('SIGKILL');
    throw new Error(`${entry} did not start:\n${output().slice(-4000)}`);
  }
  return handle(child, exited, output);
}

/** Starts the worker and resolves once it logged "worker started" (its queues consume, its schedules are set). */
export function spawnWorker(env: NodeJS.ProcessEnv, startTimeoutMs?: number): Promise<AppProcess> {
  return spawnApp('apps/worker/src/main.ts', 'worker started', env, startTimeoutMs);
}

/** Starts the API on a free loopback port and resolves once it logged "API listening". */
export async function spawnApi(env: NodeJS.ProcessEnv, startTimeoutMs?: number): Promise<ApiProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await spawnApp(
    'apps/api/src/main.ts',
    'API listening',
    { ...env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_ORIGIN: origin },
    startTimeoutMs,
  );
  return { ...app, origin, http: () => request(origin) };
}

function handle(child: ChildProcess, exited: Promise<number | null>, output: () => string): AppProcess {
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid!,
    output,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 15_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
