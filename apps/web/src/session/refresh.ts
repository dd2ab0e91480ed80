import { api } from '../api/client';
import { answered, NetworkFailure } from '../api/problem';
import type { components } from '../api/schema';
import { tokens } from './tokens';

/** Renew this long before the access token's `exp`, so no request goes out with an expired one. */
const AHEAD_MS = 60_000;
const LOCK = 'pendamping-refresh';
/** A phone with no signal tries again this often, and at once when the browser says it is back online. */
export const RETRY_OFFLINE_MS = 30_000;

let timer: ReturnType<typeof setTimeout> | undefined;
/**
 * Raised by every `stopRefreshing`: a renewal that answers after it (one in flight when a phone was
 * frozen or put away) still seals its rotated token, but neither holds the access token nor
 * schedules the next renewal.
 */
let generation = 0;

/**
 * Runs `work` while no other tab of this browser touches the refresh cookie: a renewal, the resume
 * of a loaded page, a sign-in and a sign-out each rotate or end it, and two at once would leave a
 * tab holding a cookie the server has already replaced (SPEC §11: single-flight across tabs).
 */
export function withRefreshLock<Result>(work: () => Promise<Result>): Promise<Result> {
  return navigator.locks ? navigator.locks.request(LOCK, work) : work();
}

type SessionTokens = components['schemas']['SessionTokens'];

/** A new access token from the refresh cookie (the body stays empty: the token is the cookie's). */
const fromCookie = () => answered(api.POST('/api/v1/auth/refresh', { body: {} }));
let renewal: () => Promise<SessionTokens> = fromCookie;

/** Renews the session: from the cookie in a browser, from the phone's sealed store once bound to it. */
export const renew = (): Promise<SessionTokens> => renewal();

/**
 * From now on this page's session renews through the phone (SPEC §12): the phone's renewal reads
 * its sealed refresh token and seals the next one before it returns, so the refresh lock is held
 * until the rotated token is safely stored.
 */
export function renewThrough(phoneRenewal: () => Promise<SessionTokens>): void {
  renewal = phoneRenewal;
}

/**
 * How long the access token just received lives, from its own `iat` and `exp`: measured against
 * this device's clock, a clock running minutes ahead of the server's would renew at once, again
 * and again. The token is the server's, read only to know when to renew it.
 */
function lifetimeOf(accessToken: string): number | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown; iat?: unknown };
  return typeof claims.exp === 'number' && typeof claims.iat === 'number'
    ? (claims.exp - claims.iat) * 1000
    : undefined;
}

async function refreshNow(onLost: () => void): Promise<void> {
  const started = generation;
  try {
    const answer = await withRefreshLock(renew);
    if (started !== generation) return;
    tokens.hold(answer);
    keepFresh(onLost);
  } catch (error) {
    if (started !== generation) return;
    // No signal ends nothing on a phone (SPEC §12): its session goes on offline until it renews.
    if (tokens.phone() && error instanceof NetworkFailure) renewWhenOnline(() => keepFresh(onLost), onLost);
    else onLost();
  }
}

let stopWaiting: (() => void) | undefined;

/**
 * A phone-bound session without signal renews at the next `online` event or every
 * `RETRY_OFFLINE_MS`, whichever comes first, until a renewal answers: `onRenewed` then goes on
 * with its token. Another network failure waits again; any other refusal (a `401`, the phone
 * revoked) is `onLost`'s.
 */
export function renewWhenOnline(onRenewed: (answer: SessionTokens) => void | Promise<void>, onLost: () => void): void {
  stopWaiting?.();
  const attempt = () => {
    stopWaiting?.();
    const started = generation;
    withRefreshLock(renew)
      .then(async (answer) => {
        if (started !== generation) return;
        tokens.hold(answer);
        await onRenewed(answer);
      })
      .catch((error: unknown) => {
        if (started !== generation) return;
        if (error instanceof NetworkFailure) renewWhenOnline(onRenewed, onLost);
        else onLost();
      });
  };
  const retry = setTimeout(attempt, RETRY_OFFLINE_MS);
  addEventListener('online', attempt);
  stopWaiting = () => {
    clearTimeout(retry);
    removeEventListener('online', attempt);
    stopWaiting = undefined;
  };
}

/** Schedules the renewal of the access token held now; `onLost` runs when the session cannot be renewed. */
export function keepFresh(onLost: () => void): void {
  clearTimeout(timer);
  const access = tokens.access();
  const lifetime = access ? lifetimeOf(access) : undefined;
  if (lifetime === undefined) return;
  timer = setTimeout(() => void refreshNow(onLost), Math.max(lifetime - AHEAD_MS, 0));
}

export function stopRefreshing(): void {
  generation += 1;
  clearTimeout(timer);
  stopWaiting?.();
}
