/**
 * The offline window (SPEC §12): PIN unlock works until the session's absolute end (her last
 * password sign-in plus the absolute lifetime of her role), measured on the phone's own clock, and
 * not on a clock set back more than 5 minutes before the latest reading the phone made.
 *
 * Both times are kept in the `keys` store, outside DK: they must be read before a PIN is tried, and
 * they are readings of the phone's clock, nothing about a person or a case. A copy of the store
 * could edit them, but a copy is out of the window's reach anyway (SPEC §12 "The stated bound").
 */
export interface OfflineWindow {
  /** The session's end in phone time: the server's end minus the server's lead over the phone. */
  endsAt: number;
  /** The latest phone time seen at an unlock, a renewal or a sync. */
  latestClock: number;
  /** Why PIN unlock ended, kept so that the lock screen says so again after a reload; a new window clears it. */
  closed?: Exclude<WindowState, 'open'>;
}

export const CLOCK_SET_BACK_MS = 5 * 60_000;

export type WindowState = 'open' | 'closed' | 'clock-set-back';

/**
 * The window an online answer sets: `sessionEndsAt` is the server's, so it is moved by the server's
 * time minus the phone's at the answer (from its `Date` header, to the second; without one the
 * clocks are taken as equal). The latest reading never goes back.
 */
export function windowFrom(
  sessionEndsAt: string,
  serverDate: string | null,
  phoneNow: number,
  previous?: OfflineWindow,
): OfflineWindow {
  const serverNow = serverDate ? Date.parse(serverDate) : NaN;
  const serverLead = Number.isNaN(serverNow) ? 0 : serverNow - phoneNow;
  return {
    endsAt: Date.parse(sessionEndsAt) - serverLead,
    latestClock: Math.max(phoneNow, previous?.latestClock ?? phoneNow),
  };
}

/** A phone set up before the window was recorded has none yet: its first online renewal records it. */
export function windowState(window: OfflineWindow | undefined, phoneNow: number): WindowState {
  if (!window) return 'open';
  if (window.closed) return window.closed;
  if (phoneNow < window.latestClock - CLOCK_SET_BACK_MS) return 'clock-set-back';
  return phoneNow >= window.endsAt ? 'closed' : 'open';
}

export const clockRead = (window: OfflineWindow, phoneNow: number): OfflineWindow => ({
  ...window,
  latestClock: Math.max(window.latestClock, phoneNow),
});
