import { useLayoutEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import type { PackedRule } from '../api/views';
import { lockWhenHidden } from './hidden-lock';
import { finishLock, idleLimitChanged, idleTooLong, isLocked, lockNow, unlock, watchIdle } from './idle-lock';
import { PHONE_DB } from '../offline/phone-db-name';
import { keepFresh, renew, renewThrough, renewWhenOnline, stopRefreshing, withRefreshLock } from './refresh';
import { tokens } from './tokens';

export type Profile = components['schemas']['ProfileView'];
export type SessionTokens = components['schemas']['SessionTokens'];
export type ResetNotice = components['schemas']['ResetNoticeView'];

/**
 * Where the user is on the way in (SPEC §8, §11): each stage is one screen. A page starts by
 * resuming the session its cookie may hold, and shows no sign-in form until that is settled, so a
 * sign-in never races with it.
 */
export type Stage =
  | { kind: 'resuming' }
  | { kind: 'signed-out' }
  | { kind: 'locked' }
  | { kind: 'phone-locked' }
  | { kind: 'password-change' }
  | { kind: 'enrolment' }
  | { kind: 'recovery-codes'; codes: string[] }
  | { kind: 'reset-notice'; notice: ResetNotice; profile: Profile; rules: PackedRule[] }
  | { kind: 'signed-in'; profile: Profile; rules: PackedRule[]; offline?: true };

let stage: Stage = { kind: 'resuming' };
const listeners = new Set<(next: Stage) => void>();

function moveTo(next: Stage): void {
  stage = next;
  for (const listener of listeners) listener(next);
}

/**
 * The stage, re-rendering on every move. Subscribed as the component is drawn, not a frame later
 * (a frame never comes in a hidden tab), and caught up then: a resume that settled in between is
 * not missed.
 */
export function useStage(): Stage {
  const [current, setCurrent] = useState(stage);
  useLayoutEffect(() => {
    listeners.add(setCurrent);
    setCurrent(stage);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}

/** A session that can no longer be renewed starts again from a fresh page. */
const sessionLost = () => location.assign('/');

function hold(answer: SessionTokens): void {
  tokens.hold(answer);
  unlock();
  keepFresh(sessionLost);
  watchIdle();
}

/** After any answer that issues tokens: the next stage its flags ask for, else the signed-in frame. */
async function continueWith(answer: SessionTokens): Promise<void> {
  hold(answer);
  if (answer.passwordChange === 'required') return moveTo({ kind: 'password-change' });
  if (answer.mfa === 'enrollment_required') return moveTo({ kind: 'enrolment' });
  await enterFrame();
}

async function enterFrame(): Promise<void> {
  const [profile, abilities] = await Promise.all([
    answered(api.GET('/api/v1/me')),
    answered(api.GET('/api/v1/me/abilities')),
  ]);
  const { resetNotice, ...rest } = profile;
  const rules = abilities.rules as PackedRule[];
  moveTo(
    resetNotice
      ? { kind: 'reset-notice', notice: resetNotice, profile: rest, rules }
      : { kind: 'signed-in', profile, rules },
  );
}

/**
 * Whether this phone was set up for offline capture (SPEC §12): its store exists. Asked by name,
 * so that neither the store's code nor Argon2 loads on a browser that was never set up.
 */
async function phoneSetUpHere(): Promise<boolean> {
  const databases = await indexedDB.databases?.().catch(() => []);
  return (databases ?? []).some((database) => database.name === PHONE_DB);
}

/**
 * A loaded page (a reload, a new tab) goes on with the session of the refresh cookie, at whatever
 * stage it is; without one it asks to sign in. A browser locked, or left idle past the lock with
 * every tab closed, shows the lock page instead, and no session is left. A phone set up for
 * offline capture starts at its PIN lock: its session opens only with the PIN (or recovery).
 */
export async function resume(): Promise<void> {
  if (await phoneSetUpHere()) return moveTo({ kind: 'phone-locked' });
  if (isLocked()) {
    await finishLock();
    return moveTo({ kind: 'locked' });
  }
  try {
    const answer = await withRefreshLock(renew);
    tokens.hold(answer);
    if (await idleTooLong()) return await lockNow();
    await continueWith(answer);
  } catch {
    stopRefreshing();
    tokens.forget();
    moveTo({ kind: 'signed-out' });
  }
}

/**
 * From now on this page's session is bound to the phone `deviceId` (SPEC §12): no cookie, every
 * renewal through `phoneRenewal`. Entered at set-up with the answer of `POST /devices`, or at
 * unlock by renewing with the token the PIN unsealed. From then on it also locks when hidden. A
 * recovery that enrolled a second factor on the way shows its new `recoveryCodes` first.
 */
export interface BoundPhone {
  renewal(): Promise<SessionTokens>;
  lock(): void;
  /**
   * Taken before a route that issues tokens is called: seals the refresh token it answers (the only
   * copy kept), even should the page lock meanwhile.
   */
  sealer(): (refreshToken: string) => Promise<void>;
}

let boundPhone: BoundPhone | undefined;

function bindToPhone(deviceId: string, phone: BoundPhone): void {
  tokens.bindToPhone(deviceId);
  boundPhone = phone;
  renewThrough(phone.renewal);
  // A page set up as a phone was timing a browser's idle lock: the phone's shorter one applies now.
  idleLimitChanged();
}

export async function enterPhoneSession(
  deviceId: string,
  phone: BoundPhone,
  answer?: SessionTokens,
  recoveryCodes?: string[],
): Promise<void> {
  bindToPhone(deviceId, phone);
  const issued = answer ?? (await withRefreshLock(renew));
  if (recoveryCodes) {
    hold(issued);
    moveTo({ kind: 'recovery-codes', codes: recoveryCodes });
  } else await continueWith(issued);
  lockWhenHidden(phone.lock);
}

/**
 * A PIN unlock with no signal (SPEC §12): the frame opens with the profile and rules the phone
 * holds, and no access token, so nothing is asked of the API; the screens read the phone's store.
 * The session renews at the next `online` event (or retry) and goes on online in this page, with
 * `onOnline` run after the frame has its fresh profile and rules (the phone then syncs).
 */
export function enterPhoneOffline(
  deviceId: string,
  phone: BoundPhone,
  held: { profile: Profile; rules: PackedRule[] },
  onOnline: () => Promise<void>,
): void {
  bindToPhone(deviceId, phone);
  unlock();
  watchIdle();
  moveTo({ kind: 'signed-in', ...held, offline: true });
  lockWhenHidden(phone.lock);
  renewWhenOnline(async (answer) => {
    await continueWith(answer);
    await onOnline();
  }, sessionLost);
}

/**
 * A phone wiped (forgotten or revoked, here or in another tab): the session's token and its
 * renewal go at once, not with the page, and a fresh page starts from the password sign-in.
 */
export function phoneWiped(): void {
  stopRefreshing();
  tokens.forget();
  location.assign('/');
}

export interface Credentials {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export async function signIn(credentials: Credentials): Promise<void> {
  const login = () => answered(api.POST('/api/v1/auth/login', { body: credentials }));
  await continueWith(await withRefreshLock(login));
}

/**
 * A route that issues tokens, called from this page's session: in a browser as it is; on a phone
 * (SPEC §12) with the device id, under the refresh lock, and the new refresh token sealed before
 * the lock is released, so that the phone's family goes on with the token it holds.
 */
function issuing<Answer extends SessionTokens>(call: (deviceId?: string) => Promise<Answer>): Promise<Answer> {
  const deviceId = tokens.phone();
  const phone = boundPhone;
  if (!deviceId || !phone) return call();
  return withRefreshLock(async () => {
    const seal = phone.sealer();
    const answer = await call(deviceId);
    if (!answer.refreshToken) throw new Error('a phone-bound answer without its refresh token');
    await seal(answer.refreshToken);
    return answer;
  });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await continueWith(
    await issuing((deviceId) =>
      answered(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword, deviceId } })),
    ),
  );
}

export async function verifyTotp(code: string): Promise<void> {
  const answer = await issuing((deviceId) =>
    answered(api.POST('/api/v1/auth/totp/verify', { body: { code, deviceId } })),
  );
  hold(answer);
  moveTo({ kind: 'recovery-codes', codes: answer.recoveryCodes });
}

export const recoveryCodesKept = (): Promise<void> => enterFrame();

/** She has read that an administrator reset her password or second factor; the notice is closed on the server. */
export async function acknowledgeResetNotice(profile: Profile, rules: PackedRule[]): Promise<void> {
  await answered(api.POST('/api/v1/me/reset-notice/acknowledge'));
  moveTo({ kind: 'signed-in', profile, rules });
}

/**
 * Signing out of a phone (SPEC §12) sends its pending device reads while the session lives (a few
 * seconds at most), revokes it, which ends its session, then wipes its store; a phone the
 * revocation did not reach keeps its store, behind its PIN lock.
 */
async function signOutOfPhone(deviceId: string): Promise<void> {
  const { sendReadsBeforeWipe } = await import('../offline/device-reads');
  await sendReadsBeforeWipe();
  await answered(api.POST('/api/v1/devices/{id}/revoke', { params: { path: { id: deviceId } } }));
  const { PhoneVault } = await import('../offline/phone-vault');
  await (await PhoneVault.open(phoneWiped)).wipe();
}

/** Ends the session on the server; the page is then loaded anew so nothing of it stays in memory. */
export async function signOut(): Promise<void> {
  const phone = tokens.phone();
  try {
    if (phone) await signOutOfPhone(phone);
    else await withRefreshLock(() => api.POST('/api/v1/auth/logout', { body: {} }));
  } finally {
    stopRefreshing();
    tokens.forget();
    location.assign('/');
  }
}
