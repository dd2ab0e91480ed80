import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { baseTestEnv } from './support/test-env';

const ROOT = resolve(__dirname, '..');

/**
 * `npm run bench` still runs: once, tiny, from the sources. A smoke check only; no goal is
 * asserted here (the figures of a loaded test machine say nothing), see docs/benchmarks.md.
 */
describe('benchmark harness', () => {
  it('runs every measurement once at a small size and prints each ratio with its goal', async () => {
    const child = spawn(
      process.execPath,
      [
        resolve(ROOT, 'test/support/ts-launcher.js'),
        'benchmarks/bench.ts',
        '--cases',
        '50',
        '--duration',
        '1',
        '--runs',
        '1',
        '--connections',
        '2',
      ],
      { cwd: ROOT, env: baseTestEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('goal ≥ 0.85 (R1)') });
    for (const goal of [
      '(R2 throughput)',
      '(R2 p99)',
      '(R4 audit on ÷ off)',
      '(R5 encryption on ÷ off)',
      'goal ≤ 50 ms',
      'ratio needs --large-cases (R3)',
      'plan at 50:',
      'goal ≤ 1.5 (report ÷ SQL)',
      'peak RSS ratio needs --large-cases (report RSS)',
      'goal < 1000 ms (enqueue → start)',
    ])
      expect(output).toContain(goal);
  }, 420_000);
});
