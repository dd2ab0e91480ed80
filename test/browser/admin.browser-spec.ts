/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createOrganisation } from '../support/world';
import { BrowserSuite, signInWithCode, typeCredentials } from './browser-suite';

/**
 * The org_admin's screens in a real browser: one administrator asks for a new user and a password
 * reset, a second one (her own browser) approves and sees her half of the temporary password, the
 * first collects his, and the new user signs in with the two joined; then the structure, the
 * service directory and the audit log with its verification. Each step is checked against what
 * the server stored.
 */
describe('the administrator in a real browser', () => {
  const suite = BrowserSuite.register('admin', async (setup) => {
    const org = await createOrganisation(setup, 'Admin browser');
    return { org };
  });

  /** Follows the app's own links, as a user would: a reload would sign her out (the session lives in memory). */
  async function openRequests(page: Page): Promise<void> {
    await page.click('nav >> text=Pengguna');
    await page.waitForSelector('.cards');
    await page.click('main >> text=Permintaan administrasi');
    await page.waitForSelector('#to-decide');
  }

  async function requestOf(kind: string, about: string) {
    const [row] = await suite.stored<{
      id: string;
      state: string;
      requested_by: string;
      decided_by: string | null;
      subject_id: string | null;
      half_waiting: boolean;
    }>(
      `SELECT id, state, requested_by, decided_by, subject_id, requester_half IS NOT NULL AS half_waiting
         FROM admin_requests WHERE kind = $1 AND (payload->>'email' = $2 OR subject_id::text = $2)
         ORDER BY created_at DESC LIMIT 1`,
      [kind, about],
    );
    return row!;
  }

  /** Waits for the audit list the action asks for to arrive and show. */
  async function filtered(page: Page, action: () => Promise<void>): Promise<void> {
    const listed = page.waitForResponse((answer) => new URL(answer.url()).pathname === '/api/v1/audit');
    await action();
    expect((await listed).status()).toBe(200);
    await page.waitForSelector('.audit-events');
    await page.waitForFunction(() => !document.querySelector('#audit-filters ~ .actions button[disabled]'));
  }

  async function subjectsShown(page: Page): Promise<string[]> {
    return [
      ...new Set(
        await page.$$eval('.audit-events li', (items) => items.map((item) => item.getAttribute('data-subject') ?? '')),
      ),
    ];
  }

  async function signInFails(email: string, password: string): Promise<number> {
    const answer = await fetch(`${suite.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return answer.status;
  }

  it('one administrator asks for a user and a reset, the other approves, each sees only a half, and the user signs in with both joined', async () => {
    const { admin, approver } = suite.world.org;
    const requester = await suite.open();
    const decider = await suite.open();
    const newcomer = await suite.open();
    try {
      const page = requester.page;
      await signInWithCode(page, admin, 'nav >> text=Pengguna');
      await page.click('nav >> text=Pengguna');
      await page.waitForSelector('.cards >> text=Test companion');
      expect(await page.getAttribute('nav a[aria-current=page]', 'href')).toBe('/users');
      await suite.checkScreen(requester, 'admin-users', '.cards');

      await page.click('main >> text=Tambah pengguna');
      await page.waitForSelector('input[name=name]');
      expect(await page.getAttribute('input[name=name]', 'autocomplete')).toBe('off');
      expect(await page.getAttribute('input[name=email]', 'autocomplete')).toBe('off');
      await suite.checkScreen(requester, 'admin-user-create', 'input[name=name]');

      // Refused before it leaves: no name, an email without a domain, no group; what was typed stays.
      await page.fill('input[name=email]', 'sari.ndun');
      await page.click('form button[type=submit]');
      await page.waitForSelector('#user-name-error');
      expect(await page.getAttribute('input[name=email]', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('fieldset.choices', 'aria-describedby')).toBe('user-scope-error');
      expect(await page.inputValue('input[name=email]')).toBe('sari.ndun');
      await suite.checkScreen(requester, 'admin-user-create-refused', '#user-name-error');

      const email = `sari.ndun.${Date.now()}@example.test`;
      await page.fill('input[name=name]', 'Sari Ndun');
      await page.fill('input[name=email]', email);
      await page.check('label.choice >> text=Kelompok Mawar (Oesao)');
      const sent = page.waitForResponse((answer) => answer.url().endsWith('/api/v1/users'));
      await page.focus('form button[type=submit]');
      await page.keyboard.press('Enter');
      expect((await sent).status()).toBe(202);
      await page.waitForSelector('.saved >> text=Permintaan terkirim');
      const created = await requestOf('create_user', email);
      expect(created).toMatchObject({ state: 'pending', requested_by: admin.id, subject_id: null });

      // The second administrator, in her own browser, decides.
      const other = decider.page;
      await signInWithCode(other, approver, 'nav >> text=Pengguna');
      await openRequests(other);
      const card = `[data-request="${created.id}"]`;
      await other.waitForSelector(`#to-decide ~ ul ${card}`);
      expect(await other.textContent(card)).toContain('Sari Ndun');
      await suite.checkScreen(decider, 'admin-requests-to-decide', card);
      // The requester cannot decide his own request: no approve button for him.
      await openRequests(page);
      expect(await page.$(`${card} >> text=Setujui`)).toBeNull();

      await other.click(`${card} >> text=Setujui`);
      await other.waitForSelector('.password-half');
      const secondHalf = (await other.getAttribute('.half', 'data-half')) as string;
      expect(secondHalf).toMatch(/^[a-z2-9]{10}$/);
      expect(await other.textContent('.password-half')).toContain('Satu bagian saja bukan kata sandi');
      await suite.checkScreen(decider, 'admin-requests-approver-half', '.password-half');
      const approved = await requestOf('create_user', email);
      expect(approved).toMatchObject({ state: 'approved', decided_by: approver.id, half_waiting: true });
      const newUserId = approved.subject_id as string;
      const [stored] = await suite.stored<{ role: string; password_change_required: boolean; groups: string[] }>(
        `SELECT u.role, u.password_change_required,
                array(SELECT g.group_id::text FROM user_groups g WHERE g.user_id = u.id) AS groups
           FROM users u WHERE u.id = $1`,
        [newUserId],
      );
      expect(stored).toEqual({
        role: 'companion',
        password_change_required: true,
        groups: [suite.world.org.groups.a],
      });

      // The requester collects his half, once.
      await openRequests(page);
      await page.waitForSelector('#to-collect');
      await suite.checkScreen(requester, 'admin-requests-to-collect', '#to-collect');
      await page.click(`${card} >> text=Ambil bagian saya`);
      await page.waitForSelector('.password-half');
      const firstHalf = (await page.getAttribute('.half', 'data-half')) as string;
      expect(firstHalf).toMatch(/^[a-z2-9]{10}$/);
      expect(firstHalf).not.toBe(secondHalf);
      expect(await page.textContent('.password-half')).toContain('Bagian pertama');
      await suite.checkScreen(requester, 'admin-requests-requester-half', '.password-half');
      expect(await page.$('#to-collect')).toBeNull();
      expect((await requestOf('create_user', email)).half_waiting).toBe(false);

      // Neither half alone is the password; the two joined, first then second, are.
      expect(await signInFails(email, firstHalf)).toBe(401);
      expect(await signInFails(email, secondHalf)).toBe(401);
      const fresh = newcomer.page;
      await fresh.goto('/');
      await typeCredentials(fresh, email, `${firstHalf}${secondHalf}`);
      await fresh.waitForSelector('input[name=new-password]');
      expect(await fresh.textContent('h1')).toBe('Ganti kata sandi');
      await fresh.fill('input[name=current-password]', `${firstHalf}${secondHalf}`);
      await fresh.fill('input[name=new-password]', 'sawah-hijau-di-atambua-2026');
      await fresh.press('input[name=new-password]', 'Enter');
      await fresh.waitForSelector('h1 >> text=Kasus saya');
      const [changed] = await suite.stored<{ password_change_required: boolean }>(
        'SELECT password_change_required FROM users WHERE id = $1',
        [newUserId],
      );
      expect(changed!.password_change_required).toBe(false);

      // A password reset: asked by one, approved by the other, the halves again joined.
      await page.click('nav >> text=Pengguna');
      await page.click('.cards >> text=Sari Ndun');
      await page.waitForSelector('#account-title');
      expect(await page.textContent('h1')).toBe('Sari Ndun');
      await suite.checkScreen(requester, 'admin-user-page', '#account-title');
      await page.click('main >> text=Minta atur ulang kata sandi');
      await page.waitForSelector('.saved >> text=Permintaan terkirim');
      const reset = await requestOf('reset_password', newUserId);
      expect(reset).toMatchObject({ state: 'pending', requested_by: admin.id });

      await openRequests(other);
      const resetCard = `[data-request="${reset.id}"]`;
      await other.click(`${resetCard} >> text=Setujui`);
      await other.waitForSelector('.password-half');
      const resetSecond = (await other.getAttribute('.half', 'data-half')) as string;
      await openRequests(page);
      await page.click(`${resetCard} >> text=Ambil bagian saya`);
      await page.waitForSelector('.password-half');
      const resetFirst = (await page.getAttribute('.half', 'data-half')) as string;
      expect(await requestOf('reset_password', newUserId)).toMatchObject({
        state: 'approved',
        decided_by: approver.id,
        half_waiting: false,
      });
      expect(await signInFails(email, 'sawah-hijau-di-atambua-2026')).toBe(401);
      const login = await fetch(`${suite.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: `${resetFirst}${resetSecond}` }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { passwordChange?: string }).passwordChange).toBe('required');

      // A change of scope and a deactivation are requests too: the other approves the first and refuses the second.
      await page.click('nav >> text=Pengguna');
      await page.click('.cards >> text=Sari Ndun');
      await page.waitForSelector('#role-form-title');
      await page.check('label.choice >> text=Kelompok Melati (Kuatae)');
      await page.click('main >> text=Minta perubahan');
      await page.waitForSelector('.saved >> text=Permintaan terkirim');
      const deactivationSent = page.waitForResponse(
        (answer) => answer.url().includes('/api/v1/users/') && answer.request().method() === 'PATCH',
      );
      await page.click('main >> text=Minta penonaktifan');
      expect((await deactivationSent).status()).toBe(202);
      const scopeChange = await requestOf('change_role', newUserId);
      const deactivation = await requestOf('change_active', newUserId);
      expect([scopeChange.state, deactivation.state]).toEqual(['pending', 'pending']);

      await openRequests(other);
      await other.click(`[data-request="${scopeChange.id}"] >> text=Setujui`);
      await other.waitForSelector('.saved >> text=disetujui');
      expect(await other.$('.password-half')).toBeNull();
      await other.click(`[data-request="${deactivation.id}"] >> text=Tolak`);
      await other.waitForSelector('.saved >> text=ditolak');
      expect(await other.textContent(`#other-requests ~ ul [data-request="${deactivation.id}"]`)).toContain('Ditolak');
      expect(await requestOf('change_active', newUserId)).toMatchObject({ state: 'refused', decided_by: approver.id });
      const [scoped] = await suite.stored<{ active: boolean; groups: string[] }>(
        `SELECT u.active, array(SELECT g.group_id::text FROM user_groups g WHERE g.user_id = u.id ORDER BY g.group_id) AS groups
           FROM users u WHERE u.id = $1`,
        [newUserId],
      );
      expect(scoped).toEqual({ active: true, groups: [suite.world.org.groups.a, suite.world.org.groups.b].sort() });

      // The structure: a region, its village, a group there, renamed.
      await page.click('nav >> text=Struktur organisasi');
      await page.waitForSelector('[data-region=Kupang]');
      await suite.checkScreen(requester, 'admin-structure', '[data-region=Kupang]');
      await page.fill('#new-region-name', 'Belu');
      await page.fill('#new-region-code', 'bl');
      await page.click('#new-region-title ~ .actions button[type=submit]');
      await page.waitForSelector('#new-region-code-error');
      expect(await page.getAttribute('#new-region-code', 'aria-invalid')).toBe('true');
      expect(await page.inputValue('#new-region-name')).toBe('Belu');
      await suite.checkScreen(requester, 'admin-structure-refused', '#new-region-code-error');
      await page.fill('#new-region-code', 'BLU');
      await page.click('#new-region-title ~ .actions button[type=submit]');
      await page.waitForSelector('[data-region=Belu]');
      await page.fill('#new-village-name', 'Atambua');
      await page.selectOption('#new-village-regionId', { label: 'Belu' });
      await page.click('#new-village-title ~ .actions button[type=submit]');
      await page.waitForSelector('[data-village=Atambua]');
      await page.fill('#new-group-name', 'Kelompok Anggrek');
      await page.selectOption('#new-group-villageId', { label: 'Atambua (Belu)' });
      await page.click('#new-group-title ~ .actions button[type=submit]');
      await page.waitForSelector('[data-group="Kelompok Anggrek"]');
      await page.click('button[aria-label="Ubah nama Kelompok Anggrek"]');
      await page.fill('form.rename input[name=name]', 'Kelompok Kenanga');
      await page.press('form.rename input[name=name]', 'Enter');
      await page.waitForSelector('[data-group="Kelompok Kenanga"]');
      await page.click('button[aria-label="Tambah anggota ke Kelompok Kenanga"]');
      await page.selectOption('[data-group="Kelompok Kenanga"] select[name=userId]', { label: 'Sari Ndun' });
      await page.click('[data-group="Kelompok Kenanga"] button[type=submit]');
      await page.waitForSelector('[data-group="Kelompok Kenanga"] >> text=Anggota: Sari Ndun');
      const [structure] = await suite.stored<{ code: string; zone: string; village: string; grp: string }>(
        `SELECT r.code, r.time_zone AS zone, v.name AS village, g.name AS grp
           FROM regions r JOIN villages v ON v.region_id = r.id JOIN groups g ON g.village_id = v.id
          WHERE r.organization_id = $1 AND r.name = 'Belu'`,
        [suite.world.org.id],
      );
      expect(structure).toEqual({ code: 'BLU', zone: 'Asia/Makassar', village: 'Atambua', grp: 'Kelompok Kenanga' });
      const members = await suite.stored<{ name: string }>(
        'SELECT g.name FROM user_groups m JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1 ORDER BY g.name',
        [newUserId],
      );
      expect(members.map((row) => row.name)).toEqual(['Kelompok Kenanga', 'Kelompok Mawar', 'Kelompok Melati']);

      // The service directory: a provider added, then changed.
      await page.click('nav >> text=Direktori layanan');
      await page.waitForSelector('#new-provider-name');
      await page.fill('#new-provider-name', 'UPTD PPA Belu');
      await page.selectOption('#new-provider-serviceType', 'health');
      await page.selectOption('#new-provider-regionId', { label: 'Belu' });
      await page.fill('#new-provider-phone', '0389-21000');
      await page.click('#new-provider-title ~ .actions button[type=submit]');
      await page.waitForSelector('[data-provider="UPTD PPA Belu"]');
      expect(await page.textContent('[data-provider="UPTD PPA Belu"]')).toContain('Belu');
      await suite.checkScreen(requester, 'admin-directory', '[data-provider="UPTD PPA Belu"]');
      await page.click('button[aria-label="Ubah UPTD PPA Belu"]');
      await page.fill('[data-provider="UPTD PPA Belu"] input[name=name]', 'UPTD PPA Kabupaten Belu');
      await page.selectOption('[data-provider="UPTD PPA Belu"] select[name=serviceType]', 'legal_aid');
      await page.click('[data-provider="UPTD PPA Belu"] button[type=submit]');
      await page.waitForSelector('[data-provider="UPTD PPA Kabupaten Belu"]');
      const [provider] = await suite.stored<{ service_type: string; region: string; version: number }>(
        `SELECT p.service_type, r.name AS region, p.version FROM service_providers p JOIN regions r ON r.id = p.region_id
          WHERE p.organization_id = $1 AND p.name = 'UPTD PPA Kabupaten Belu'`,
        [suite.world.org.id],
      );
      expect(provider).toEqual({ service_type: 'legal_aid', region: 'Belu', version: 2 });

      // The audit log shows those events, names fields and never values, and its chain verifies.
      await page.click('nav >> text=Log audit');
      await page.waitForSelector('.audit-events');
      await suite.checkScreen(requester, 'admin-audit', '.audit-events');
      await page.selectOption('#audit-subject', 'AdminRequest');
      await filtered(page, () => page.press('#audit-filters ~ .actions button[type=submit]', 'Enter'));
      expect(await subjectsShown(page)).toEqual(['AdminRequest']);
      for (const action of ['create', 'approve', 'collect'])
        expect(await page.$(`.audit-events li[data-action=${action}]`)).not.toBeNull();
      await page.selectOption('#audit-subject', 'Region');
      await page.selectOption('#audit-action', 'create');
      await filtered(page, () => page.press('#audit-filters ~ .actions button[type=submit]', 'Enter'));
      expect(await subjectsShown(page)).toEqual(['Region']);
      // Kupang, SoE (the world's) and Belu: three regions created, each naming the fields it wrote.
      expect(await page.locator('.audit-events li').count()).toBe(3);
      expect(await page.textContent('.audit-events li')).toMatch(/^Membuat · Wilayah.*Kolom: .*name/);

      await page.click('main >> text=Periksa rantai');
      await page.waitForSelector('.verdict');
      expect(await page.getAttribute('.verdict', 'data-valid')).toBe('true');
      expect(await page.textContent('.verdict')).toMatch(/^Rantai utuh: \d+ catatan/);
      await suite.checkScreen(requester, 'admin-audit-verified', '.verdict');
      const [{ events }] = (await suite.stored<{ events: number }>(
        'SELECT count(*)::int AS events FROM audit_events WHERE organization_id = $1',
        [suite.world.org.id],
      )) as [{ events: number }];
      expect(Number(/(\d+) catatan/.exec((await page.textContent('.verdict')) as string)![1])).toBeLessThanOrEqual(
        events,
      );

      await filtered(page, () => page.click('main >> text=Hapus saringan'));
      expect(await subjectsShown(page)).toContain('ServiceProvider');
      const shown = (await page.textContent('.audit-events')) as string;
      for (const value of [email, '0389-21000', firstHalf, secondHalf, resetFirst, resetSecond, 'UPTD PPA'])
        expect({ value, shown: shown.includes(value) }).toEqual({ value, shown: false });
    } finally {
      await Promise.all([requester, decider, newcomer].map((watched) => watched.context.close()));
    }
  }, 300_000);
});
