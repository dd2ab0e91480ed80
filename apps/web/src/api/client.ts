import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { tokens } from '../session/tokens';

/**
 * The one client of the API, typed by the OpenAPI document. Every request carries the access
 * token held in memory and asks for the refresh token as an HttpOnly cookie (SPEC §11); a server
 * that does not know that transport answers it in the body, which is then held in memory too.
 */
const authorise: Middleware = {
  onRequest({ request }) {
    request.headers.set('X-Session-Transport', 'cookie');
    const access = tokens.access();
    if (access) request.headers.set('Authorization', `Bearer ${access}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(authorise);
