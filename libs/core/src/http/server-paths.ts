/**
 * The paths the server answers itself and never with the app's page (SPEC §11, §12), one list for
 * both sides that must agree on it: the API's history-mode fallback (apps/api/src/web-client.ts)
 * and the service worker's navigation fallback (apps/web/src/sw.ts), which imports this file by its
 * path. It imports nothing, so both builds can take it as it is.
 */

/** Files of the client under a name that never changes: a browser must ask again each time whether they did. */
export const REVALIDATED_FILES = /^\/(sw\.js|manifest\.webmanifest|icon\.svg)(\?|$)/;

/**
 * The API, its documentation (`/docs`, `/docs-json`), health, the assets (a missing one stays
 * missing), and the service worker and manifest. A prefix ends at a slash, a query string, a dash
 * or the end: `/api?x` is the API's, `/apis` is a path of the app.
 */
export const NEVER_THE_APP: readonly RegExp[] = [/^\/(api|docs|health|assets)([/?-]|$)/, REVALIDATED_FILES];

/** Whether a path (with its query string) is one of the app's pages. */
export const isThePage = (pathAndQuery: string) => !NEVER_THE_APP.some((path) => path.test(pathAndQuery));
