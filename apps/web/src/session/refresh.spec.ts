import { keepFresh, renewThrough, stopRefreshing } from './refresh';
import { tokens } from './tokens';

jest.mock('../api/client', () => ({ api: {} }));

/** An access token the renewal timer can read: issued now, living 61 seconds, so renewed after 1. */
function accessToken(name: string): string {
  const payload = Buffer.from(JSON.stringify({ iat: 1_000, exp: 1_061, name })).toString('base64url');
  return `header.${payload}.signature`;
}

/** Lets the promises of a renewal that just answered run their course. */
const settle = () =>
  new Promise<void>((done) => jest.requireActual<typeof import('timers')>('timers').setImmediate(done));

describe('a drop of the session while a renewal is in flight', () => {
  beforeAll(() => {
    // A phone's page without Web Locks runs the renewal directly; the order is what is tested here.
    Object.assign(globalThis, { navigator: {} });
  });
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => {
    stopRefreshing();
    tokens.forget();
    jest.useRealTimers();
  });

  it('wins: the renewal that answers after it neither holds its access token nor schedules the next', async () => {
    let answer: (tokens: { accessToken: string }) => void = () => undefined;
    const renewal = jest.fn(() => new Promise<{ accessToken: string }>((resolve) => (answer = resolve)));
    renewThrough(renewal as never);
    tokens.hold({ accessToken: accessToken('first') });
    const onLost = jest.fn();
    keepFresh(onLost);

    jest.advanceTimersByTime(1_000);
    expect(renewal).toHaveBeenCalledTimes(1);
    stopRefreshing();
    tokens.forget();
    answer({ accessToken: accessToken('renewed after the drop') });
    await settle();

    expect(tokens.access()).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
    expect(onLost).not.toHaveBeenCalled();
  });

  it('a renewal with no drop holds its token and schedules the next', async () => {
    let answer: (tokens: { accessToken: string }) => void = () => undefined;
    renewThrough((() => new Promise((resolve) => (answer = resolve))) as never);
    tokens.hold({ accessToken: accessToken('first') });
    keepFresh(jest.fn());

    jest.advanceTimersByTime(1_000);
    answer({ accessToken: accessToken('renewed') });
    await settle();

    expect(tokens.access()).toBe(accessToken('renewed'));
    expect(jest.getTimerCount()).toBe(1);
  });
});
