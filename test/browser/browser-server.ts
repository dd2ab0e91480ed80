import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENDPOINT = 'PENDAMPING_BROWSER_WS';
const holder = globalThis as { pendampingBrowserServer?: BrowserServer };

/**
 * One Chromium for the run (the suites share the CI budget): launched by the browser project's
 * global setup, its endpoint handed to the test workers through the environment they inherit.
 */
export async function launchBrowserServer(): Promise<void> {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  holder.pendampingBrowserServer = server;
  process.env[ENDPOINT] = server.wsEndpoint();
}

export async function closeBrowserServer(): Promise<void> {
  await holder.pendampingBrowserServer?.close();
}

/** The run's one browser, for a suite in a test worker. */
export function connectBrowser(): Promise<Browser> {
  const endpoint = process.env[ENDPOINT];
  if (!endpoint) throw new Error(`${ENDPOINT} is not set: the browser project's global setup did not run`);
  return chromium.connect(endpoint);
}
