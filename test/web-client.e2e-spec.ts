import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { problemType } from '@pendamping/core';
import { WEB_ROOT } from '@pendamping/api/web-client';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';

/** The web client served by the API on its own origin (SPEC §11); needs the built client (`npm run build:web`). */
describe('the web client at /', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  const script = readdirSync(join(WEB_ROOT, 'assets')).find((file) => /^index-.*\.js$/.test(file));

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const expectClientHeaders = (headers: Record<string, string>) => {
    expect(headers['content-security-policy']).toBe(
      "default-src 'self';script-src 'self' 'wasm-unsafe-eval';style-src 'self';img-src 'self' data: blob:;" +
        "connect-src 'self';worker-src 'self';manifest-src 'self';frame-ancestors 'none';base-uri 'none';object-src 'none';form-action 'self'",
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
  };

  it('serves the app at / with the strict policy and no inline script', async () => {
    const response = await api.http().get('/').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expectClientHeaders(response.headers);
    expect(response.text).toContain('<div id="app"></div>');
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.text).not.toMatch(/<style|style=/);
  });

  it('falls back to index.html for a history-mode path outside the API', async () => {
    const response = await api.http().get('/cases/some/deep/path').expect(200);
    expect(response.text).toContain('<div id="app"></div>');
    expect(response.headers['cache-control']).toBe('no-store');
    expectClientHeaders(response.headers);
  });

  it('still answers an unknown API route with a JSON problem 404, not the app', async () => {
    const response = await api.http().get('/api/v1/nope').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: problemType('not-found'), status: 404 });
  });

  it('never falls back under /api, /health, /docs or for a missing asset, a query string straight after the prefix included', async () => {
    for (const path of ['/health/nope', '/docs-nope', '/docs/nope/deeper', '/assets/missing.js', '/api?x', '/health?x'])
      expect({ path, status: (await api.http().get(path)).status }).toEqual({ path, status: 404 });
  });

  it('serves built assets precompressed (brotli, gzip), cached for good since their names carry their hash', async () => {
    const brotli = await api.http().get(`/assets/${script}`).set('accept-encoding', 'br, gzip').expect(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toMatch(/immutable/);
    const gzip = await api.http().get(`/assets/${script}`).set('accept-encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/javascript/);
  });

  it('serves the service worker as a script revalidated on every visit, under the policy that lets it run', async () => {
    const response = await api.http().get('/sw.js').set('accept-encoding', 'identity').expect(200);
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectClientHeaders(response.headers);
    expect(response.text).toContain('index.html');
    expect(response.text).not.toContain('<div id="app">');
  });

  it('serves the web app manifest as such, revalidated, with a same-origin icon', async () => {
    const response = await api.http().get('/manifest.webmanifest').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectClientHeaders(response.headers);
    const manifest = JSON.parse(response.text) as { start_url: string; icons: { src: string; type: string }[] };
    expect(manifest.start_url).toBe('/');
    for (const icon of manifest.icons) {
      expect(icon.src).toMatch(/^\/[^/]/);
      const served = await api.http().get(icon.src).expect(200);
      expect(served.headers['content-type']).toMatch(new RegExp(`^${icon.type.replace('+', '\\+')}`));
    }
  });

  it('gives /docs the policy its UI needs, still refusing frames', async () => {
    const response = await api.http().get('/docs').expect(200);
    expect(response.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('keeps API answers uncacheable and under the same headers', async () => {
    const response = await api.http().get('/api/v1/me').expect(401);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
