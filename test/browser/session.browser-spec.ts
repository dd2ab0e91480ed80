/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createCase, newCaseBody } from '../support/cases';
import { approveRequest, createOrganisation, createUserWithOwnPassword, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, freshTotpCode, signInWithCode, typeCredentials } from './browser-suite';

const IDLE_LOCK_MINUTES = 2;
const REFRESH_COOKIE = 'pendamping_refresh';

/**
 * The browser session's lifecycle (SPEC §11): a loaded page resumes the session of the refresh
 * cookie, a sign-in never races with that, the idle lock is measured across tabs and locks them
 * all, and the notice of an administrator's reset stands until acknowledged.
 */
describe('the browser session', () => {
  const suite = BrowserSuite.register(
    'session',
    async (setup) => {
      const org = await createOrganisation(setup, 'Session');
      const created = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      const resetUser = await createUserWithOwnPassword(setup, org.admin, 'companion', { groupIds: [org.groups.a] });
      const requested = await setup
        .http()
        .post('/api/v1/admin-requests')
        .set(org.admin.auth())
        .send({ kind: 'reset_password', subjectId: resetUser.id })
        .expect(202);
      const { temporaryPassword } = await approveRequest(setup, org.admin, requested.body.id);
      const nameOf = async (user: { auth(): { authorization: string } }) =>
        (await setup.http().get('/api/v1/me').set(user.auth()).expect(200)).body.name as string;
      return {
        companion: {
          email: org.companionA.email,
          caseId: created.id as string,
          caseNumber: created.caseNumber as string,
        },
        coordinator: {
          email: org.coordinatorA.email,
          password: TEST_PASSWORD,
          totpSecret: org.coordinatorA.totpSecret,
        },
        reset: {
          email: resetUser.email,
          temporaryPassword: temporaryPassword as string,
          requester: await nameOf(org.admin),
          approver: await nameOf(org.approver),
        },
      };
    },
    { WEB_IDLE_LOCK_MINUTES: String(IDLE_LOCK_MINUTES) },
  );

  /** The server's answer to a refresh that presents this cookie, as another browser would send it. */
  const refreshWith = async (cookie: string) =>
    (
      await fetch(`${suite.origin}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: {
          cookie: `${REFRESH_COOKIE}=${cookie}`,
          origin: suite.origin,
          'x-session-transport': 'cookie',
          'content-type': 'application/json',
        },
        body: '{}',
      })
    ).status;

  const countLogins = (page: Page) => {
    const logins = { count: 0 };
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/login')) logins.count++;
    });
    return logins;
  };

  it('a reload and a new tab go on with the session without a new sign-in; after sign-out neither does', async () => {
    const watched = await suite.open();
    const { page, context } = watched;
    try {
      const logins = countLogins(page);
      await page.goto('/');
      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.click(`.worklist >> text=${suite.world.companion.caseNumber}`);
      await page.waitForSelector('#case-follow-ups');

      await page.reload();
      await page.waitForSelector('#case-follow-ups');
      expect(new URL(page.url()).pathname).toBe(`/cases/${suite.world.companion.caseId}`);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      const tab = await context.newPage();
      await tab.goto('/');
      await tab.waitForSelector(`.worklist >> text=${suite.world.companion.caseNumber}`);
      expect(logins.count).toBe(1);

      await page.click('header >> text=Keluar');
      await page.waitForSelector('input[name=email]');
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(REFRESH_COOKIE);
      await tab.reload();
      await tab.waitForSelector('input[name=email]');
      await page.reload();
      await page.waitForSelector('input[name=email]');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('signing out and in again right away reaches the code step every time, the reloaded page never racing the sign-in, and a wrong code is said to be wrong', async () => {
    const watched = await suite.open();
    const { page, context } = watched;
    const frame = 'nav a[aria-current=page]';
    try {
      await signInWithCode(page, suite.world.coordinator, frame);
      await page.reload();
      await page.waitForSelector(frame);

      await page.click('header >> text=Keluar');
      await typeCredentials(page, suite.world.coordinator.email, TEST_PASSWORD);
      await page.waitForSelector('input[name=code]', { timeout: 10_000 });
      await page.fill('input[name=code]', await freshTotpCode(suite.world.coordinator.totpSecret!));
      await page.press('input[name=code]', 'Enter');
      await page.waitForSelector(frame);

      await page.reload();
      await page.waitForSelector(frame);
      await page.click('header >> text=Keluar');
      await typeCredentials(page, suite.world.coordinator.email, TEST_PASSWORD);
      await page.waitForSelector('input[name=code]', { timeout: 10_000 });

      // A wrong code is answered by the server's asking for the code again: the page says the code was wrong.
      const code = await freshTotpCode(suite.world.coordinator.totpSecret!);
      await page.fill('input[name=code]', `${code.slice(0, 5)}${(Number(code[5]) + 5) % 10}`);
      await page.press('input[name=code]', 'Enter');
      await page.waitForSelector('[role=alert] >> text=Kode salah. Coba lagi.');
      await page.fill('input[name=code]', await freshTotpCode(suite.world.coordinator.totpSecret!));
      await page.press('input[name=code]', 'Enter');
      await page.waitForSelector(frame);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('two tabs idle together lock together: the session ends on the server, nothing stays, and signing in unlocks where she was', async () => {
    const watched = await suite.open();
    const { page, context } = watched;
    const { caseId, caseNumber } = suite.world.companion;
    try {
      await context.clock.install();
      await page.goto('/');
      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.click(`.worklist >> text=${caseNumber}`);
      await page.waitForSelector('#case-follow-ups');
      const tab = await context.newPage();
      await tab.goto('/');
      await tab.waitForSelector('.worklist');
      const cookie = (await context.cookies()).find((candidate) => candidate.name === REFRESH_COOKIE)!.value;

      // Input in one tab keeps both open: idle time is the browser's, not the tab's.
      await context.clock.fastForward((IDLE_LOCK_MINUTES * 60 - 30) * 1000);
      await tab.keyboard.press('Tab');
      await context.clock.fastForward(60_000);
      expect(await page.isVisible('#case-follow-ups')).toBe(true);
      expect(await tab.isVisible('.worklist')).toBe(true);

      await context.clock.fastForward(IDLE_LOCK_MINUTES * 60_000);
      for (const locked of [page, tab]) {
        await locked.waitForURL((url) => url.pathname === '/locked');
        await locked.waitForSelector('h1 >> text=Pendamping terkunci');
      }
      // Whichever tab locked first ended the session, without clearing the app's files.
      const logouts = watched.responses.filter((response) => response.url().endsWith('/api/v1/auth/logout'));
      expect(logouts.map((response) => response.status())).toContain(204);
      for (const logout of logouts) {
        expect(logout.request().postDataJSON()).toEqual({ lock: true });
        expect(await logout.headerValue('clear-site-data')).toBeNull();
      }
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/cases/${caseId}`);

      // Nothing in the locked browser opens a session or shows a record.
      expect((await context.cookies()).map((candidate) => candidate.name)).not.toContain(REFRESH_COOKIE);
      expect(await refreshWith(cookie)).toBe(401);
      expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
      expect(await page.evaluate(() => Object.keys(localStorage).sort())).toEqual([
        'pendamping.activity',
        'pendamping.language',
        'pendamping.locked',
      ]);
      expect(await page.textContent('body')).not.toContain(caseNumber);
      await suite.checkScreen(watched, 'locked', 'input[name=email]');

      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.waitForSelector('#case-follow-ups');
      expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
      // The other tab follows: a fresh page that resumes the session just opened.
      await tab.waitForSelector(`.worklist >> text=${caseNumber}`);
      expect(new URL(tab.url()).pathname).toBe('/');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a browser whose tabs were all closed with the session open, and reopened after the idle time, shows the lock page', async () => {
    const watched = await suite.open();
    const { page, context } = watched;
    try {
      await context.clock.install();
      await page.goto('/');
      await typeCredentials(page, suite.world.companion.email, TEST_PASSWORD);
      await page.waitForSelector('.worklist');
      const cookie = (await context.cookies()).find((candidate) => candidate.name === REFRESH_COOKIE)!.value;
      await page.goto('about:blank');
      await context.clock.fastForward((IDLE_LOCK_MINUTES * 60 + 30) * 1000);

      await page.goto('/');
      await page.waitForSelector('h1 >> text=Pendamping terkunci');
      expect(new URL(page.url()).pathname).toBe('/locked');
      expect(await page.isVisible('.worklist')).toBe(false);
      expect(await refreshWith(cookie)).toBe(401);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('after an administrator reset her password, she changes it and then acknowledges the notice of the reset', async () => {
    const watched = await suite.open();
    const { page, context } = watched;
    const { email, temporaryPassword, requester, approver } = suite.world.reset;
    const newPassword = `${TEST_PASSWORD}-baru`;
    try {
      await page.goto('/');
      await typeCredentials(page, email, temporaryPassword);
      await page.waitForSelector('input[name=new-password]');
      await page.fill('input[name=current-password]', temporaryPassword);
      await page.fill('input[name=new-password]', newPassword);
      await page.press('input[name=new-password]', 'Enter');

      await page.waitForSelector('.reset-notice');
      expect(await page.textContent('h1')).toBe('Kata sandi Anda telah direset');
      expect(await page.textContent('.reset-notice')).toContain(`${requester} meminta reset ini dan ${approver}`);
      await suite.checkScreen(watched, 'reset-notice', '.reset-notice');

      // A reload does not lose it: the server keeps it until she acknowledges it.
      await page.reload();
      await page.waitForSelector('.reset-notice');
      const acknowledged = page.waitForResponse((response) =>
        response.url().endsWith('/api/v1/me/reset-notice/acknowledge'),
      );
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect((await acknowledged).status()).toBe(204);
      await page.waitForSelector('main >> text=Belum ada kasus');

      const login = await fetch(`${suite.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: newPassword }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const me = await fetch(`${suite.origin}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(await me.json()).not.toHaveProperty('resetNotice');
    } finally {
      await context.close();
    }
  }, 120_000);
});
