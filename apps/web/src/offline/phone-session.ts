import { api } from '../api/client';
import { type Answer, ApiProblem, answered, NetworkFailure } from '../api/problem';
import {
  type Credentials,
  enterPhoneOffline,
  enterPhoneSession,
  phoneWiped,
  type SessionTokens,
} from '../session/session';
import { stopRefreshing } from '../session/refresh';
import { tokens } from '../session/tokens';
import { sendReadsOfRevokedPhone } from './device-reads';
import { clockRead, windowFrom, windowState, type WindowState } from './offline-window';
import { vaultOpened } from './open-vault';
import { heldProfile } from './phone-store';
import { SYNC_MINUTES, syncPhone } from './phone-sync';
import { PendingPhone, PhoneVault } from './phone-vault';

/** An answer that issues the phone's tokens, with the server's clock of its `Date` header. */
async function issued<Data extends SessionTokens>(
  call: Promise<Answer<Data>>,
): Promise<{ data: Data; serverDate: string | null }> {
  let serverDate: string | null = null;
  const data = await answered(
    call.then((answer) => {
      serverDate = answer.response.headers.get('date');
      return answer;
    }),
  );
  return { data, serverDate };
}

/** Every online answer that issues tokens moves the offline window to the session's end (SPEC §12). */
async function recordWindow(vault: PhoneVault, issuedNow: { data: SessionTokens; serverDate: string | null }) {
  const { data, serverDate } = issuedNow;
  await vault.keepOfflineWindow(windowFrom(data.sessionEndsAt, serverDate, Date.now(), await vault.offlineWindow()));
}

/** The latest reading of the phone's clock, at each unlock and sync: a clock set back later shows. */
async function readClock(vault: PhoneVault): Promise<void> {
  const window = await vault.offlineWindow();
  if (window) await vault.keepOfflineWindow(clockRead(window, Date.now()));
}

/**
 * Asked before a PIN is tried: a closed window, or a clock set back more than 5 minutes, ends PIN
 * unlock (the PIN copy of DK is deleted), and the reason is kept for the lock screen; an online
 * password sign-in recovers the phone.
 */
export async function closeWindowIfDue(vault: PhoneVault): Promise<WindowState> {
  const window = await vault.offlineWindow();
  const state = windowState(window, Date.now());
  if (state === 'open' || !window) return 'open';
  await vault.keepOfflineWindow({ ...window, closed: state });
  await vault.endPinUnlock();
  return state;
}

/**
 * A renewal the network swallows is given up after this long, as the outbox's sends are, and
 * waits for the signal as after a network error: meanwhile it holds the refresh lock, which every
 * tab's lock and renewal waits for.
 */
const RENEWAL_TIMEOUT_MS = 30_000;

/**
 * The renewal of a phone-bound session (SPEC §12): the refresh token is unsealed from the store,
 * sent with the device id in the body, and the rotated one sealed before the renewal returns, so
 * the refresh lock it runs under is released only once the new token is safely stored. Both go
 * through a handle taken at the renewal's start, which holds DK until the rotated token is sealed:
 * a lock meanwhile (`freeze`, `pagehide` drop DK at once) cannot leave the server's new token
 * unsealed and the old one to be presented again, a reuse that ends the family. A refresh answered
 * `device-revoked` sends the pending device reads with the token it presented, before the caller
 * wipes the store (at unlock at once; later through the lock screen's status, after a new page).
 */
function phone(vault: PhoneVault, deviceId: string) {
  return {
    renewal: async (): Promise<SessionTokens> => {
      const held = vault.refreshTokenHandle();
      const refreshToken = await held.refreshToken();
      const renewed = await issued(
        api.POST('/api/v1/auth/refresh', {
          body: { deviceId, refreshToken },
          signal: AbortSignal.timeout(RENEWAL_TIMEOUT_MS),
        }),
      ).catch(async (error: unknown) => {
        if (error instanceof ApiProblem && error.kind === 'device-revoked' && refreshToken)
          await sendReadsOfRevokedPhone(vault, deviceId, refreshToken);
        throw error;
      });
      if (renewed.data.refreshToken) await held.holdRefreshToken(renewed.data.refreshToken);
      await recordWindow(vault, renewed);
      return renewed.data;
    },
    lock: () => vault.lock(),
    sealer: () => {
      const held = vault.refreshTokenHandle();
      return (refreshToken: string) => held.holdRefreshToken(refreshToken);
    },
  };
}

/** A resume that failed part-way leaves nothing behind the lock screen that reads a record or opens a session. */
function dropWhatWasOpened(vault: PhoneVault): void {
  stopRefreshing();
  tokens.forget();
  vault.lock();
}

/**
 * The store is open in this page: the outbox delivers from now on (SPEC §12: at her next online
 * sign-in the phone delivers its outbox), whatever screen comes first. The frame's outbox line
 * starts it too, but a reset's notice stands before the frame until she has read it.
 */
async function opened(vault: PhoneVault): Promise<void> {
  vaultOpened(vault);
  const { startDelivery } = await import('./outbox-delivery');
  startDelivery();
}

/**
 * Syncs now and every `SYNC_MINUTES` while the page holds a token (SPEC §12 "Sync"). No signal
 * waits for the next turn; rules that no longer give offline work (a role changed) wipe the
 * phone once its outbox is delivered (`role-wipe.ts`).
 */
function keepSynced(vault: PhoneVault): void {
  const once = async () => {
    if (!tokens.access() || !vault.unlocked) return;
    const outcome = await syncPhone(vault).catch(() => 'failed' as const);
    if (outcome === 'not-offline-role') {
      const { wipeOnceDelivered } = await import('./role-wipe');
      return wipeOnceDelivered(vault);
    }
    await readClock(vault);
  };
  void once();
  setInterval(() => void once(), SYNC_MINUTES * 60_000);
}

/**
 * "Use this phone offline": DK and the sealing pair made here, the phone registered
 * (`POST /devices`, which ends the browser's cookie session), DK stored wrapped by the PIN key and
 * by W, the refresh token sealed; the page then goes on in the phone-bound session. A store left
 * half-made by a failure after registration is wiped: the PIN never opens it, and the registered
 * phone can be revoked from the phones list.
 */
export async function setUpThisPhone(label: string, pin: string): Promise<void> {
  const pending = await PendingPhone.create();
  const { deviceId, sealingPublicKey } = pending;
  const registered = await issued(api.POST('/api/v1/devices', { body: { deviceId, label, sealingPublicKey } }));
  const keys = registered.data;
  const vault = await PhoneVault.open(phoneWiped);
  try {
    await vault.setUp(pending, pin, keys.wrappingKey);
    if (!keys.refreshToken) throw new Error('POST /devices answered no refresh token');
    await vault.holdRefreshToken(keys.refreshToken);
    await recordWindow(vault, registered);
  } catch (error) {
    await vault.wipe();
    throw error;
  }
  await enterPhoneSession(deviceId, phone(vault, deviceId), keys);
  await opened(vault);
  keepSynced(vault);
}

/**
 * Opens a phone session by `opening`; should it fail, nothing it opened stays behind the lock, and
 * a phone revoked meanwhile (`device-revoked`) is wiped.
 */
async function openOrWipe(vault: PhoneVault, opening: () => Promise<void>): Promise<'resumed' | 'revoked'> {
  try {
    await opening();
    await opened(vault);
    return 'resumed';
  } catch (error) {
    dropWhatWasOpened(vault);
    if (!(error instanceof ApiProblem && error.kind === 'device-revoked')) throw error;
    await vault.wipe();
    return 'revoked';
  }
}

/**
 * Opens the session the PIN unsealed; a phone revoked meanwhile is wiped (`device-revoked`). With
 * no signal (the API unreachable) the frame opens offline from what the last sync stored, and goes
 * online in this page once a renewal answers; a phone that never synced has nothing to show
 * offline, so its unlock fails as before.
 */
export async function resumeWithVault(vault: PhoneVault, deviceId: string): Promise<'resumed' | 'revoked'> {
  await readClock(vault);
  const bound = phone(vault, deviceId);
  return openOrWipe(vault, async () => {
    try {
      await enterPhoneSession(deviceId, bound);
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error;
      stopRefreshing();
      tokens.forget();
      const held = await heldProfile(vault);
      if (!held) throw error;
      enterPhoneOffline(deviceId, bound, held, async () => {
        // What she made offline goes before the sync (SPEC §12): the outbox's own `online` came before the token.
        const { deliverNow } = await import('./outbox-delivery');
        await deliverNow(true).catch(() => undefined);
        keepSynced(vault);
      });
      return;
    }
    keepSynced(vault);
  });
}

/** What the recovery asks next (SPEC §8, §12): a temporary password is replaced, then a second factor enrolled, then W. */
export type RecoveryStep = 'password-change' | 'enrolment' | 'wrapping-key';

/**
 * Holds the access token of an answer of the recovery's phone-bound session and says what comes
 * next. No refresh token is kept before DK is had: the wrapping-key answer starts the family the
 * phone keeps, and ends this one.
 */
function heldForRecovery(answer: SessionTokens): RecoveryStep {
  tokens.hold(answer);
  if (answer.passwordChange === 'required') return 'password-change';
  if (answer.mfa === 'enrollment_required') return 'enrolment';
  return 'wrapping-key';
}

/** A step of the recovery; a phone revoked meanwhile (`device-revoked`) is wiped, any other failure leaves the step to be tried again. */
async function recoveryStep<Next>(vault: PhoneVault, step: () => Promise<Next>): Promise<Next | 'revoked'> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ApiProblem && error.kind === 'device-revoked')) throw error;
    dropWhatWasOpened(vault);
    await vault.wipe();
    return 'revoked';
  }
}

/**
 * Recovery (SPEC §12), online: a password sign-in bound to this phone. After an administrator's
 * reset the server asks for her own password, or her second factor, first: each step is taken in
 * this same session (a TOTP code is not accepted twice, so she never signs in again for it).
 */
export function recoverySignIn(
  vault: PhoneVault,
  deviceId: string,
  credentials: Credentials,
): Promise<RecoveryStep | 'revoked'> {
  tokens.bindToPhone(deviceId);
  return recoveryStep(vault, async () =>
    heldForRecovery(await answered(api.POST('/api/v1/auth/login', { body: { ...credentials, deviceId } }))),
  );
}

/**
 * Her temporary password replaced, in the recovery's session and bound to the phone. The server
 * keeps the sign-in's start in the session it answers, so W is still released within 5 minutes
 * of the sign-in.
 */
export function recoveryPasswordChange(
  vault: PhoneVault,
  deviceId: string,
  currentPassword: string,
  newPassword: string,
): Promise<RecoveryStep | 'revoked'> {
  return recoveryStep(vault, async () =>
    heldForRecovery(
      await answered(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword, deviceId } })),
    ),
  );
}

/**
 * Her second factor enrolled again after a reset, in the recovery's session and bound to the
 * phone; the server counts it as a new sign-in. Her new recovery codes are shown once the phone is open.
 */
export function recoveryEnrolment(
  vault: PhoneVault,
  deviceId: string,
  code: string,
): Promise<{ next: RecoveryStep; recoveryCodes: string[] } | 'revoked'> {
  return recoveryStep(vault, async () => {
    const answer = await answered(api.POST('/api/v1/auth/totp/verify', { body: { code, deviceId } }));
    return { next: heldForRecovery(answer), recoveryCodes: answer.recoveryCodes };
  });
}

/** She went back to the PIN lock part-way: the recovery's session, held in memory only, is dropped. */
export function leaveRecovery(): void {
  tokens.forget();
}

/**
 * The phone opened: W from `POST /devices/:id/wrapping-key` unwraps DK under the new PIN; nothing
 * sealed is touched, so nothing is lost. The answer starts the phone's new family, whose token is
 * sealed, and the session goes on (first to the recovery codes of a second factor enrolled on the
 * way); what waited in the outbox is delivered at once.
 */
export async function recoverWithWrappingKey(
  vault: PhoneVault,
  deviceId: string,
  newPin: string,
  recoveryCodes?: string[],
): Promise<'resumed' | 'revoked'> {
  return openOrWipe(vault, async () => {
    const keyed = await issued(api.POST('/api/v1/devices/{id}/wrapping-key', { params: { path: { id: deviceId } } }));
    const keys = keyed.data;
    await vault.recover(keys.wrappingKey, newPin);
    if (!keys.refreshToken) throw new Error('POST /devices/:id/wrapping-key answered no refresh token');
    await vault.holdRefreshToken(keys.refreshToken);
    await recordWindow(vault, keyed);
    await enterPhoneSession(deviceId, phone(vault, deviceId), keys, recoveryCodes);
    keepSynced(vault);
  });
}

/** Asked at the lock screen when online (no session needed): a revoked phone is wiped there. */
export async function wipedIfRevoked(vault: PhoneVault, deviceId: string): Promise<boolean> {
  if (!navigator.onLine) return false;
  const answer = await api
    .GET('/api/v1/devices/{id}/status', { params: { path: { id: deviceId } } })
    .catch(() => undefined);
  if (answer?.data?.status !== 'revoked') return false;
  await vault.wipe();
  return true;
}
