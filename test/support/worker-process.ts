import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AppConfig } from '@pendamping/core';
import { baseTestEnv } from './test-env';

const ROOT = resolve(__dirname, '..', '..');

/** The worker as an operating-system process of its own, run from its TypeScript sources (test/support/ts-launcher.js). */
export interface WorkerProcess {
  pid: number;
  /** Everything it wrote to stdout and stderr so far (JSON log lines). */
  output(): string;
  /** SIGKILL: no shutdown hook runs, no lock is released, no transaction is committed. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit (the worker's graceful shutdown); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The environment that gives a separate process the same configuration as `config` (database,
 * Redis and its key prefix), with `overrides` on top: the child validates it again at start.
 */
export function workerEnv(config: AppConfig, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...baseTestEnv(),
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

/** Starts the worker and resolves once it logged "worker started" (its queues consume, its schedules are set). */
export async function spawnWorker(env: NodeJS.ProcessEnv, startTimeoutMs = 90_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [resolve(ROOT, 'test/support/ts-launcher.js'), 'apps/worker/src/main.ts'], {
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

  const started = await new Promise<boolean>((resolveStart) => {
    const timer = setTimeout(() => resolveStart(false), startTimeoutMs);
    const check = () => {
      if (/"msg":"worker started"/.test(output())) {
        clearTimeout(timer);
        resolveStart(true);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      resolveStart(/"msg":"worker started"/.test(output()));
    });
  });
  if (!started || child.exitCode !== null) {
    child.kill('SIGKILL');
    throw new Error(`the worker process did not start:\n${output().slice(-4000)}`);
  }
  return handle(child, exited, output);
}

function handle(child: ChildProcess, exited: Promise<number | null>, output: () => string): WorkerProcess {
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
