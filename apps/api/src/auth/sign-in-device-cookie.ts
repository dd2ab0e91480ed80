import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * The sign-in device cookie (SPEC §8). Scoped to the auth routes, out of reach of scripts and of
 * other sites; it lives a year and is renewed at each sign-in, and sign-out leaves it in place
 * (it proves only that this browser signed this user in before, never a session).
 */
export const SIGN_IN_DEVICE_COOKIE = 'sign_in_device';

export const SIGN_IN_DEVICE_COOKIE_OPTIONS: CookieSerializeOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  path: '/api/v1/auth',
  maxAge: 365 * 24 * 60 * 60,
};
