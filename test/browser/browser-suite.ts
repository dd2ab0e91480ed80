/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateTotpCode } from '@pendamping/auth/authentication';
import { AppConfig } from '@pendamping/core';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSuiteDatabase, SuiteDatabase } from '../support/suite-database';
import { freePort } from '../support/free-port';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApi, suiteConfig, TestApi } from '../support/test-app';
import {
  axeRun,
  RunningApi,
  RunningProcess,
  SCREENSHOTS,
  startBuiltApi,
  startBuiltWorker,
  VIEWPORTS,
  Watched,
} from './browser-harness';
import { CHROMIUM, connectBrowser } from './browser-server';

/** SPEC §11: JavaScript, CSS and WebAssembly on a cold load until the screen is ready. */
export const BUDGET_GZIP_BYTES = 170 * 1024;
/** SPEC §11: the service worker's precache, measured on its own. */
export const PRECACHE_BUDGET_GZIP_BYTES = 400 * 1024;

/**
 * What every browser suite shares: its own database, prepared through the in-process API, then
 * the built API as a process of its own on it, and the run's one Chromium. Each flow signs in
 * once; every screen it reaches is checked by axe in both languages at both sizes, with a
 * screenshot of each, and the suite prints what it checked.
 */
export class BrowserSuite<World> {
  private database?: SuiteDatabase;
  private config?: AppConfig;
  private apiEnv: NodeJS.ProcessEnv = {};
  private server?: RunningApi;
  private apiPort?: number;
  private proxy?: TcpProxy;
  private worker?: RunningProcess;
  private connected?: Browser;
  private prepared?: World;
  private readonly screensChecked: string[] = [];
  private readonly budgets: Record<string, number> = {};

  private constructor(private readonly name: string) {}

  /**
   * Registers the suite's beforeAll and afterAll; `prepare` builds the suite's world before the API
   * process starts. `apiEnv` sets the environment of both the preparing API and the API process;
   * `withWorker` also runs the built worker, for flows that wait on its jobs; `throughProxy` serves
   * the app through a TCP proxy (its origin is the app's), which a flow cuts to take the network away.
   */
  static register<World>(
    name: string,
    prepare: (setup: TestApi) => Promise<World>,
    apiEnv: NodeJS.ProcessEnv = {},
    { withWorker = false, throughProxy = false }: { withWorker?: boolean; throughProxy?: boolean } = {},
  ): BrowserSuite<World> {
    const suite = new BrowserSuite<World>(name);
    beforeAll(async () => {
      suite.database = await createSuiteDatabase();
      const config = suiteConfig(suite.database.url, apiEnv);
      suite.config = config;
      suite.apiEnv = apiEnv;
      const setup = await startTestApi(config);
      try {
        suite.prepared = await prepare(setup);
      } finally {
        await setup.close();
      }
      suite.apiPort = await freePort();
      if (throughProxy) {
        suite.proxy = new TcpProxy('127.0.0.1', suite.apiPort);
        suite.apiEnv = { ...apiEnv, PUBLIC_ORIGIN: `http://127.0.0.1:${await suite.proxy.start()}` };
      }
      suite.server = await startBuiltApi(config, suite.apiEnv, suite.apiPort);
      if (withWorker) suite.worker = await startBuiltWorker(config);
      suite.connected = await connectBrowser();
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 300_000);
    afterAll(async () => {
      await suite.connected?.close();
      await suite.worker?.stop();
      await suite.server?.stop();
      await suite.proxy?.cut();
      await suite.database?.drop();
      console.log(
        `${suite.name}: ${suite.screensChecked.length} screen checks by axe (0 violations): ${suite.screensChecked.join(', ')}` +
          (Object.keys(suite.budgets).length
            ? `; initial transfer gzip: ${Object.entries(suite.budgets)
                .map(([screen, bytes]) => `${screen} ${(bytes / 1024).toFixed(1)} KB`)
                .join(', ')}`
            : ''),
      );
    });
    return suite;
  }

  get world(): World {
    return this.prepared as World;
  }

  /** The app's origin: the API's own, or the proxy's in front of it. */
  get origin(): string {
    return this.apiEnv.PUBLIC_ORIGIN ?? this.server!.origin;
  }

  /** Stops the API process, as when a phone loses its signal: nothing answers at the origin any more. */
  async stopApi(): Promise<void> {
    await this.server!.stop();
  }

  /** Starts the API process again at the same origin, so the browser's storage for it still applies. */
  async restartApi(): Promise<void> {
    this.server = await startBuiltApi(this.config!, this.apiEnv, this.apiPort);
  }

  /** SIGKILL of the API process, as a crash: whatever it was doing stops where it stands. */
  async killApi(): Promise<void> {
    await this.server!.kill();
  }

  /** The proxy of a suite registered `throughProxy`: cut it, restore it, make it lose answers. */
  get network(): TcpProxy {
    if (!this.proxy) throw new Error('this suite was not registered throughProxy');
    return this.proxy;
  }

  get databaseUrl(): string {
    return this.database!.url;
  }

  /**
   * What the server stored, read from the suite's database on a connection of its own rather than
   * through the screens under test.
   */
  async stored<Row = Record<string, unknown>>(sql: string, values: unknown[]): Promise<Row[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** A fresh browser context (nothing stored, no cookie) at the phone's size, watched. */
  open(viewport = VIEWPORTS[0]): Promise<Watched> {
    return Watched.open(this.connected!, this.origin, viewport);
  }

  /**
   * A Chromium of its own whose profile is a folder on disk (the run's shared browser keeps its
   * contexts in memory), watched as `open` watches, so that what it stored can be searched there
   * once it is closed.
   */
  async openOnDisk(folder: string, viewport = VIEWPORTS[0]): Promise<Watched> {
    const context = await chromium.launchPersistentContext(folder, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
      baseURL: this.origin,
      viewport,
      locale: 'id-ID',
    });
    return new Watched(context, context.pages()[0] ?? (await context.newPage()), this.origin);
  }

  /** A flow in a context of its own, closed whatever happens. */
  async inContext(flow: (watched: Watched) => Promise<void>, viewport = VIEWPORTS[0]): Promise<void> {
    const watched = await this.open(viewport);
    try {
      await flow(watched);
    } finally {
      await watched.context.close();
    }
  }

  /** axe on the screen as it is, in both languages and at both sizes, without signing in again; a screenshot of each. */
  async checkScreen(watched: Watched, screen: string, ready: string): Promise<void> {
    const { page } = watched;
    for (const language of ['id', 'en'] as const)
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await setLanguage(page, language);
        await page.waitForSelector(ready);
        const { violations, passes } = await axeRun(page);
        expect({ screen, language, viewport, violations }).toEqual({ screen, language, viewport, violations: [] });
        expect(passes).toBeGreaterThan(0);
        await page.screenshot({
          path: join(SCREENSHOTS, `${screen}-${language}-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
        this.screensChecked.push(`${screen}/${language}/${viewport.width}`);
      }
    await setLanguage(page, 'id');
    await page.setViewportSize(VIEWPORTS[0]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.violations).toEqual([]);
  }

  /** The size budget of SPEC §11 for a screen reached on a cold load. */
  async withinBudget(watched: Watched, screen: string): Promise<void> {
    const { bytes, files } = await watched.initialTransferGzipBytes();
    this.budgets[screen] = bytes;
    console.log(
      `${screen}: ${(bytes / 1024).toFixed(1)} KB gzip of JS/CSS/WASM on a cold load (${files.length} files)`,
    );
    expect({ screen, bytes, overBudget: bytes > BUDGET_GZIP_BYTES }).toEqual({ screen, bytes, overBudget: false });
  }
}

/**
 * Waits until a service worker is active, so its precache is complete (a worker whose install
 * failed never becomes active), and controls the page (it claims the pages open when it activates).
 */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Switches the language with the app's own button until the page says it is in that language. */
export async function setLanguage(page: Page, language: 'id' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.click('button.language');
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, language);
}

/** Email and password typed and sent with the keyboard alone. */
export async function typeCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.focus('input[name=email]');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** Opens the app and signs in with a password alone (a companion: no second factor), ready when `ready` shows. */
export async function signIn(page: Page, email: string, password: string, ready: string): Promise<void> {
  await page.goto('/');
  await typeCredentials(page, email, password);
  await page.waitForSelector(ready);
}

const lastStepUsed = new Map<string, number>();

/**
 * A TOTP code the server has not seen yet for this secret: it accepts one step either side of now
 * but never a step at or before the last one it accepted (the world's enrolment used the current
 * step), so each sign-in takes the next step, waiting when that lies beyond the window.
 */
export async function freshTotpCode(secret: string): Promise<string> {
  const currentStep = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(lastStepUsed.get(secret) ?? currentStep(), currentStep() - 1) + 1;
  while (step > currentStep() + 1) await new Promise((wait) => setTimeout(wait, 1_000));
  lastStepUsed.set(secret, step);
  return generateTotpCode({ secret, now: new Date(step * 30_000 + 1_000) });
}

/** Signs in a user of a role with a second factor (the world enrolled her TOTP), ready when `ready` shows. */
export async function signInWithCode(
  page: Page,
  user: { email: string; password: string; totpSecret?: string },
  ready: string,
): Promise<void> {
  await page.goto('/');
  await typeCredentials(page, user.email, user.password);
  await page.waitForSelector('input[name=code]');
  await page.fill('input[name=code]', await freshTotpCode(user.totpSecret!));
  await page.press('input[name=code]', 'Enter');
  await page.waitForSelector(ready);
}
