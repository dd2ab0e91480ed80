/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { generateTotpCode } from '@pendamping/auth/authentication';
import { createCase, newCaseBody } from '../support/cases';
import { approveRequest, createOrganisation, createUserWithOwnPassword, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, typeCredentials } from './browser-suite';

/**
 * Sign-in and the first screens in Debian's Chromium against the built API as its own process,
 * PostgreSQL and Redis: each flow signs in once, and every screen it reaches is checked by axe in
 * both languages at both sizes.
 */
describe('the web client in a real browser', () => {
  const suite = BrowserSuite.register('web client', async (setup) => {
    const org = await createOrganisation(setup, 'Browser');
    const created = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    const coordinator = await createUserWithOwnPassword(setup, org.admin, 'coordinator', {
      regionIds: [org.regions.a],
    });
    const email = `companion-temporary-${Date.now()}@example.test`;
    const requested = await setup
      .http()
      .post('/api/v1/users')
      .set(org.admin.auth())
      .send({ email, name: 'Test companion', role: 'companion', groupIds: [org.groups.a] })
      .expect(202);
    const { temporaryPassword } = await approveRequest(setup, org.admin, requested.body.id);
    return {
      companion: { email: org.companionA.email, caseNumber: created.caseNumber },
      coordinator: { email: coordinator.email },
      temporary: { email, password: temporaryPassword as string },
    };
  });

  it('a companion signs in and sees her worklist, both within the size budget, and her session is renewed before it expires', async () => {
    const watched = await suite.open();
    const { page } = watched;
    try {
      await page.clock.install();
      await page.goto('/');
      await page.waitForSelector('input[name=email]');
      await suite.withinBudget(watched, 'sign-in');
      expect(await page.getAttribute('input[name=email]', 'autocomplete')).toBe('off');
      await suite.checkScreen(watched, 'sign-in', 'input[name=email]');

      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.waitForSelector(`.worklist >> text=${suite.world.companion.caseNumber}`);
      // The keyboard goes on from the new screen's title, not from a button that is gone.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await suite.withinBudget(watched, 'worklist');
      await suite.checkScreen(watched, 'worklist', '.worklist');
      expect(await page.textContent('h1')).toBe('Kasus saya');

      // Ten minutes on in the page: the access token is renewed before it expires, the session goes on.
      const renewed = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
      await page.clock.fastForward('10:00');
      expect((await renewed).status()).toBe(200);
      await page.click('nav >> text=Tindak lanjut');
      await page.click('nav >> text=Kasus saya');
      await page.waitForSelector(`.worklist >> text=${suite.world.companion.caseNumber}`);

      await page.click('header >> text=Keluar');
      await page.waitForSelector('input[name=email]');
    } finally {
      await watched.context.close();
    }
  }, 180_000);

  it('a phone whose clock runs half an hour ahead of the server does not renew its session in a loop', async () => {
    const watched = await suite.open();
    const { page } = watched;
    try {
      await page.clock.install({ time: Date.now() + 30 * 60_000 });
      await page.goto('/');
      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.waitForSelector(`.worklist >> text=${suite.world.companion.caseNumber}`);
      // Counted from the sign-in on: the page's load asked the cookie once for a session to resume.
      let renewals = 0;
      page.on('request', (request) => {
        if (request.url().endsWith('/api/v1/auth/refresh')) renewals++;
      });
      await page.waitForTimeout(2_000);
      expect(renewals).toBe(0);
    } finally {
      await watched.context.close();
    }
  }, 60_000);

  it('a companion opens a case from her worklist with the keyboard and adds a follow-up that then shows, what she typed kept when a check fails', async () => {
    const watched = await suite.open();
    const { page } = watched;
    try {
      await page.goto('/');
      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.waitForSelector(`.worklist >> text=${suite.world.companion.caseNumber}`);
      // From the worklist's title the keyboard reaches "new case", then the first case.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(suite.world.companion.caseNumber);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#case-follow-ups');
      expect(new URL(page.url()).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
      expect(await page.textContent('h1')).toBe(`Kasus ${suite.world.companion.caseNumber}`);
      expect(await page.textContent('main')).toContain('Belum ada tindak lanjut.');
      expect(await page.textContent('#case-history + ul')).toContain('Kasus diterima');
      await suite.checkScreen(watched, 'case-page', '#case-follow-ups');

      const notes = 'Penyintas aman, bertemu ibunya';
      await page.focus('textarea[name=notes]');
      await page.keyboard.type(notes);
      await page.click('button[type=submit]');
      await page.waitForSelector('#follow-up-type-error');
      expect(await page.getAttribute('select[name=type]', 'aria-invalid')).toBe('true');
      expect(await page.inputValue('textarea[name=notes]')).toBe(notes);
      await suite.checkScreen(watched, 'follow-up-refused', '#follow-up-type-error');

      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/follow-ups') && response.request().method() === 'POST',
      );
      await page.selectOption('select[name=type]', 'home_visit');
      await page.focus('textarea[name=notes]');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Antar ke puskesmas');
      await page.focus('button[type=submit]');
      await page.keyboard.press('Enter');
      expect((await saved).status()).toBe(201);
      await page.waitForSelector(`.follow-ups >> text=${notes}`);
      expect(await page.textContent('.follow-ups')).toContain('Kunjungan rumah');
      expect(await page.inputValue('textarea[name=notes]')).toBe('');
      expect(await page.textContent('.saved')).toBe('Tindak lanjut disimpan.');
    } finally {
      await watched.context.close();
    }
  }, 180_000);

  it('a coordinator signs in, enrols TOTP through the secret shown beside the QR code, and signs in again with a recovery code', async () => {
    const watched = await suite.open();
    const { page } = watched;
    try {
      await page.goto('/');
      await typeCredentials(page, suite.world.coordinator.email, TEST_PASSWORD);
      await page.waitForSelector('[data-secret]');
      const drawn = await page.$eval('canvas.qr', (canvas) => (canvas as HTMLCanvasElement).width);
      expect(drawn).toBeGreaterThan(100);
      await suite.checkScreen(watched, 'totp-enrolment', '[data-secret]');

      const secret = (await page.getAttribute('[data-secret]', 'data-secret')) as string;
      await page.fill('input[name=code]', generateTotpCode({ secret, now: new Date() }));
      await page.press('input[name=code]', 'Enter');
      await page.waitForSelector('.codes li');
      expect(await page.locator('.codes li').count()).toBe(10);
      await suite.checkScreen(watched, 'recovery-codes', '.codes li');

      const recoveryCode = (await page.textContent('.codes li')) as string;
      await page.click('button.primary');
      await page.waitForSelector('nav a[aria-current=page]');
      expect(await page.textContent('nav a[aria-current=page]')).toBe('Kasus');
      await suite.checkScreen(watched, 'coordinator-frame', 'nav a[aria-current=page]');

      await page.click('header >> text=Keluar');
      await typeCredentials(page, suite.world.coordinator.email, TEST_PASSWORD);
      await page.waitForSelector('input[name=code]');
      await suite.checkScreen(watched, 'second-factor', 'input[name=code]');
      await page.click('button.link');
      await page.fill('input[name=code]', recoveryCode);
      await page.press('input[name=code]', 'Enter');
      await page.waitForSelector('nav a[aria-current=page]');
    } finally {
      await watched.context.close();
    }
  }, 180_000);

  it('a user with a temporary password changes it before anything else', async () => {
    const watched = await suite.open();
    const { page } = watched;
    try {
      await page.goto('/cases/somewhere');
      await typeCredentials(page, suite.world.temporary.email, suite.world.temporary.password);
      await page.waitForSelector('input[name=new-password]');
      await suite.checkScreen(watched, 'password-change', 'input[name=new-password]');

      await page.fill('input[name=current-password]', suite.world.temporary.password);
      await page.fill('input[name=new-password]', `${TEST_PASSWORD}-baru`);
      await page.press('input[name=new-password]', 'Enter');
      await page.waitForSelector('main >> text=Belum ada kasus');

      // Later, from her account, she changes it again herself; the old one no longer opens a session.
      await page.click('header >> text=Akun saya');
      await page.waitForSelector('h1:has-text("Ganti kata sandi")');
      expect(await page.$('nav a[aria-current=page]')).toBeNull();
      await suite.checkScreen(watched, 'account', 'input[name=new-password]');
      await page.fill('input[name=current-password]', `${TEST_PASSWORD}-baru`);
      await page.fill('input[name=new-password]', `${TEST_PASSWORD}-lagi`);
      await page.press('input[name=new-password]', 'Enter');
      await page.waitForSelector('.carried-notice:has-text("Kata sandi Anda sudah diganti.")');
      expect(new URL(page.url()).pathname).toBe('/');
      const refused = await page.request.post('/api/v1/auth/login', {
        data: { email: suite.world.temporary.email, password: `${TEST_PASSWORD}-baru` },
      });
      expect(refused.status()).toBe(401);
      const accepted = await page.request.post('/api/v1/auth/login', {
        data: { email: suite.world.temporary.email, password: `${TEST_PASSWORD}-lagi` },
      });
      expect(accepted.status()).toBe(200);
    } finally {
      await watched.context.close();
    }
  }, 180_000);
});
