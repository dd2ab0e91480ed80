/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { addFollowUp, createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, freshTotpCode, serviceWorkerReady, signIn } from './browser-suite';
import { goWithin, phoneStoreExists, setUpPhone, storeKeys, unlockWithPin } from './phone-steps';

/**
 * Device reads (SPEC §12 "Sync", "Sign-out and other users"): a case opened from the phone's store
 * is logged there, sealed under a name that says nothing, and reaches the audit log once, with the
 * next sync; a phone she revokes herself, or signs out of, sends its pending reads before it is wiped;
 * so does a phone an admin revoked, when a refresh made while it is unlocked answers `device-revoked`
 * (with the token that refresh presented), and a phone wiped because her role no longer works offline.
 */

const READ_NAME = /^device-read\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const readNames = async (page: Page) =>
  (await storeKeys(page, 'sealed')).filter((name) => name.startsWith('device-read/'));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited 30 seconds for ${what}`);
}

/** Signed in, her phone set up, and done once the set-up's sync has stored her case. */
async function signInAndSetUpPhone(page: Page, email: string, caseId: string): Promise<void> {
  await signIn(page, email, TEST_PASSWORD, '.worklist');
  await serviceWorkerReady(page);
  await setUpPhone(page, 'HP pendamping');
  await until(
    async () => (await storeKeys(page, 'sealed')).includes(`case/${caseId}`),
    'the set-up’s sync to store the case',
  );
}

/** The page reloaded (the caller has taken the API away) and unlocked, her case opened from the worklist: the read is logged on the phone. */
async function openOfflineFromWorklist(page: Page, caseNumber: string): Promise<void> {
  await page.reload();
  await unlockWithPin(page);
  await page.waitForSelector('nav');
  await page.click('nav a[href="/"]');
  await page.click(`.worklist >> text=${caseNumber}`);
  await page.waitForSelector('#case-follow-ups');
  await until(async () => (await readNames(page)).length === 1, 'the read to be logged');
}

/**
 * The case page read from the store while the page holds a token: the API's answers for the case
 * fail as with no signal, so the page falls back to the phone (`fromApiOrPhone`) and logs the read.
 */
async function openFromStoreWithToken(page: Page, caseId: string, logged = 1): Promise<void> {
  await page.route(`**/api/v1/cases/${caseId}**`, (route) => route.abort('internetdisconnected'));
  await goWithin(page, `/cases/${caseId}`);
  await page.waitForSelector('#case-follow-ups');
  await page.waitForSelector('.offline-note');
  await until(async () => (await readNames(page)).length === logged, 'the read to be logged');
  await page.unroute(`**/api/v1/cases/${caseId}**`);
}

describe('device reads on the phone, in a real browser', () => {
  const suite = BrowserSuite.register(
    'device-reads',
    async (setup) => {
      const org = await createOrganisation(setup, 'Baca di ponsel');
      const other = await createOrganisation(setup, 'Cabut sendiri');
      const caseOf = async (companion: typeof org.companionA, villageId: string, name: string) => {
        const created = await createCase(
          setup,
          companion,
          newCaseBody(villageId, {
            survivor: { sex: 'female', name, phone: '081298765432' },
            narrative: 'Kejadian di rumah.',
          }),
        );
        await addFollowUp(setup, companion, String(created.id), { notes: 'Kunjungan rumah.' });
        return { id: String(created.id), number: String(created.caseNumber) };
      };
      const user = (signed: typeof org.companionA, villageId: string, name: string) =>
        caseOf(signed, villageId, name).then((held) => ({ id: signed.id, email: signed.email, case: held }));
      const third = await createOrganisation(setup, 'Ganti peran');
      return {
        reader: await user(org.companionA, org.villages.a, 'Sari'),
        revoker: await user(other.companionA, other.villages.a, 'Ani'),
        leaver: await user(other.companionB, other.villages.b, 'Rina'),
        revokedByAdmin: await user(org.companionB, org.villages.b, 'Dewi'),
        admin: { email: org.admin.email, password: org.admin.password, totpSecret: String(org.admin.totpSecret) },
        promoted: await user(third.companionA, third.villages.a, 'Wati'),
        resender: await user(third.companionB, third.villages.b, 'Lina'),
      };
      // A role changed in the database keeps its session: the one without offline work needs no
      // second factor here, so the phone's session reaches `/me/abilities` and the rules decide.
    },
    { MFA_REQUIRED_ROLES: 'org_admin' },
  );

  const deviceReads = (userId: string) =>
    suite.stored<{ subject_id: string; fields: string[]; device_read_at: Date; occurred_at: Date }>(
      `SELECT subject_id, fields, device_read_at, occurred_at FROM audit_events
        WHERE actor_id = $1 AND action = 'device_read' ORDER BY id`,
      [userId],
    );
  const lastSync = async (userId: string): Promise<number> => {
    const [row] = await suite.stored<{ at: Date | null }>('SELECT last_sync_at AS at FROM devices WHERE user_id = $1', [
      userId,
    ]);
    return row?.at ? row.at.getTime() : 0;
  };
  const OPENED_FIELDS = ['followUps.notes', 'narrative', 'survivor.name', 'survivor.phone'];

  type Holder = { id: string; email: string; case: { id: string; number: string } };

  /** Her phone set up, and her case read from its store while the page holds a token: the read waits on the phone. */
  async function setUpWithPendingRead(page: Page, holder: Holder): Promise<void> {
    await signInAndSetUpPhone(page, holder.email, holder.case.id);
    await openFromStoreWithToken(page, holder.case.id);
    expect(await deviceReads(holder.id)).toEqual([]);
  }

  /** The audit log holds one device read, of her case, with the fields its page shows. */
  async function expectReadSent(holder: Holder): Promise<void> {
    const reads = await deviceReads(holder.id);
    expect(reads.map((read) => [read.subject_id, [...read.fields].sort()])).toEqual([[holder.case.id, OPENED_FIELDS]]);
  }

  /** The organisation's administrator revokes the phone through the API (password and TOTP sign-in). */
  const adminRevokesPhoneOf = async (userId: string): Promise<void> => {
    const { admin } = suite.world;
    const [phone] = await suite.stored<{ id: string }>('SELECT id FROM devices WHERE user_id = $1', [userId]);
    const signedIn = await fetch(`${suite.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: admin.email,
        password: admin.password,
        totp: await freshTotpCode(admin.totpSecret),
      }),
    });
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const revoked = await fetch(`${suite.origin}/api/v1/devices/${phone!.id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(revoked.status).toBe(200);
  };

  it('a case opened with no network is logged on the phone and reaches the audit log once, with the next sync', async () => {
    const { reader } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signInAndSetUpPhone(page, reader.email, reader.case.id);
      expect(await readNames(page)).toEqual([]);

      await suite.stopApi();
      const openedAfter = Date.now();
      try {
        await openOfflineFromWorklist(page, reader.case.number);
        // Its name is a random id: nothing of the case or of her.
        expect(await readNames(page)).toEqual([expect.stringMatching(READ_NAME)]);
        expect(await deviceReads(reader.id)).toEqual([]);
      } finally {
        await suite.restartApi();
      }

      // The signal returns: the page goes online, syncs, and the read is sent and then forgotten.
      const firstSync = await lastSync(reader.id);
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await until(async () => (await deviceReads(reader.id)).length > 0, 'the read in the audit log');
      await until(async () => (await readNames(page)).length === 0, 'the phone to forget the sent read');
      const [read, ...more] = await deviceReads(reader.id);
      expect(more).toEqual([]);
      expect(read!.subject_id).toBe(reader.case.id);
      expect([...read!.fields].sort()).toEqual(OPENED_FIELDS);
      // The phone's own clock, which here is the test's.
      expect(read!.device_read_at.getTime()).toBeGreaterThanOrEqual(openedAfter - 1_000);
      expect(read!.device_read_at.getTime()).toBeLessThanOrEqual(read!.occurred_at.getTime() + 1_000);

      // Another sync (an online unlock syncs) sends nothing again: once only.
      await until(async () => (await lastSync(reader.id)) > firstSync, 'the sync after going online');
      const secondSync = await lastSync(reader.id);
      await page.click('header >> text=Kunci');
      await unlockWithPin(page);
      await page.waitForSelector('nav');
      await until(async () => (await lastSync(reader.id)) > secondSync, 'the sync of the online unlock');
      expect(await deviceReads(reader.id)).toHaveLength(1);
    });
  }, 240_000);

  it('a phone she revokes from her own phones list sends its pending reads before it is wiped', async () => {
    const { revoker } = suite.world;
    await suite.inContext(async ({ page }) => {
      await setUpWithPendingRead(page, revoker);

      await goWithin(page, '/account');
      await page.click('.account-phones a');
      await page.waitForSelector('li[data-phone] button');
      await page.click('li[data-phone] button');
      await page.click('button:text-is("Ya, cabut ponsel ini")');
      await page.waitForSelector('input[name=email]');
      expect(await phoneStoreExists(page)).toBe(false);
      await expectReadSent(revoker);
    });
  }, 240_000);

  it('signing out of the phone sends its pending reads before it is wiped', async () => {
    const { leaver } = suite.world;
    await suite.inContext(async ({ page }) => {
      await setUpWithPendingRead(page, leaver);

      await page.click('header button:text-is("Keluar")');
      await page.waitForSelector('input[name=email]');
      expect(await phoneStoreExists(page)).toBe(false);
      await expectReadSent(leaver);
    });
  }, 240_000);

  it('a phone an admin revoked sends its pending reads when a refresh made while it is unlocked answers device-revoked, then is wiped', async () => {
    const { revokedByAdmin } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signInAndSetUpPhone(page, revokedByAdmin.email, revokedByAdmin.case.id);

      // Unlocked with no signal, she opens her case: the read is logged, and the page holds no session.
      await suite.stopApi();
      // The page stays without signal while the API is back for her administrator: its own renewal
      // retry must not reach the server before the revocation does.
      await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
      try {
        await openOfflineFromWorklist(page, revokedByAdmin.case.number);
      } finally {
        await suite.restartApi();
      }

      // Meanwhile her administrator revokes the phone; the signal returns and the page renews its session.
      await adminRevokesPhoneOf(revokedByAdmin.id);
      expect(await deviceReads(revokedByAdmin.id)).toEqual([]);
      await page.unroute('**/api/**');
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await page.waitForSelector('.phone-lock[data-state=revoked]', { timeout: 60_000 });
      await until(async () => !(await phoneStoreExists(page)), 'the revoked phone to be wiped');
      await expectReadSent(revokedByAdmin);
      // Sent with the token the refresh presented, which is now spent.
      const unspent = await suite.stored<{ id: string }>(
        `SELECT t.id FROM refresh_tokens t JOIN devices d ON d.id = t.device_id
          WHERE d.user_id = $1 AND t.rotated_at IS NULL`,
        [revokedByAdmin.id],
      );
      expect(unspent).toEqual([]);
    });
  }, 240_000);

  it('a phone whose role no longer works offline sends its pending reads before it is wiped', async () => {
    const { promoted } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signInAndSetUpPhone(page, promoted.email, promoted.case.id);
      await openFromStoreWithToken(page, promoted.case.id);

      await suite.stored(`UPDATE users SET role = 'reviewer' WHERE id = $1`, [promoted.id]);
      await page.click('header >> text=Kunci');
      await unlockWithPin(page);
      // The unlock's sync finds no offline work: the outbox is empty, so the reads go and the phone is wiped.
      await page.waitForSelector('input[name=email]', { timeout: 60_000 });
      await until(async () => !(await phoneStoreExists(page)), 'the phone to be wiped');
      const reads = await suite.stored<{ subject_id: string; fields: string[]; actor_role: string }>(
        `SELECT subject_id, fields, actor_role FROM audit_events WHERE actor_id = $1 AND action = 'device_read'`,
        [promoted.id],
      );
      expect(reads.map((read) => [read.subject_id, [...read.fields].sort(), read.actor_role])).toEqual([
        [promoted.case.id, OPENED_FIELDS, 'reviewer'],
      ]);
    });
  }, 240_000);

  it('a batch whose answer was lost is recorded once; a read the server refuses is set aside and holds up no later read', async () => {
    const { resender } = suite.world;
    const idOf = (name: string) => name.slice('device-read/'.length);
    await suite.inContext(async ({ page }) => {
      await signInAndSetUpPhone(page, resender.email, resender.case.id);
      const syncAgain = async () => {
        const before = await lastSync(resender.id);
        await page.click('header >> text=Kunci');
        await unlockWithPin(page);
        await page.waitForSelector('nav');
        await until(async () => (await lastSync(resender.id)) > before, 'the sync of the online unlock');
      };
      /** Her case opened from the store again, from the worklist: the page drawn from the API before is left. */
      const openAgain = async (logged: number) => {
        await goWithin(page, '/');
        await page.waitForSelector('.worklist');
        await openFromStoreWithToken(page, resender.case.id, logged);
      };
      await openFromStoreWithToken(page, resender.case.id);
      const [first] = await readNames(page);

      // The server records the batch, but its answer never reaches the phone, which keeps the read.
      await page.route('**/api/v1/sync/reads', async (route) => {
        await route.fetch();
        await route.abort('internetdisconnected');
      });
      await syncAgain();
      await until(async () => (await deviceReads(resender.id)).length === 1, 'the first batch recorded');
      await page.unroute('**/api/v1/sync/reads');
      expect(await readNames(page)).toEqual([first]);

      // A second read, which the server refuses (as it would a field it no longer knows): the batch
      // holding it answers 400, any other goes through.
      await openAgain(2);
      const refused = idOf((await readNames(page)).find((name) => name !== first)!);
      await page.route('**/api/v1/sync/reads', (route) =>
        route.request().postData()?.includes(refused)
          ? route.fulfill({
              status: 400,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'urn:pendamping:problem:validation-failed',
                title: 'Validation failed',
                status: 400,
                errors: [{ field: 'reads.1.fields', message: 'fields must name fields of a case' }],
              }),
            })
          : route.continue(),
      );
      await syncAgain();
      await until(async () => (await readNames(page)).length === 0, 'the log emptied');
      // The resent read is recorded once; the refused one is kept aside, under the same random id.
      expect(await deviceReads(resender.id)).toHaveLength(1);
      expect((await storeKeys(page, 'sealed')).filter((name) => name.startsWith('device-read-refused/'))).toEqual([
        `device-read-refused/${refused}`,
      ]);

      // A later read goes with the next sync: the refused one holds nothing up, and is not sent
      // again (the real server, answering now, would record it).
      await page.unroute('**/api/v1/sync/reads');
      await openAgain(1);
      await syncAgain();
      await until(async () => (await readNames(page)).length === 0, 'the later read sent');
      expect(await deviceReads(resender.id)).toHaveLength(2);
    });
  }, 240_000);
});
