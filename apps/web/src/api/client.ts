import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { tokens } from '../session/tokens';

/**
 * The one client of the API, typed by the OpenAPI document. Every request carries the access
 * token held in memory and, in a browser, asks for the refresh token as an HttpOnly cookie (SPEC
 * §11). A phone-bound session (SPEC §12) asks for no cookie: the server refuses a device id sent
 * with the cookie transport, and answers the phone's refresh token in the body.
 */
const authorise: Middleware = {
  onRequest({ request }) {
    if (!tokens.phone()) request.headers.set('X-Session-Transport', 'cookie');
    const access = tokens.access();
    if (access) request.headers.set('Authorization', `Bearer ${access}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(authorise);
