import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, __filename.endsWith('.ts') ? '..' : '../..');

/**
 * Starts an entry of this repository in a process of its own: its built JavaScript after
 * `npm run build`, or its TypeScript through the tests' launcher when the harness itself runs
 * from sources (the smoke run of `npm test`). `entry` is the source path, e.g. apps/cli/src/main.ts.
 */
export function startEntry(entry: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const fromSources = __filename.endsWith('.ts');
  const command = fromSources
    ? [resolve(ROOT, 'test/support/ts-launcher.js'), entry, ...args]
    : [resolve(ROOT, 'dist', entry.replace(/\.ts$/, '.js')), ...args];
  return spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Runs an entry to its end, failing on a non-zero exit. */
export async function runEntry(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = startEntry(entry, args, env);
  child.stdout?.resume();
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited with ${code}`);
}

/** A server started by startEntry, ready once it printed `listening <port>` on its standard output. */
export async function startServer(entry: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = startEntry(entry, args, env);
  const port = await new Promise<number>((ready, fail) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (!match) return;
      child.stdout?.off('data', onData);
      // Its request logs go to the pipe like to a production log collector, which drains them.
      child.stdout?.resume();
      ready(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => fail(new Error(`${entry} exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => (child.exitCode !== null ? done() : (child.on('exit', () => done()), child.kill()))),
  };
}
