import { dropKeysOnLock, lockNow } from './idle-lock';
import { stopRefreshing } from './refresh';
import { tokens } from './tokens';

/** SPEC §12: a phone-bound session locks after this long hidden, and at `freeze` or `pagehide`. */
const HIDDEN_MS = 60_000;

let hiddenAt: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let dropKeys: () => void = () => undefined;
let dropped = false;

/**
 * Timers of a hidden page may be throttled or stopped, so the time hidden is also measured by the
 * wall clock when the page shows again, before anything of it is seen.
 */
function onVisibility(): void {
  clearTimeout(timer);
  if (document.visibilityState === 'hidden') {
    hiddenAt = Date.now();
    timer = setTimeout(() => void lockNow(), HIDDEN_MS);
    return;
  }
  if (hiddenAt !== undefined && Date.now() - hiddenAt >= HIDDEN_MS) void lockNow();
  hiddenAt = undefined;
}

/**
 * A page frozen or put away (`pagehide`, which also precedes the back-forward cache) may never run
 * again, and cannot be relied on to load another page: DK and the access token are dropped at
 * once, and a page that comes back (`resume`, `pageshow`) leaves for the PIN lock.
 */
function dropNow(): void {
  if (dropped) return;
  dropped = true;
  clearTimeout(timer);
  stopRefreshing();
  tokens.forget();
  dropKeys();
}

function onReturn(): void {
  if (dropped) void lockNow();
}

/** Starts the phone's own locks once its session is open; `drop` forgets the store's key. */
export function lockWhenHidden(drop: () => void): void {
  dropKeys = drop;
  dropKeysOnLock(drop);
  document.addEventListener('visibilitychange', onVisibility);
  document.addEventListener('freeze', dropNow);
  document.addEventListener('resume', onReturn);
  addEventListener('pagehide', dropNow);
  addEventListener('pageshow', onReturn);
}
