import { answeredWithTheClient, cacheControlFor } from './web-client';

describe('the web client served by the API', () => {
  it('answers history-mode paths with the app, but never the service worker, the manifest or the API', () => {
    for (const path of [
      '/',
      '/cases/abc',
      '/locked?next=%2F',
      '/account',
      '/sw.js/deeper',
      '/swjs',
      '/apis',
      '/healthy?x',
    ])
      expect({ path, client: answeredWithTheClient(path) }).toEqual({ path, client: true });
    for (const path of [
      '/sw.js',
      '/sw.js?v=2',
      '/manifest.webmanifest',
      '/icon.svg',
      '/api/v1/me',
      '/api?x',
      '/api',
      '/health?x=1',
      '/docs?x',
      '/docs',
      '/docs-json',
      '/health/ready',
      '/assets/missing.js',
    ])
      expect({ path, client: answeredWithTheClient(path) }).toEqual({ path, client: false });
  });

  it('keeps no API answer, revalidates the service worker and manifest, and keeps hashed assets for good', () => {
    expect(cacheControlFor('/api/v1/cases')).toBe('no-store');
    expect(cacheControlFor('/')).toBe('no-store');
    expect(cacheControlFor('/api/v1/cases?x=/sw.js')).toBe('no-store');
    expect(cacheControlFor('/sw.js')).toBe('no-cache');
    expect(cacheControlFor('/manifest.webmanifest')).toBe('no-cache');
    expect(cacheControlFor('/assets/index-abc.js')).toBeUndefined();
  });
});
