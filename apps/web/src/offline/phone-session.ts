import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import { type Credentials, enterPhoneSession, phoneWiped, type SessionTokens } from '../session/session';
import { stopRefreshing } from '../session/refresh';
import { tokens } from '../session/tokens';
import { vaultOpened } from './open-vault';
import { PendingPhone, PhoneVault } from './phone-vault';

/**
 * The renewal of a phone-bound session (SPEC §12): the refresh token is unsealed from the store,
 * sent with the device id in the body, and the rotated one sealed before the renewal returns, so
 * the refresh lock it runs under is released only once the new token is safely stored. Its lock
 * drops DK.
 */
function phone(vault: PhoneVault, deviceId: string) {
  return {
    renewal: async (): Promise<SessionTokens> => {
      const refreshToken = await vault.refreshToken();
      const answer = await answered(api.POST('/api/v1/auth/refresh', { body: { deviceId, refreshToken } }));
      if (answer.refreshToken) await vault.holdRefreshToken(answer.refreshToken);
      return answer;
    },
    lock: () => vault.lock(),
    seal: (refreshToken: string) => vault.holdRefreshToken(refreshToken),
  };
}

/** A resume that failed part-way leaves nothing behind the lock screen that reads a record or opens a session. */
function dropWhatWasOpened(vault: PhoneVault): void {
  stopRefreshing();
  tokens.forget();
  vault.lock();
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
  const keys = await answered(api.POST('/api/v1/devices', { body: { deviceId, label, sealingPublicKey } }));
  const vault = await PhoneVault.open(phoneWiped);
  try {
    await vault.setUp(pending, pin, keys.wrappingKey);
    if (!keys.refreshToken) throw new Error('POST /devices answered no refresh token');
    await vault.holdRefreshToken(keys.refreshToken);
  } catch (error) {
    await vault.wipe();
    throw error;
  }
  await enterPhoneSession(deviceId, phone(vault, deviceId), keys);
  vaultOpened(vault);
}

/**
 * Opens a phone session by `opening`; should it fail, nothing it opened stays behind the lock, and
 * a phone revoked meanwhile (`device-revoked`) is wiped.
 */
async function openOrWipe(vault: PhoneVault, opening: () => Promise<void>): Promise<'resumed' | 'revoked'> {
  try {
    await opening();
    vaultOpened(vault);
    return 'resumed';
  } catch (error) {
    dropWhatWasOpened(vault);
    if (!(error instanceof ApiProblem && error.kind === 'device-revoked')) throw error;
    await vault.wipe();
    return 'revoked';
  }
}

/** Opens the session the PIN unsealed; a phone revoked meanwhile is wiped (`device-revoked`). */
export const resumeWithVault = (vault: PhoneVault, deviceId: string): Promise<'resumed' | 'revoked'> =>
  openOrWipe(vault, () => enterPhoneSession(deviceId, phone(vault, deviceId)));

/**
 * Recovery (SPEC §12), online: a password sign-in bound to this phone, then W from
 * `POST /devices/:id/wrapping-key`, which opens DK under a new PIN; nothing sealed is touched, so
 * nothing is lost. The wrapping-key answer starts the phone's new family, whose token is sealed.
 */
export async function recoverWithPassword(
  vault: PhoneVault,
  deviceId: string,
  credentials: Credentials,
  newPin: string,
): Promise<'resumed' | 'revoked'> {
  tokens.bindToPhone(deviceId);
  return openOrWipe(vault, async () => {
    tokens.hold(await answered(api.POST('/api/v1/auth/login', { body: { ...credentials, deviceId } })));
    const keys = await answered(api.POST('/api/v1/devices/{id}/wrapping-key', { params: { path: { id: deviceId } } }));
    await vault.recover(keys.wrappingKey, newPin);
    if (!keys.refreshToken) throw new Error('POST /devices/:id/wrapping-key answered no refresh token');
    await vault.holdRefreshToken(keys.refreshToken);
    await enterPhoneSession(deviceId, phone(vault, deviceId), keys);
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
