/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { VIEWPORTS } from './browser-harness';
import { CHROMIUM } from './browser-server';

const ROOT = resolve(__dirname, '..', '..');
const TEST_BUILD = resolve(ROOT, '.run', 'phone-vault-build');
const TEST_PATH = '/__phone-vault__/';

/**
 * Builds the offline library's test entry (apps/web/vite.test-entry.config.mts) into .run/: a
 * build of its own, so that nothing of the tests ships in the app's.
 */
export function buildPhoneVaultEntry(): void {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.test-entry.config.mts'],
    { cwd: ROOT, stdio: 'pipe' },
  );
}

/**
 * A Chromium of its own with a profile folder on disk (the run's shared browser keeps its
 * contexts in memory, so there is nothing on disk to search), on the real app served by the API.
 * The test entry is answered under /__phone-vault__/ with the headers the API gives its own
 * files, its Content-Security-Policy included, so the worker and its WebAssembly run under the
 * served policy.
 */
export class PhoneProfile {
  readonly violations: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) this.violations.push(message.text());
    });
  }

  /** `policy` may change the served Content-Security-Policy of the test entry's files (for a control). */
  static async open(
    folder: string,
    origin: string,
    policy: (served: string) => string = (served) => served,
  ): Promise<PhoneProfile> {
    const served = await fetch(`${origin}/`);
    const headers = Object.fromEntries(
      [
        'content-security-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'x-content-type-options',
      ]
        .map((name) => [name, served.headers.get(name)])
        .filter((entry): entry is [string, string] => entry[1] !== null),
    );
    if (!headers['content-security-policy']) throw new Error('the API served no Content-Security-Policy');
    headers['content-security-policy'] = policy(headers['content-security-policy']);
    const context = await chromium.launchPersistentContext(folder, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
      baseURL: origin,
      viewport: VIEWPORTS[0],
    });
    await context.route(`**${TEST_PATH}**`, (route: Route) => {
      const file = new URL(route.request().url()).pathname.slice(TEST_PATH.length);
      return route.fulfill({
        body: readFileSync(join(TEST_BUILD, file)),
        contentType: 'text/javascript',
        headers,
      });
    });
    const profile = new PhoneProfile(context, context.pages()[0] ?? (await context.newPage()));
    await profile.load();
    return profile;
  }

  /** The app's page (re)loaded, and the library imported into it as `window.phoneVaultLib`. */
  async load(): Promise<void> {
    await this.page.goto('/');
    // A string, not a function: the test compiler would turn a function's import() into require().
    await this.page.evaluate(`import('${TEST_PATH}entry.js').then((lib) => { window.phoneVaultLib = lib; })`);
  }

  /** Closes the browser, so that everything it kept is written to the profile folder. */
  close(): Promise<void> {
    return this.context.close();
  }
}

/** Every file under a folder, recursively. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
}

/** A text as the bytes it may be written in: UTF-8, and UTF-16LE (how V8 and Chromium write two-byte strings). */
export const textForms = (text: string): Buffer[] => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];

/** Which of the markers (each a label and the byte forms to look for) occur in any file under the folder, and where. */
export function markersOnDisk(folder: string, markers: Record<string, Buffer[]>): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of filesUnder(folder)) {
    const bytes = readFileSync(file);
    for (const [label, forms] of Object.entries(markers))
      if (forms.some((form) => bytes.includes(form))) (found[label] ??= []).push(file.slice(folder.length + 1));
  }
  return found;
}
