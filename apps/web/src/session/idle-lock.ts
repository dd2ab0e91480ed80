import { render } from 'preact';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { renew, stopRefreshing, withRefreshLock } from './refresh';
import { tokens } from './tokens';

/**
 * The idle lock of SPEC §11. Idle time is measured across the browser's tabs: each tab writes the
 * time of the user's last input under `ACTIVITY` (a time, nothing identifying), and a tab locks
 * when no tab has seen any input for `WEB_IDLE_LOCK_MINUTES`. Locking marks the browser locked
 * under `LOCKED`, which sends every other tab to the lock page too (the `storage` event), ends the
 * session on the server without Clear-Site-Data, and loads a fresh lock page: nothing of the
 * session stays in memory, and the marker keeps any page of this browser on the lock page until
 * someone signs in again.
 */
const ACTIVITY = 'pendamping.activity';
const LOCKED = 'pendamping.locked';
export const LOCK_PATH = '/locked';
const INPUTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** Input is written at most this often: enough for a lock measured in minutes. */
const WRITE_EVERY_MS = 5_000;
const DEFAULT_IDLE_MINUTES = 15;
/** A phone holding an offline store locks sooner, whatever the browser setting (SPEC §12). */
const PHONE_IDLE_MS = 5 * 60_000;

let idleMs = DEFAULT_IDLE_MINUTES * 60_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let watching = false;
let locking = false;
let lastWritten = 0;
let dropPhoneKeys: () => void = () => undefined;

function noteInput(): void {
  const now = Date.now();
  if (now - lastWritten < WRITE_EVERY_MS) return;
  lastWritten = now;
  localStorage.setItem(ACTIVITY, String(now));
}

function checkIdle(): void {
  clearTimeout(timer);
  const remaining = (Number(localStorage.getItem(ACTIVITY)) || Date.now()) + allowedIdleMs() - Date.now();
  if (remaining <= 0) void lockNow();
  else timer = setTimeout(checkIdle, remaining);
}

function onStorage(event: StorageEvent): void {
  if (event.key === LOCKED && event.newValue && !locking) leaveForLockPage();
}

const allowedIdleMs = (): number => (tokens.phone() ? Math.min(idleMs, PHONE_IDLE_MS) : idleMs);

let settings: Promise<void> | undefined;

/** `WEB_IDLE_LOCK_MINUTES`, asked once a session is held; the default stands in should the answer fail. */
function loadIdleTime(): Promise<void> {
  settings ??= answered(api.GET('/api/v1/client-settings')).then(
    (answer) => void (idleMs = answer.idleLockMinutes * 60_000),
    () => undefined,
  );
  return settings;
}

/**
 * Whether the browser was left idle longer than the lock allows before this page was loaded: all
 * its tabs were closed, or the phone slept, with the session open. Asked with the resumed session
 * before anything of it shows.
 */
export async function idleTooLong(): Promise<boolean> {
  await loadIdleTime();
  const last = Number(localStorage.getItem(ACTIVITY));
  return last > 0 && Date.now() - last >= allowedIdleMs();
}

/** Starts measuring idle time once a session is held, whatever its stage (a password change, an enrolment). */
export function watchIdle(): void {
  if (watching) return;
  watching = true;
  lastWritten = 0;
  noteInput();
  for (const input of INPUTS) addEventListener(input, noteInput, { passive: true, capture: true });
  addEventListener('storage', onStorage);
  checkIdle();
  void loadIdleTime().then(checkIdle);
}

/** The idle time allowed changed (the session is now bound to a phone): the next check is timed anew. */
export function idleLimitChanged(): void {
  if (watching) checkIdle();
}

/** Where the lock page sends the user back after she signs in: the path only, which names no one. */
function lockAddress(): string {
  const from = location.pathname === LOCK_PATH ? nextPath() : location.pathname;
  return `${LOCK_PATH}?next=${encodeURIComponent(from)}`;
}

function leaveForLockPage(): void {
  clearTimeout(timer);
  stopRefreshing();
  tokens.forget();
  location.replace(lockAddress());
}

/** A phone's locks drop the store's key with `drop` (the phone's session sets it once it opens). */
export function dropKeysOnLock(drop: () => void): void {
  dropPhoneKeys = drop;
}

/**
 * What a phone's lock drops before it waits for anything: DK, the access token, and the screens
 * with every decrypted value they show. A renewal in flight keeps DK through its own handle
 * (`refreshTokenHandle`) until its rotated token is sealed.
 */
function dropPhoneSession(): void {
  clearTimeout(timer);
  stopRefreshing();
  tokens.forget();
  dropPhoneKeys();
  const root = document.getElementById('app');
  if (root) render(null, root);
}

/**
 * The first tab to find the browser idle ends the session; the others only leave for the lock page.
 * A phone-bound session (SPEC §12) is not ended: the fresh page drops DK, the access token and
 * every decrypted value, and shows the PIN lock, which opens the same session again.
 */
export async function lockNow(): Promise<void> {
  if (tokens.phone()) {
    // Nothing is left open while a renewal hangs on a weak signal: all is dropped first.
    dropPhoneSession();
    // A renewal in flight has rotated the token on the server: leaving before it is sealed would
    // keep the old one, whose reuse ends the phone's family (SPEC §12: a lock completes only after).
    await withRefreshLock(async () => undefined).catch(() => undefined);
    return leaveForLockPage();
  }
  if (locking) return;
  if (isLocked()) return leaveForLockPage();
  locking = true;
  localStorage.setItem(LOCKED, String(Date.now()));
  clearTimeout(timer);
  stopRefreshing();
  // Should the sign-out not reach the server, the lock page ends the session (finishLock).
  await withRefreshLock(() => api.POST('/api/v1/auth/logout', { body: { lock: true } })).catch(() => undefined);
  leaveForLockPage();
}

export const isLocked = (): boolean => localStorage.getItem(LOCKED) !== null;

/**
 * On the lock page: ends on the server whatever session the cookie still opens (the locking tab's
 * sign-out may not have reached the server), then forgets it. A missing or ended cookie is a 401
 * here, and nothing is left to end.
 */
export async function finishLock(): Promise<void> {
  if (location.pathname !== LOCK_PATH) history.replaceState(null, '', lockAddress());
  try {
    await withRefreshLock(async () => {
      tokens.hold(await renew());
      await api.POST('/api/v1/auth/logout', { body: { lock: true } });
    });
  } catch {
    // Nothing opens a session any more.
  } finally {
    tokens.forget();
  }
  addEventListener('storage', (event) => {
    // Another tab unlocked: a fresh page resumes her session from the cookie.
    if (event.key === LOCKED && event.newValue === null) location.replace(nextPath());
  });
}

/** Someone signed in on this browser: every page may hold a session again. */
export function unlock(): void {
  localStorage.removeItem(LOCKED);
  if (location.pathname === LOCK_PATH) history.replaceState(null, '', nextPath());
}

/** The path the lock page was left from, when it is one of this app's paths. */
function nextPath(): string {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  return /^\/(?!\/)[\w\-/]*$/.test(next) && next !== LOCK_PATH ? next : '/';
}
