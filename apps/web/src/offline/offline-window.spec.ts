import { CLOCK_SET_BACK_MS, clockRead, windowFrom, windowState } from './offline-window';

const SERVER_NOW = Date.parse('2026-12-06T10:00:00Z');
const ENDS = '2026-12-13T10:00:00.000Z';

describe('the offline window', () => {
  it('moves the server’s end into phone time by the server’s lead', () => {
    const behind = SERVER_NOW - 120_000;
    const window = windowFrom(ENDS, new Date(SERVER_NOW).toUTCString(), behind);
    expect(window.endsAt).toBe(Date.parse(ENDS) - 120_000);
    expect(window.latestClock).toBe(behind);
  });

  it('takes the clocks as equal without a Date header, and never moves the latest reading back', () => {
    const window = windowFrom(ENDS, null, SERVER_NOW, { endsAt: 0, latestClock: SERVER_NOW + 1000 });
    expect(window).toEqual({ endsAt: Date.parse(ENDS), latestClock: SERVER_NOW + 1000 });
    expect(clockRead(window, SERVER_NOW).latestClock).toBe(SERVER_NOW + 1000);
    expect(clockRead(window, SERVER_NOW + 5000).latestClock).toBe(SERVER_NOW + 5000);
  });

  it('is open before its end, closed at it, and closed for a clock set back more than 5 minutes', () => {
    const window = { endsAt: Date.parse(ENDS), latestClock: SERVER_NOW };
    expect(windowState(window, SERVER_NOW + 1000)).toBe('open');
    expect(windowState(window, SERVER_NOW - CLOCK_SET_BACK_MS)).toBe('open');
    expect(windowState(window, SERVER_NOW - CLOCK_SET_BACK_MS - 1)).toBe('clock-set-back');
    expect(windowState(window, Date.parse(ENDS))).toBe('closed');
    expect(windowState(undefined, SERVER_NOW)).toBe('open');
  });
});
