/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { TestApi } from '../support/test-app';
import { createOrganisation, SignedInUser, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn, signInWithCode } from './browser-suite';

/**
 * The phones screens (SPEC §12): a companion's own phones under "My account", revoked with the
 * keyboard alone after a confirm step that warns what is lost, the phone's status then answering
 * revoked; an org_admin's list of the organisation's phones with their owners' names.
 */

/** A phone set up for offline capture as the app does it: a fresh password sign-in, then POST /devices; synced once if asked. */
async function setUpPhone(setup: TestApi, user: SignedInUser, label: string, synced: boolean): Promise<string> {
  const login = await setup
    .http()
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: TEST_PASSWORD })
    .expect(200);
  const deviceId = randomUUID();
  const phone = await setup
    .http()
    .post('/api/v1/devices')
    .set({ authorization: `Bearer ${login.body.accessToken}` })
    .send({ deviceId, label, sealingPublicKey: randomBytes(65).toString('base64url') })
    .expect(201);
  if (synced)
    await setup
      .http()
      .get('/api/v1/sync/cases')
      .set({ authorization: `Bearer ${phone.body.accessToken}` })
      .expect(200);
  return deviceId;
}

/** Tab until the element matching `selector` has the focus: the keyboard alone, without counting stops. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let stop = 0; stop < 40; stop++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('the phones screens in a real browser', () => {
  const suite = BrowserSuite.register('phones', async (setup) => {
    const org = await createOrganisation(setup, 'Ponsel');
    const elsewhere = await createOrganisation(setup, 'Lain');
    const user = (signed: SignedInUser) => ({
      id: signed.id,
      email: signed.email,
      password: TEST_PASSWORD,
      totpSecret: signed.totpSecret,
    });
    return {
      companion: user(org.companionA),
      admin: user(org.admin),
      phones: {
        synced: await setUpPhone(setup, org.companionA, 'HP Sari', true),
        never: await setUpPhone(setup, org.companionA, 'Tablet posko', false),
        colleague: await setUpPhone(setup, org.companionB, 'HP Melati', false),
        otherOrganisation: await setUpPhone(setup, elsewhere.companionA, 'HP lain', true),
      },
    };
  });

  const status = async (deviceId: string) =>
    ((await (await fetch(`${suite.origin}/api/v1/devices/${deviceId}/status`)).json()) as { status: string }).status;
  const entry = (deviceId: string) => `li[data-phone="${deviceId}"]`;

  it('a companion finds her phones under "My account" and revokes one with the keyboard alone', async () => {
    const { phones } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, suite.world.companion.email, TEST_PASSWORD, 'nav');
      // Her phones are hers alone: no navigation entry, a link from her account.
      expect(await page.$$eval('nav a', (links) => links.map((link) => link.getAttribute('href')))).not.toContain(
        '/phones',
      );
      await page.click('.who a');
      await page.waitForSelector('.account-phones');
      await suite.checkScreen(watched, 'account-companion', '.account-phones');

      await page.focus('h1');
      await tabTo(page, '.account-phones a');
      await page.keyboard.press('Enter');
      await page.waitForSelector('ul.phones');
      expect(new URL(page.url()).pathname).toBe('/account/phones');
      expect(await page.textContent('h1')).toBe('Ponsel saya');
      expect(await page.$$eval('ul.phones h2', (titles) => titles.map((title) => title.textContent))).toEqual([
        'HP Sari',
        'Tablet posko',
      ]);
      expect(await page.textContent(`${entry(phones.synced)} .phone-last-sync`)).not.toBe('belum pernah');
      expect(await page.textContent(`${entry(phones.never)} .phone-last-sync`)).toBe('belum pernah');
      expect(await page.textContent(`${entry(phones.synced)} .phone-state`)).toBe('Aktif');
      // Her own phones name no owner.
      expect(await page.$$('.phone-owner')).toHaveLength(0);
      await suite.checkScreen(watched, 'phones-mine', 'ul.phones');

      // Keyboard alone: to the phone's revoke button, into the confirm step, back out, in again, confirm.
      await page.focus('h1');
      await tabTo(page, `${entry(phones.synced)} button`);
      expect(await focusedText(page)).toBe('Cabut HP Sari');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.tagName === 'H3');
      expect(await focusedText(page)).toBe('Cabut ponsel HP Sari?');
      expect(await page.textContent(`${entry(phones.synced)} .phone-loss`)).toMatch(
        /^Catatan yang dibuat di ponsel ini dan belum terkirim sejak sinkron terakhir \(.+\) akan hilang\.$/,
      );
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe('Ya, cabut ponsel ini');
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe('Batal');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Cabut HP Sari');
      expect(await status(phones.synced)).toBe('active');

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.tagName === 'H3');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${entry(phones.synced)}[data-status=revoked]`);
      expect(await page.textContent('p.saved')).toBe('Ponsel HP Sari sudah dicabut.');
      expect(await focusedText(page)).toBe('HP Sari');
      expect(await page.textContent(`${entry(phones.synced)} .phone-state`)).toMatch(/^Dicabut, .+/);
      expect(await page.$$(`${entry(phones.synced)} button`)).toHaveLength(0);
      // The server agrees: the phone's sessionless status answers revoked, its W is gone.
      expect(await status(phones.synced)).toBe('revoked');
      expect(await status(phones.never)).toBe('active');
      const [row] = await suite.stored<{ revoked: boolean; key_gone: boolean }>(
        `SELECT revoked_at IS NOT NULL AS revoked, wrapping_key IS NULL AS key_gone FROM devices WHERE id = $1`,
        [phones.synced],
      );
      expect(row).toEqual({ revoked: true, key_gone: true });
      await suite.checkScreen(watched, 'phones-mine-revoked', `${entry(phones.synced)}[data-status=revoked]`);

      // The step of a phone that never synced warns that everything unsent is lost; nothing is sent before "yes".
      await page.click(`${entry(phones.never)} button`);
      await page.waitForSelector(`${entry(phones.never)} form`);
      expect(await page.textContent(`${entry(phones.never)} .phone-loss`)).toBe(
        'Ponsel ini belum pernah sinkron: semua catatan yang dibuat di dalamnya dan belum terkirim akan hilang.',
      );
      await suite.checkScreen(watched, 'phones-revoke-step', `${entry(phones.never)} form`);
      await page.click(`${entry(phones.never)} form >> text=Batal`);
      await page.waitForSelector(`${entry(phones.never)} button:text-is("Cabut Tablet posko")`);
      expect(await status(phones.never)).toBe('active');
    });
  });

  it('an org_admin lists the phones of her organisation with their owners, and none of another', async () => {
    const { phones } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signInWithCode(page, suite.world.admin, 'nav');
      await page.click('nav >> text=Ponsel');
      await page.waitForSelector('ul.phones');
      expect(await page.textContent('h1')).toBe('Ponsel pendamping');
      const listed = await page.$$eval('ul.phones li', (items) => items.map((item) => item.getAttribute('data-phone')));
      expect([...listed].sort()).toEqual([phones.synced, phones.never, phones.colleague].sort());
      expect(listed).not.toContain(phones.otherOrganisation);
      expect(await page.textContent(`${entry(phones.colleague)} .phone-owner`)).toBe('Test companion');
      expect(await page.textContent(`${entry(phones.never)} .phone-owner`)).toBe('Test companion');
      // Revoke is offered where the phone's `allowed` holds it, and never for a revoked phone.
      expect(await page.$$(`${entry(phones.colleague)} button`)).toHaveLength(1);
      expect(await page.$$(`${entry(phones.synced)} button`)).toHaveLength(0);
      await suite.checkScreen(watched, 'phones-organisation', 'ul.phones');

      // Her account has no phones of her own to show.
      await page.click('.who a');
      await page.waitForSelector('form');
      expect(await page.$$('.account-phones')).toHaveLength(0);
    });
  });
});
