import { PIN_KEY_PARAMS, PIN_SALT_BYTES } from './argon2-params';
import { fromBase64Url, toBase64Url } from './base64url';
import { generateDataKey, importWrappingKey, unwrapDataKey, wrapDataKey } from './key-wrap';
import {
  clearPhoneDb,
  deletePhoneDb,
  type FormListName,
  type FormLists,
  openPhoneDb,
  type PhoneDb,
  type PinCopy,
  readKey,
} from './phone-db';
import type { OfflineWindow } from './offline-window';
import { derivePinKey } from './pin-key';
import { pinProblem } from './pin-rule';
import { openValue, sealValue } from './sealed-value';
import {
  exportPublicKey,
  generateSealingPair,
  importPublicKey,
  openSealedToPhone,
  type SealedToPhone,
  sealToPhone,
  unwrapPrivateKey,
  wrapPrivateKey,
} from './sealing-pair';
import { VaultError } from './vault-error';

/** SPEC §12: the fifth wrong PIN deletes the PIN-wrapped copy of DK; recovery with W is the way back. */
export const MAX_WRONG_PINS = 5;

/** Associated data of each wrapped key: a copy cannot be swapped for another. */
const PLACE = {
  dkByPin: 'keys/dk-by-pin',
  dkByW: 'keys/dk-by-w',
  sealingPrivate: 'keys/sealing-private',
} as const;
const sealedPlace = (name: string) => `sealed/${name}`;
const REFRESH_TOKEN = 'session/refresh-token';

/**
 * The refresh token's reader and sealer, bound to the DK held when it was taken: a renewal takes
 * one at its start, so a lock meanwhile (`freeze`, `pagehide`) cannot keep it from sealing the
 * rotated token the server has already issued.
 */
export interface RefreshTokenHandle {
  refreshToken(): Promise<string | undefined>;
  holdRefreshToken(token: string): Promise<void>;
}

/**
 * - `empty`: no phone set up here;
 * - `locked`: PIN unlock possible;
 * - `pin-copy-gone`: five wrong PINs (or a closed window) deleted the PIN copy: only recovery
 *   with W, online, opens the store;
 * - `unlocked`: DK held in memory.
 */
export type VaultState = 'empty' | 'locked' | 'pin-copy-gone' | 'unlocked';

export type UnlockOutcome =
  { outcome: 'unlocked' } | { outcome: 'wrong-pin'; triesLeft: number } | { outcome: 'pin-copy-gone' };

/** A fresh salt and the PIN key derived from it, ready to wrap DK. */
async function newPinCopy(pin: string, dataKey: CryptoKey): Promise<{ copy: PinCopy; pinKey: CryptoKey }> {
  const problem = pinProblem(pin);
  if (problem) throw new VaultError(problem);
  const salt = crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));
  const params = { ...PIN_KEY_PARAMS };
  const pinKey = await derivePinKey(pin, salt, params);
  return { copy: { ...(await wrapDataKey(dataKey, pinKey, PLACE.dkByPin)), salt, params }, pinKey };
}

/** W as a key; its bytes are overwritten once WebCrypto holds them. */
async function wrappingKeyFrom(text: string): Promise<CryptoKey> {
  const raw = fromBase64Url(text);
  try {
    return await importWrappingKey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * The phone's sealed store and its keys (SPEC §12). Locked, it holds no key and no decrypted
 * value; unlocked, it holds DK, non-extractable, and nothing else decrypted.
 */
export class PhoneVault {
  private dataKey?: CryptoKey;
  /** False once another tab's wipe closed the connection: nothing is left here to clear. */
  private connected = true;

  private constructor(private readonly db: PhoneDb) {}

  /**
   * `onWipedElsewhere`: another tab wiped the phone. DK is dropped here at once; the caller drops
   * the rest (the session's token, the screen), which the store knows nothing of.
   */
  static async open(onWipedElsewhere: () => void): Promise<PhoneVault> {
    const holder: { vault?: PhoneVault } = {};
    holder.vault = new PhoneVault(await openPhoneDb({ onClosing: () => holder.vault?.closed(), onWipedElsewhere }));
    return holder.vault;
  }

  async state(): Promise<VaultState> {
    if (this.dataKey) return 'unlocked';
    if (!(await readKey(this.db, 'dk-by-w'))) return 'empty';
    return (await readKey(this.db, 'dk-by-pin')) ? 'locked' : 'pin-copy-gone';
  }

  /** Needed locked too: the lock screen asks the phone's status, recovery names the phone. */
  deviceId(): Promise<string | undefined> {
    return readKey(this.db, 'device-id');
  }

  get unlocked(): boolean {
    return this.dataKey !== undefined;
  }

  /**
   * Set-up, once the server answered W (`POST /devices`): DK is stored wrapped by the PIN key and
   * by W, the sealing pair's private half wrapped by DK; W itself is not kept.
   */
  async setUp(pending: PendingPhone, pin: string, wrappingKey: string): Promise<void> {
    if (await readKey(this.db, 'dk-by-w')) throw new VaultError('already-set-up');
    const { copy, pinKey } = await newPinCopy(pin, pending.dataKey);
    const byW = await wrapDataKey(pending.dataKey, await wrappingKeyFrom(wrappingKey), PLACE.dkByW);
    const sealingPrivate = await wrapPrivateKey(pending.sealingPair.privateKey, pending.dataKey, PLACE.sealingPrivate);
    const sealingPublic = await exportPublicKey(pending.sealingPair.publicKey);
    const transaction = this.db.transaction('keys', 'readwrite');
    await Promise.all([
      transaction.store.put(pending.deviceId, 'device-id'),
      transaction.store.put(copy, 'dk-by-pin'),
      transaction.store.put(byW, 'dk-by-w'),
      transaction.store.put(sealingPrivate, 'sealing-private'),
      transaction.store.put(sealingPublic, 'sealing-public'),
      transaction.store.put(0, 'wrong-pins'),
      transaction.done,
    ]);
    this.dataKey = await unwrapDataKey(copy, pinKey, PLACE.dkByPin, false);
  }

  /**
   * The count is raised, and committed, before the PIN is tried: a page killed during the
   * derivation has still spent the try. The fifth wrong PIN deletes the PIN copy of DK.
   */
  async unlock(pin: string): Promise<UnlockOutcome> {
    const copy = await readKey(this.db, 'dk-by-pin');
    if (!copy) return { outcome: 'pin-copy-gone' };
    const spent = await this.countTry();
    if (spent > MAX_WRONG_PINS) return this.dropPinCopy();
    // A derivation that fails (the worker could not start, memory ran out) tested no PIN: the try
    // stays spent, but it is not a wrong PIN and never drops the PIN copy.
    const pinKey = await derivePinKey(pin, copy.salt, copy.params);
    try {
      this.dataKey = await unwrapDataKey(copy, pinKey, PLACE.dkByPin, false);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'OperationError')) throw error;
      if (spent >= MAX_WRONG_PINS) return this.dropPinCopy();
      return { outcome: 'wrong-pin', triesLeft: MAX_WRONG_PINS - spent };
    }
    await this.db.put('keys', 0, 'wrong-pins');
    return { outcome: 'unlocked' };
  }

  /** Recovery (online, after a password sign-in): W from the server opens DK, and a new PIN is set. */
  async recover(wrappingKey: string, newPin: string): Promise<void> {
    const byW = await readKey(this.db, 'dk-by-w');
    if (!byW) throw new VaultError('not-set-up');
    let extractable: CryptoKey;
    try {
      extractable = await unwrapDataKey(byW, await wrappingKeyFrom(wrappingKey), PLACE.dkByW, true);
    } catch {
      throw new VaultError('wrong-wrapping-key');
    }
    const { copy, pinKey } = await newPinCopy(newPin, extractable);
    const transaction = this.db.transaction('keys', 'readwrite');
    await Promise.all([
      transaction.store.put(copy, 'dk-by-pin'),
      transaction.store.put(0, 'wrong-pins'),
      transaction.done,
    ]);
    this.dataKey = await unwrapDataKey(copy, pinKey, PLACE.dkByPin, false);
  }

  /** For the closed offline window (SPEC §12): PIN unlock ends, W recovers. */
  async endPinUnlock(): Promise<void> {
    this.lock();
    await this.db.delete('keys', 'dk-by-pin');
  }

  /** Outside DK, as the PIN copy is: the window is checked before a PIN is tried (SPEC §12 "The offline window"). */
  offlineWindow(): Promise<OfflineWindow | undefined> {
    return readKey(this.db, 'offline-window');
  }

  async keepOfflineWindow(window: OfflineWindow): Promise<void> {
    await this.db.put('keys', window, 'offline-window');
  }

  /** Drops DK: nothing held any more reads the store. */
  lock(): void {
    this.dataKey = undefined;
  }

  put(name: string, value: unknown): Promise<void> {
    return this.putWith(this.key(), name, value);
  }

  get<Value>(name: string): Promise<Value | undefined> {
    return this.getWith<Value>(this.key(), name);
  }

  /**
   * Values that belong together (a case and its summary) sealed first, then written in one
   * transaction: a page killed meanwhile leaves all or none of them. IndexedDB ends a transaction
   * that waits on anything else, so the sealing cannot happen inside it.
   */
  async putTogether(values: Record<string, unknown>): Promise<void> {
    const key = this.key();
    const sealed = await Promise.all(
      Object.entries(values).map(async ([name, value]) => ({
        name,
        sealed: await sealValue(key, sealedPlace(name), value),
      })),
    );
    const transaction = this.db.transaction('sealed', 'readwrite');
    await Promise.all([...sealed.map(({ name, sealed }) => transaction.store.put(sealed, name)), transaction.done]);
  }

  /**
   * The names of the sealed values under `prefix` (`case/`, `outbox/`): names are ids chosen by the
   * callers, never a value about a person, so listing them needs no key but is still refused locked.
   */
  async names(prefix: string): Promise<string[]> {
    this.key();
    return this.db.getAllKeys('sealed', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  }

  async delete(name: string): Promise<void> {
    this.key();
    await this.db.delete('sealed', name);
  }

  /** In one transaction, as `putTogether` writes them. */
  async deleteTogether(names: string[]): Promise<void> {
    this.key();
    const transaction = this.db.transaction('sealed', 'readwrite');
    await Promise.all([...names.map((name) => transaction.store.delete(name)), transaction.done]);
  }

  holdRefreshToken(token: string): Promise<void> {
    return this.put(REFRESH_TOKEN, token);
  }

  refreshToken(): Promise<string | undefined> {
    return this.get<string>(REFRESH_TOKEN);
  }

  /**
   * DK is held by the handle for as long as its holder keeps it (one renewal, under the refresh
   * Web Lock), locked or not; refused on a locked vault.
   */
  refreshTokenHandle(): RefreshTokenHandle {
    const key = this.key();
    return {
      refreshToken: () => this.getWith<string>(key, REFRESH_TOKEN),
      holdRefreshToken: (token) => this.putWith(key, REFRESH_TOKEN, token),
    };
  }

  /** Capture-only (SPEC §12): sealed to the phone's public key, readable only after DK is back. */
  async sealForLater(place: string, value: unknown): Promise<SealedToPhone> {
    const raw = await readKey(this.db, 'sealing-public');
    if (!raw) throw new VaultError('not-set-up');
    return sealToPhone(await importPublicKey(raw), place, value);
  }

  async openSealedForLater<Value>(place: string, sealed: SealedToPhone): Promise<Value> {
    const wrapped = await readKey(this.db, 'sealing-private');
    if (!wrapped) throw new VaultError('not-set-up');
    return openSealedToPhone<Value>(await unwrapPrivateKey(wrapped, this.key(), PLACE.sealingPrivate), place, sealed);
  }

  /**
   * Capture-only (SPEC §12): a record sealed to the public half, kept in `sealed` under `name` (an
   * id, never a value), with its place as associated data; the phone cannot read it back until DK is.
   */
  async keepForLater(name: string, value: unknown): Promise<void> {
    await this.db.put('sealed', await this.sealForLater(sealedPlace(name), value), name);
  }

  /** Names only (ids), so listable locked: what a capture-only screen counts. */
  namesForLater(prefix: string): Promise<string[]> {
    return this.db.getAllKeys('sealed', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  }

  /** Needs DK: the private half that opens the record is unwrapped by it. */
  async openForLater<Value>(name: string): Promise<Value | undefined> {
    const sealed = (await this.db.get('sealed', name)) as SealedToPhone | undefined;
    return sealed ? this.openSealedForLater<Value>(sealedPlace(name), sealed) : undefined;
  }

  /** Outside DK, and only these lists; of plan items only their ids and titles are kept, whatever is given. */
  async putFormList<Name extends FormListName>(name: Name, value: FormLists[Name]): Promise<void> {
    const kept =
      name === 'plan-items'
        ? (value as FormLists['plan-items']).map(({ id, planId, title }) => ({ id, planId, title }))
        : value;
    await this.db.put('forms', kept, name);
  }

  async formList<Name extends FormListName>(name: Name): Promise<FormLists[Name] | undefined> {
    return (await this.db.get('forms', name)) as FormLists[Name] | undefined;
  }

  /**
   * Deletes the whole database (sign-out, "forget this phone", a revoked phone). Its contents are
   * cleared first: a deletion held up by another tab that cannot let go (a frozen one) leaves
   * nothing readable while it waits.
   */
  async wipe(): Promise<void> {
    this.lock();
    if (this.connected) await clearPhoneDb(this.db);
    this.closed();
    this.db.close();
    await deletePhoneDb();
  }

  private closed(): void {
    this.lock();
    this.connected = false;
  }

  private async putWith(key: CryptoKey, name: string, value: unknown): Promise<void> {
    await this.db.put('sealed', await sealValue(key, sealedPlace(name), value), name);
  }

  private async getWith<Value>(key: CryptoKey, name: string): Promise<Value | undefined> {
    const sealed = await this.db.get('sealed', name);
    return sealed ? openValue<Value>(key, sealedPlace(name), sealed) : undefined;
  }

  private key(): CryptoKey {
    if (!this.dataKey) throw new VaultError('locked');
    return this.dataKey;
  }

  /** Raises the wrong-PIN count in one transaction, so two tabs trying at once both count. */
  private async countTry(): Promise<number> {
    const transaction = this.db.transaction('keys', 'readwrite');
    const spent = (((await transaction.store.get('wrong-pins')) as number | undefined) ?? 0) + 1;
    await Promise.all([transaction.store.put(spent, 'wrong-pins'), transaction.done]);
    return spent;
  }

  private async dropPinCopy(): Promise<UnlockOutcome> {
    await this.db.delete('keys', 'dk-by-pin');
    return { outcome: 'pin-copy-gone' };
  }
}

/**
 * A phone being set up: DK and the sealing pair exist in memory only, until the server answered W.
 * `sealingPublicKey` and `deviceId` are what `POST /devices` is sent.
 */
export class PendingPhone {
  private constructor(
    readonly deviceId: string,
    readonly sealingPublicKey: string,
    readonly dataKey: CryptoKey,
    readonly sealingPair: CryptoKeyPair,
  ) {}

  static async create(): Promise<PendingPhone> {
    const sealingPair = await generateSealingPair();
    return new PendingPhone(
      crypto.randomUUID(),
      toBase64Url(await exportPublicKey(sealingPair.publicKey)),
      await generateDataKey(),
      sealingPair,
    );
  }
}
