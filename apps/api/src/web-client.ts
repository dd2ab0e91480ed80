import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { isThePage, REVALIDATED_FILES } from '@pendamping/core/http/server-paths';

/** The built client: dist/web beside dist/apps when running built, the same folder when running from sources. */
const ROOT = resolve(__dirname, '..', '..', '..');
export const WEB_ROOT = join(basename(ROOT) === 'dist' ? ROOT : join(ROOT, 'dist'), 'web');

/** Content-hashed by the build: a file's name changes with its content, so a phone fetches each only once. */
const HASHED_ASSETS = /^\/assets\//;

const shared = {
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
};

/** The client's policy: nothing inline, nothing from another origin; WebAssembly for the offline store's Argon2 (§12). */
const CLIENT_POLICY: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      // The service worker (sw.js) and the web app manifest, both from this origin only (SPEC §12).
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      ...shared,
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
};

/** Swagger UI writes an inline style sheet and data: images; it loads only its own files. */
const DOCS_POLICY: HelmetOptions = {
  ...CLIENT_POLICY,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      ...shared,
    },
  },
};

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';

/**
 * Whether a GET that matches no file answers index.html (a history-mode path of the app); the
 * paths that never do are the service worker's too (@pendamping/core/http/server-paths).
 */
export const answeredWithTheClient = isThePage;

/**
 * The Cache-Control of an answer: every API answer may carry case content or a token, so no browser
 * or proxy may keep it; the client's content-hashed files hold no data and are kept for good
 * (undefined: the static files' own header); the service worker script and the manifest may be
 * kept but are asked for again each time, so a new version reaches the phone at its next visit.
 */
export function cacheControlFor(url: string): string | undefined {
  if (HASHED_ASSETS.test(url)) return undefined;
  return REVALIDATED_FILES.test(url) ? 'no-cache' : 'no-store';
}

/**
 * Security headers on every answer, and the web client at `/` with history-mode fallback: any
 * other GET outside the API, the docs, health, the assets and the service worker and manifest answers
 * index.html, precompressed when asked.
 */
export async function registerWebClient(fastify: FastifyInstance): Promise<void> {
  // Built once: @fastify/helmet builds helmet's middleware (and parses the policy) again on every request.
  const clientHeaders = helmet(CLIENT_POLICY);
  const docsHeaders = helmet(DOCS_POLICY);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    (request.url.startsWith('/docs') ? docsHeaders : clientHeaders)(request.raw, reply.raw, () => done());
  });
  if (!existsSync(join(WEB_ROOT, 'index.html'))) return;
  await fastify.register(fastifyStatic, {
    root: WEB_ROOT,
    wildcard: false,
    preCompressed: true,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  fastify.get('/*', (request, reply) => {
    if (!answeredWithTheClient(request.url)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
