import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
// The API's list too: imported by its path, as the client has no @pendamping aliases.
import { NEVER_THE_APP } from '../../../libs/core/src/http/server-paths';

/**
 * The service worker (SPEC §12): the app shell and the companion's screens from the precache, so
 * the app opens with no network. It answers nothing else: a request no route below matches (every
 * `/api`, `/docs` and `/health` request) goes to the network as if there were no service worker,
 * so no API answer is ever kept. The build injects the list of files (vite.config.mts).
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// A new version takes over at once: its files are all in its precache before it activates, and the
// server no longer has the old version's files to give an old page anyway.
void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [...NEVER_THE_APP] }));
