/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createOrganisation, type SignedInUser } from '../support/world';
import { BrowserSuite } from './browser-suite';
import { buildPhoneVaultEntry, markersOnDisk, PhoneProfile, textForms } from './phone-profile';

/**
 * What the page's `phoneVaultLib` (apps/web/src/offline/browser-test-entry.ts) offers, as far as
 * these tests use it: the web client's sources are compiled for the browser, not with the tests.
 */
interface PendingPhone {
  deviceId: string;
  sealingPublicKey: string;
}
interface Vault {
  setUp(pending: PendingPhone, pin: string, wrappingKey: string): Promise<void>;
  unlock(pin: string): Promise<{ outcome: string; triesLeft?: number }>;
  recover(wrappingKey: string, newPin: string): Promise<void>;
  state(): Promise<string>;
  readonly unlocked: boolean;
  lock(): void;
  put(name: string, value: unknown): Promise<void>;
  get(name: string): Promise<unknown>;
  holdRefreshToken(token: string): Promise<void>;
  refreshToken(): Promise<string | undefined>;
  refreshTokenHandle(): { refreshToken(): Promise<string | undefined>; holdRefreshToken(token: string): Promise<void> };
  sealForLater(place: string, value: unknown): Promise<{ iv: Uint8Array }>;
  putFormList(name: 'plan-items', value: { id: string; planId: string; title: string }[]): Promise<void>;
  wipe(): Promise<void>;
}
type PageWindow = Window & {
  phoneVaultLib: {
    PHONE_DB: string;
    PendingPhone: { create(): Promise<PendingPhone> };
    /** `onWipedElsewhere`: another tab wiped the phone; these tests open one tab, and ignore it. */
    PhoneVault: { open(onWipedElsewhere: () => void): Promise<Vault> };
    workerDerivationMs(pin: string): Promise<number>;
    mainThreadDerivationMs(pin: string): Promise<number>;
  };
  pendingPhone?: PendingPhone;
  setUpVault?: Vault;
};

const PIN = '27182818';
const NEW_PIN = 'kopi susu di teras';
const CANARY = {
  name: 'Sekar CANARYNAME-7f3a9c',
  phone: '0812-CANARYPHONE-91c2e4',
  note: 'Dipukul suami CANARYNOTE-5be013 ⚠',
};

/**
 * The phone's keys and sealed store (SPEC §12), driven in the real app served by the API, in a
 * Chromium whose profile folder is on disk: nothing of a case is found there, five wrong PINs end
 * PIN unlock across reloads, W from the server brings everything back, and a wipe leaves no
 * database. Argon2id timings are printed, not asserted.
 */
describe('the phone key store', () => {
  const suite = BrowserSuite.register('phone-vault', async (setup) => {
    const org = await createOrganisation(setup, 'Vault');
    return { companion: org.companionA };
  });
  const folders: string[] = [];

  beforeAll(() => buildPhoneVaultEntry(), 120_000);
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'phone-profile-'));
    folders.push(folder);
    return folder;
  };

  const api = async (path: string, init: { method?: string; token?: string; body?: object } = {}) => {
    const response = await fetch(`${suite.origin}/api/v1${path}`, {
      method: init.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: JSON.stringify(init.body ?? {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  const signIn = async (user: SignedInUser, deviceId?: string) => {
    const { status, body } = await api('/auth/login', {
      body: { email: user.email, password: user.password, deviceId },
    });
    expect(status).toBe(200);
    return body.accessToken as string;
  };

  /** Set-up as the app will do it: keys made on the phone, W and the first refresh token from POST /devices. */
  const setUpPhone = async (page: Page, user: SignedInUser) => {
    const pending = await page.evaluate(async () => {
      const phone = await (window as unknown as PageWindow).phoneVaultLib.PendingPhone.create();
      (window as unknown as PageWindow).pendingPhone = phone;
      return { deviceId: phone.deviceId, sealingPublicKey: phone.sealingPublicKey };
    });
    const registered = await api('/devices', {
      token: await signIn(user),
      body: { ...pending, label: 'HP uji' },
    });
    expect(registered.status).toBe(201);
    const { wrappingKey, refreshToken } = registered.body as { wrappingKey: string; refreshToken: string };
    await page.evaluate(
      async ({ pin, wrappingKey, refreshToken }) => {
        const page = window as unknown as PageWindow;
        const vault = await page.phoneVaultLib.PhoneVault.open(() => undefined);
        await vault.setUp(page.pendingPhone!, pin, wrappingKey);
        await vault.holdRefreshToken(refreshToken);
        page.setUpVault = vault;
      },
      { pin: PIN, wrappingKey, refreshToken },
    );
    return { deviceId: pending.deviceId, wrappingKey, refreshToken };
  };

  const unlockWith = (page: Page, pin: string) =>
    page.evaluate(async (pin) => {
      const vault = await (window as unknown as PageWindow).phoneVaultLib.PhoneVault.open(() => undefined);
      return vault.unlock(pin);
    }, pin);

  const stateOf = (page: Page) =>
    page.evaluate(async () =>
      (await (window as unknown as PageWindow).phoneVaultLib.PhoneVault.open(() => undefined)).state(),
    );

  it('keeps nothing of a case, the refresh token or W readable in the profile folder; values planted in clear are found', async () => {
    const folder = newFolder();
    const phone = await PhoneProfile.open(folder, suite.origin);
    const keys = await setUpPhone(phone.page, suite.world.companion);
    await phone.page.evaluate(async (canary) => {
      const vault = (window as unknown as PageWindow).setUpVault!;
      await vault.put(`case/${crypto.randomUUID()}`, { name: canary.name, phone: canary.phone, story: canary.note });
      await vault.putFormList('plan-items', [
        { id: crypto.randomUUID(), planId: crypto.randomUUID(), title: 'Sosialisasi desa' },
      ]);
      const captured = await vault.sealForLater('capture/1', { name: canary.name });
      await vault.put('capture/1', { sealed: 'kept under DK too', at: captured.iv.length });
      vault.lock();
      // The positive control: the same kind of values, unsealed, where the search must find them.
      localStorage.setItem('control', 'CONTROLSTORAGE-2d8e61');
      const control = indexedDB.open('control-in-clear', 1);
      control.onupgradeneeded = () => control.result.createObjectStore('values');
      await new Promise((resolve) => (control.onsuccess = resolve));
      const transaction = control.result.transaction('values', 'readwrite');
      transaction.objectStore('values').put({ name: 'CONTROLIDB-c41f07 ⚠', phone: 'CONTROLIDBPHONE-0a9b3d' }, 'x');
      await new Promise((resolve) => (transaction.oncomplete = resolve));
      control.result.close();
    }, CANARY);
    expect(phone.violations).toEqual([]);
    await phone.close();

    const found = markersOnDisk(folder, {
      name: textForms(CANARY.name),
      phone: textForms(CANARY.phone),
      note: textForms(CANARY.note),
      refreshToken: textForms(keys.refreshToken),
      wrappingKey: [...textForms(keys.wrappingKey), Buffer.from(keys.wrappingKey, 'base64url')],
      controlStorage: textForms('CONTROLSTORAGE-2d8e61'),
      controlIndexedDb: textForms('CONTROLIDB-c41f07 ⚠'),
      controlIndexedDbPhone: textForms('CONTROLIDBPHONE-0a9b3d'),
    });
    expect(Object.keys(found).sort()).toEqual(['controlIndexedDb', 'controlIndexedDbPhone', 'controlStorage']);
  });

  it('five wrong PINs across reloads end PIN unlock, even the right PIN after them; W from the server brings everything back', async () => {
    const phone = await PhoneProfile.open(newFolder(), suite.origin);
    const { page } = phone;
    try {
      const keys = await setUpPhone(page, suite.world.companion);
      const caseName = `case/${await page.evaluate(() => crypto.randomUUID())}`;
      await page.evaluate(
        async ({ caseName, canary }) => {
          // The vault set-up left unlocked.
          await (window as unknown as PageWindow).setUpVault!.put(caseName, canary);
        },
        { caseName, canary: CANARY },
      );

      const outcomes: unknown[] = [];
      for (let attempt = 1; attempt <= 5; attempt++) {
        await phone.load();
        expect(await stateOf(page)).toBe('locked');
        outcomes.push(await unlockWith(page, `9999000${attempt}`));
      }
      expect(outcomes).toEqual([
        { outcome: 'wrong-pin', triesLeft: 4 },
        { outcome: 'wrong-pin', triesLeft: 3 },
        { outcome: 'wrong-pin', triesLeft: 2 },
        { outcome: 'wrong-pin', triesLeft: 1 },
        { outcome: 'pin-copy-gone' },
      ]);
      await phone.load();
      expect(await unlockWith(page, PIN)).toEqual({ outcome: 'pin-copy-gone' });
      expect(await stateOf(page)).toBe('pin-copy-gone');

      const recovered = await api(`/devices/${keys.deviceId}/wrapping-key`, {
        token: await signIn(suite.world.companion, keys.deviceId),
      });
      expect(recovered.status).toBe(200);
      const afterRecovery = await page.evaluate(
        async ({ wrappingKey, newPin, caseName }) => {
          const vault = await (window as unknown as PageWindow).phoneVaultLib.PhoneVault.open(() => undefined);
          const wrongW = await vault.recover(btoa('x'.repeat(32)).replace(/=/g, ''), newPin).then(
            () => 'recovered',
            (error: { code?: string }) => error.code,
          );
          await vault.recover(wrappingKey, newPin);
          return {
            wrongW,
            state: await vault.state(),
            record: await vault.get(caseName),
            token: await vault.refreshToken(),
          };
        },
        { wrappingKey: recovered.body.wrappingKey, newPin: NEW_PIN, caseName },
      );
      expect(afterRecovery).toEqual({
        wrongW: 'wrong-wrapping-key',
        state: 'unlocked',
        record: CANARY,
        token: keys.refreshToken,
      });

      await phone.load();
      expect(await unlockWith(page, PIN)).toEqual({ outcome: 'wrong-pin', triesLeft: 4 });
      expect(await unlockWith(page, NEW_PIN)).toEqual({ outcome: 'unlocked' });
      expect(await unlockWith(page, '00000001')).toEqual({ outcome: 'wrong-pin', triesLeft: 4 });
      expect(phone.violations).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('counts a try before it is made: a reload during the derivation has spent it', async () => {
    const phone = await PhoneProfile.open(newFolder(), suite.origin);
    const { page } = phone;
    try {
      await setUpPhone(page, suite.world.companion);
      await phone.load();
      // A wrong PIN, so that whether the cut-short try ends before the reload or not, it is counted
      // exactly once: a right PIN finishing first would reset the count and make the test a race.
      const spentBeforeAnswer = await page.evaluate(async (pin) => {
        const lib = (window as unknown as PageWindow).phoneVaultLib;
        const vault = await lib.PhoneVault.open(() => undefined);
        let answered = false;
        const markAnswered = () => {
          answered = true;
        };
        vault.unlock(pin).then(markAnswered, markAnswered);
        const read = () =>
          new Promise<unknown>((resolve) => {
            const request = indexedDB.open(lib.PHONE_DB);
            request.onsuccess = () => {
              const get = request.result.transaction('keys').objectStore('keys').get('wrong-pins');
              get.onsuccess = () => {
                request.result.close();
                resolve(get.result);
              };
            };
          });
        for (let poll = 0; poll < 100; poll++) {
          if ((await read()) === 1) return { spent: 1, answered };
          await new Promise((wait) => setTimeout(wait, 5));
        }
        return { spent: await read(), answered };
      }, '34343434');
      expect(spentBeforeAnswer).toEqual({ spent: 1, answered: false });
      await phone.load();
      const counted = await unlockWith(page, '12121212');
      expect(counted).toEqual({ outcome: 'wrong-pin', triesLeft: 3 });
      expect(await unlockWith(page, PIN)).toEqual({ outcome: 'unlocked' });
    } finally {
      await phone.close();
    }
  });

  it('a refresh-token handle taken unlocked still seals after a lock, and a locked vault refuses one', async () => {
    const phone = await PhoneProfile.open(newFolder(), suite.origin);
    const { page } = phone;
    try {
      await setUpPhone(page, suite.world.companion);
      const outcome = await page.evaluate(async (pin) => {
        const vault = (window as unknown as PageWindow).setUpVault!;
        const held = vault.refreshTokenHandle();
        vault.lock();
        await held.holdRefreshToken('rotated-while-locking');
        const readThroughHandle = await held.refreshToken();
        const refused = await Promise.resolve()
          .then(() => vault.refreshTokenHandle())
          .then(
            () => 'given',
            (error: Error) => error.message,
          );
        await vault.unlock(pin);
        return { readThroughHandle, refused, readUnlocked: await vault.refreshToken() };
      }, PIN);
      expect(outcome).toEqual({
        readThroughHandle: 'rotated-while-locking',
        refused: expect.stringContaining('locked'),
        readUnlocked: 'rotated-while-locking',
      });
    } finally {
      await phone.close();
    }
  });

  it('a wipe leaves no database', async () => {
    const phone = await PhoneProfile.open(newFolder(), suite.origin);
    const { page } = phone;
    try {
      await setUpPhone(page, suite.world.companion);
      const databases = () => page.evaluate(async () => (await indexedDB.databases()).map(({ name }) => name));
      expect(await databases()).toContain('pendamping-phone');
      await page.evaluate(async () => {
        const vault = await (window as unknown as PageWindow).phoneVaultLib.PhoneVault.open(() => undefined);
        await vault.wipe();
      });
      await phone.load();
      expect(await databases()).toEqual([]);
      expect(await stateOf(page)).toBe('empty');
    } finally {
      await phone.close();
    }
  });

  it('runs the worker under the policy its file is served with: without wasm-unsafe-eval the derivation is refused', async () => {
    const withoutWasm = (served: string) => served.replace(" 'wasm-unsafe-eval'", '');
    const phone = await PhoneProfile.open(newFolder(), suite.origin, withoutWasm);
    try {
      const refused = await phone.page.evaluate(() =>
        (window as unknown as PageWindow).phoneVaultLib.workerDerivationMs('27182818').then(
          () => 'derived',
          (error: Error) => error.message,
        ),
      );
      expect(refused).toMatch(/^the PIN key could not be derived/);
    } finally {
      await phone.close();
    }
  });

  it('prints the Argon2id unlock time in the worker and on the main thread at 1x, 2x and 6x CPU throttling', async () => {
    const phone = await PhoneProfile.open(newFolder(), suite.origin);
    const { page } = phone;
    try {
      const runs = 3;
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const measure = async (where: 'worker' | 'main') => {
        const times: number[] = [];
        for (let run = 0; run < runs; run++)
          times.push(
            await page.evaluate(
              (where) =>
                where === 'worker'
                  ? (window as unknown as PageWindow).phoneVaultLib.workerDerivationMs('27182818')
                  : (window as unknown as PageWindow).phoneVaultLib.mainThreadDerivationMs('27182818'),
              where,
            ),
          );
        return median(times);
      };
      // Once unmeasured on each side, so that no figure includes hash-wasm compiling its module.
      await measure('main');
      const figures: Record<string, number> = { worker: await measure('worker') };
      const cdp = await phone.context.newCDPSession(page);
      for (const rate of [1, 2, 6]) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        figures[`main ${rate}x`] = await measure('main');
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      console.log(
        `Argon2id PIN key (19 MiB, 2 passes, median of ${runs}): ` +
          Object.entries(figures)
            .map(([where, ms]) => `${where} ${Math.round(ms)} ms`)
            .join(', '),
      );
      expect(phone.violations).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
