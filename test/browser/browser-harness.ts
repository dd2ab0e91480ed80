/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AppConfig } from '@pendamping/core';
import { type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { appEnv } from '../support/app-process';
import { freePort } from '../support/free-port';

const ROOT = resolve(__dirname, '..', '..');
export const SCREENSHOTS = resolve(ROOT, '.run', 'screenshots');
export const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
] as const;

export interface RunningApi {
  origin: string;
  stop(): Promise<void>;
  /** SIGKILL: the process ends where it stands, as in a crash; resolves once it has. */
  kill(): Promise<void>;
}

/**
 * The built API (`npm run build`) as a process of its own, on this suite's database and Redis
 * prefix, with the suite's own settings (`apiEnv`) as well; on `port` when given (the same origin
 * again after a stop), else on a free one.
 */
export async function startBuiltApi(
  config: AppConfig,
  apiEnv: NodeJS.ProcessEnv = {},
  port?: number,
): Promise<RunningApi> {
  port ??= await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: appEnv(config, {
      ...apiEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Cookie-borne requests must come from the origin the app is served from: the API's own,
      // unless the suite serves it through a proxy of its own.
      PUBLIC_ORIGIN: apiEnv.PUBLIC_ORIGIN ?? origin,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (text: string) => output.push(text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => output.push(text));
  let ready = false;
  for (let attempt = 0; attempt < 120 && !ready; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API stopped: ${output.join('')}`);
    ready = await fetch(`${origin}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) await new Promise((wait) => setTimeout(wait, 500));
  }
  if (!ready || child.exitCode !== null) {
    child.kill('SIGKILL');
    throw new Error(`the API did not become ready at ${origin}: ${output.join('')}`);
  }
  // A process ended by a signal has a signalCode and no exitCode.
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((stopped) => {
      if (child.exitCode !== null || child.signalCode !== null) return stopped();
      child.once('exit', () => stopped());
      child.kill(signal);
    });
  return { origin, stop: () => ended('SIGTERM'), kill: () => ended('SIGKILL') };
}

/** A built app run as a process of its own (`npm run build`). */
export interface RunningProcess {
  stop(): Promise<void>;
}

/**
 * The built worker as a process of its own on this suite's database and Redis prefix, for suites
 * whose flows wait for what it does (rendering reports); resolves once it logged that it started.
 */
export async function startBuiltWorker(config: AppConfig): Promise<RunningProcess> {
  const child: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'dist/apps/worker/src/main.js')], {
    cwd: ROOT,
    env: appEnv(config, { LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (text: string) => output.push(text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => output.push(text));
  for (let attempt = 0; !/"msg":"worker started"/.test(output.join('')); attempt++) {
    if (child.exitCode !== null || attempt >= 120) {
      child.kill('SIGKILL');
      throw new Error(`the worker did not start: ${output.join('').slice(-4000)}`);
    }
    await new Promise((wait) => setTimeout(wait, 500));
  }
  return {
    stop: () =>
      new Promise((stopped) => {
        if (child.exitCode !== null) return stopped();
        child.once('exit', () => stopped());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * What a page did on its own origin and beyond: every response it saw (for the size budget), any
 * request to another origin and any policy violation the console reported.
 */
export class Watched {
  readonly responses: Response[] = [];
  readonly foreignRequests: string[] = [];
  readonly violations: string[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    origin: string,
  ) {
    context.on('response', (response) => void this.responses.push(response));
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.origin !== origin) this.foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) this.violations.push(message.text());
    });
  }

  static async open(browser: Browser, origin: string, viewport = VIEWPORTS[0]): Promise<Watched> {
    const context = await browser.newContext({ viewport, baseURL: origin, locale: 'id-ID' });
    return new Watched(context, await context.newPage(), origin);
  }

  /** The responses to the page's own requests, not to those of its service worker. */
  pageResponses(): Response[] {
    return this.responses.filter((response) => !response.request().serviceWorker());
  }

  /**
   * JavaScript, CSS and WebAssembly the page requested so far, as gzip bytes of the bodies the
   * browser received. What the service worker fetched for its precache is not the page's load
   * (Playwright reports those requests with their `serviceWorker()`): it is measured on its own
   * (`precacheGzipBytes`).
   */
  async initialTransferGzipBytes(): Promise<{ bytes: number; files: string[] }> {
    const counted = this.pageResponses().filter((response) =>
      /(javascript|css|wasm)/.test(response.headers()['content-type'] ?? ''),
    );
    const sizes = await Promise.all(
      counted.map(async (response) => gzipSync(await response.body(), { level: 9 }).length),
    );
    return { bytes: sizes.reduce((sum, size) => sum + size, 0), files: counted.map((response) => response.url()) };
  }
}

/** What the service worker fetched for its own precache: a response each, as the browser reported it. */
export function precacheResponses(watched: Watched): Response[] {
  return watched.responses.filter((response) => response.request().serviceWorker());
}

/** Every entry of the page's Cache Storage: its cache, its URL, its content type and its body. */
export async function cacheStorageEntries(
  page: Page,
): Promise<{ cache: string; url: string; contentType: string; body: Buffer }[]> {
  const entries = await page.evaluate(async () => {
    const found: { cache: string; url: string; contentType: string; body: string }[] = [];
    for (const cache of await caches.keys()) {
      const opened = await caches.open(cache);
      for (const request of await opened.keys()) {
        const response = (await opened.match(request))!;
        const bytes = new Uint8Array(await response.arrayBuffer());
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        found.push({
          cache,
          url: request.url,
          contentType: response.headers.get('content-type') ?? '',
          body: btoa(binary),
        });
      }
    }
    return found;
  });
  return entries.map((entry) => ({ ...entry, body: Buffer.from(entry.body, 'base64') }));
}

/** The size of the service worker's precache, raw and gzipped (level 9), from what Cache Storage holds. */
export async function precacheSize(page: Page): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const entries = await cacheStorageEntries(page);
  return {
    files: entries.length,
    rawBytes: entries.reduce((sum, entry) => sum + entry.body.length, 0),
    gzipBytes: entries.reduce((sum, entry) => sum + gzipSync(entry.body, { level: 9 }).length, 0),
  };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.2 AA rules on the page as it is; injected through the debugger, so the CSP
 * stays strict. Answers the violations and how many checks passed (proof that axe ran).
 */
export async function axeRun(page: Page): Promise<{ violations: AxeViolation[]; passes: number }> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      violations: result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => ({ target: node.target })),
      })),
      passes: result.passes.length,
    };
  }, WCAG_22_AA);
}
