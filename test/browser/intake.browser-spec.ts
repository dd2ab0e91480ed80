/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, freshTotpCode, signIn } from './browser-suite';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The step's title, which takes the focus when the step opens. */
async function onStep(page: Page, title: string): Promise<void> {
  await page.waitForSelector(`h2.step-title:text-is("${title}")`);
  await page.waitForFunction((wanted) => document.activeElement?.textContent === wanted, title);
}

/** Waits until the keyboard's focus is on the control named `name`. */
async function focusedOn(page: Page, name: string): Promise<void> {
  await page.waitForFunction((wanted) => document.activeElement?.getAttribute('name') === wanted, name);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.focus(selector);
  await page.keyboard.type(text);
}

/** A checkbox or radio ticked as a keyboard user does: focus, then Space. */
async function tick(page: Page, selector: string): Promise<void> {
  await page.focus(selector);
  await page.keyboard.press('Space');
}

/** Presses the step's own submit button with the keyboard. */
async function pressSubmit(page: Page): Promise<void> {
  await page.focus('form.intake button[type=submit]');
  await page.keyboard.press('Enter');
}

/**
 * The companion's case intake and the case edit with its field-by-field conflict screen, in
 * Debian's Chromium against the built API: every step at 360×640 with the keyboard, checked by axe
 * in both languages at both sizes, and what the server stored read back through the API.
 */
describe('the case intake and edit in a real browser', () => {
  const suite = BrowserSuite.register('intake', async (setup) => {
    const org = await createOrganisation(setup, 'Intake');
    return {
      companion: { email: org.companionA.email, id: org.companionA.id },
      coordinator: { email: org.coordinatorA.email, totpSecret: org.coordinatorA.totpSecret! },
      villageId: org.villages.a,
      groupId: org.groups.a,
    };
  });

  /** A session of the API outside the browser, as another device would hold it. */
  async function apiSession(
    login: Json,
  ): Promise<(method: string, path: string, body?: Json, headers?: Json) => Promise<Json>> {
    const answer = await fetch(`${suite.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    });
    expect(answer.status).toBe(200);
    const { accessToken } = (await answer.json()) as { accessToken: string };
    return async (method, path, body, headers = {}) => {
      const response = await fetch(`${suite.origin}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...headers },
        body: body && JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
  }

  it('a companion takes in a case through every step with the keyboard, then an edit that crosses a colleague’s change is resolved field by field', async () => {
    const watched = await suite.open();
    const { page } = watched;
    const { companion, coordinator } = suite.world;
    const name = 'Maria Canary Intake';
    const perpetratorName = 'Yohanes Canary Pelaku';
    const narrative = 'Dipukul di rumah pada malam hari.';
    try {
      await signIn(page, companion.email, TEST_PASSWORD, 'a[href="/cases/new"]');
      // From the worklist's title the keyboard reaches "new case" first.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/cases/new');
      await suite.checkScreen(watched, 'worklist-new-case', 'a[href="/cases/new"]');
      await page.focus('a[href="/cases/new"]');
      await page.keyboard.press('Enter');

      // Step 1, the survivor: refused without her sex and with a NIK of 15 digits, what was typed kept.
      await page.waitForSelector('h2.step-title:text-is("Penyintas")');
      expect(new URL(page.url()).pathname).toBe('/cases/new');
      expect(await page.textContent('.step-count')).toBe('Langkah 1 dari 5');
      for (const input of await page.$$('form.intake input:not([type=checkbox]), form.intake textarea'))
        expect(await input.getAttribute('autocomplete')).toBe('off');
      await suite.checkScreen(watched, 'intake-survivor', 'input[name="survivor.name"]');
      await typeInto(page, 'input[name="survivor.name"]', name);
      await typeInto(page, 'input[name="survivor.nik"]', '530101010101010');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#case-survivor-sex-error');
      await focusedOn(page, 'survivor.sex');
      expect(await page.getAttribute('select[name="survivor.sex"]', 'aria-invalid')).toBe('true');
      expect(await page.textContent('#case-survivor-nik-error')).toBe('NIK harus 16 angka.');
      expect(await page.inputValue('input[name="survivor.name"]')).toBe(name);
      expect(await page.textContent('[role=alert]')).toContain('Ada isian yang perlu diperbaiki');
      await suite.checkScreen(watched, 'intake-survivor-refused', '#case-survivor-sex-error');

      await page.selectOption('select[name="survivor.sex"]', 'female');
      await typeInto(page, 'input[name="survivor.nik"]', '1');
      await page.fill('input[name="survivor.birthDate"]', '2011-04-09');
      await typeInto(page, 'input[name="survivor.ageAtIntake"]', '15');
      await page.selectOption('select[name="survivor.disability"]', 'none');
      // The duplicate check, asked for: nobody with her name and birth year is known.
      await page.focus('.duplicate-check button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.duplicate-check [role=status]:has-text("Belum ada kasus")');
      await page.focus('input[name="survivor.alias"]');
      await page.keyboard.press('Enter');

      // Step 2, what happened; "back" keeps every value of both steps.
      await onStep(page, 'Kejadian');
      const placeValue = `group:${suite.world.groupId}:${suite.world.villageId}`;
      await page.selectOption('select[name=place]', placeValue);
      expect(await page.textContent(`select[name=place] option[value="${placeValue}"]`)).toBe(
        'Kelompok Mawar, Desa Oesao',
      );
      await tick(page, '#case-violenceTypes-0');
      await tick(page, '#case-violenceTypes-1');
      await page.fill('input[name=incidentDate]', '2026-02-27');
      await tick(page, 'input[name=incidentDateApproximate]');
      await page.selectOption('select[name=placeType]', 'home');
      await page.selectOption('select[name=referralSource]', 'family');
      await typeInto(page, 'textarea[name=narrative]', narrative);
      await suite.checkScreen(watched, 'intake-incident', 'select[name=place]');
      await page.focus('form.intake button[type=button]');
      await page.keyboard.press('Enter');
      await onStep(page, 'Penyintas');
      expect(await page.inputValue('input[name="survivor.name"]')).toBe(name);
      expect(await page.inputValue('input[name="survivor.nik"]')).toBe('5301010101010101');
      await pressSubmit(page);
      await onStep(page, 'Kejadian');
      expect(await page.inputValue('select[name=place]')).toBe(placeValue);
      expect(await page.isChecked('#case-violenceTypes-1')).toBe(true);
      expect(await page.inputValue('textarea[name=narrative]')).toBe(narrative);
      await pressSubmit(page);

      // Step 3, the perpetrators: none at first; the one added takes the focus.
      await onStep(page, 'Pelaku');
      await suite.checkScreen(watched, 'intake-perpetrators-none', 'h2.step-title');
      await page.focus('form.intake p button[type=button]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('fieldset.perpetrator');
      await focusedOn(page, 'perpetrators.0.relationship');
      await page.selectOption('select[name="perpetrators.0.relationship"]', 'step_parent');
      await page.selectOption('select[name="perpetrators.0.sex"]', 'male');
      await typeInto(page, 'input[name="perpetrators.0.name"]', perpetratorName);
      await suite.checkScreen(watched, 'intake-perpetrator', 'fieldset.perpetrator');
      await pressSubmit(page);

      // Step 4, risk and consent: refused without the consent to record.
      await onStep(page, 'Risiko dan persetujuan');
      await page.selectOption('select[name=riskLevel]', 'high');
      await typeInto(page, 'textarea[name=safetyPlan]', 'Tinggal di rumah bibi.');
      await pressSubmit(page);
      await page.waitForSelector('#case-consent-record-error');
      await focusedOn(page, 'consent.record');
      expect(await page.inputValue('textarea[name=safetyPlan]')).toBe('Tinggal di rumah bibi.');
      await suite.checkScreen(watched, 'intake-consent-refused', '#case-consent-record-error');
      await tick(page, 'input[name="consent.record"]');
      await tick(page, 'input[name="consent.refer"]');
      await page.selectOption('select[name="consent.givenBy"]', 'guardian');
      await pressSubmit(page);

      // The review shows every answer in words, and saves once.
      await onStep(page, 'Periksa lalu simpan');
      const review = (await page.textContent('form.intake')) as string;
      for (const shown of [
        name,
        'Perempuan',
        'Kekerasan fisik',
        'Kekerasan psikis',
        'Kelompok Mawar, Desa Oesao',
        narrative,
        perpetratorName,
      ])
        expect(review).toContain(shown);
      expect(review).toContain('Tinggi');
      await suite.checkScreen(watched, 'intake-review', 'form.intake .review');
      const posted = page.waitForRequest(
        (request) => request.url().endsWith('/api/v1/cases') && request.method() === 'POST',
      );
      await pressSubmit(page);
      const request = await posted;
      const answer = await request.response();
      expect(answer?.status()).toBe(201);
      expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      const chosenId = (request.postDataJSON() as Json).id as string;
      expect(chosenId).toMatch(/^[0-9a-f-]{36}$/);

      // The new case's page, with the confirmation.
      await page.waitForSelector('.carried-notice:has-text("sudah tersimpan")');
      expect(new URL(page.url()).pathname).toBe(`/cases/${chosenId}`);
      const caseNumber = /Kasus (\S+) sudah tersimpan/.exec((await page.textContent('.carried-notice')) as string)![1]!;
      expect(caseNumber).toMatch(/^KPG-\d{4}-\d{4}$/);
      await suite.checkScreen(watched, 'intake-saved', '.carried-notice');

      const asCompanion = await apiSession({ email: companion.email, password: TEST_PASSWORD });
      const stored = (await asCompanion('GET', `/cases/${chosenId}`)).body;
      expect(stored).toMatchObject({
        caseNumber,
        version: 1,
        villageId: suite.world.villageId,
        groupId: suite.world.groupId,
        assignedCompanionId: companion.id,
        incidentDate: '2026-02-27',
        incidentDateApproximate: true,
        placeType: 'home',
        referralSource: 'family',
        riskLevel: 'high',
        narrative,
        safetyPlan: 'Tinggal di rumah bibi.',
        survivor: {
          name,
          nik: '5301010101010101',
          birthDate: '2011-04-09',
          sex: 'female',
          ageAtIntake: 15,
          disability: 'none',
        },
        perpetrators: [{ relationship: 'step_parent', sex: 'male', name: perpetratorName }],
        consent: { record: true, refer: true, shareDeidentified: false, givenBy: 'guardian' },
      });
      expect([...(stored.violenceTypes as string[])].sort()).toEqual(['fisik', 'psikis']);

      // Her worklist shows the case.
      await page.click('nav >> text=Kasus saya');
      await page.waitForSelector(`.worklist >> text=${caseNumber}`);

      // The edit: she changes the risk level and the alias while her coordinator changes the risk
      // level and the safety plan; the save meets a 409 and asks only about the risk level.
      await page.click(`.worklist >> text=${caseNumber}`);
      await page.waitForSelector(`a[href="/cases/${chosenId}/edit"]`);
      await page.focus(`a[href="/cases/${chosenId}/edit"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('select[name=riskLevel]');
      expect(await page.textContent('h1')).toBe(`Ubah kasus ${caseNumber}`);
      expect(await page.inputValue('input[name="survivor.name"]')).toBe(name);
      await suite.checkScreen(watched, 'case-edit', 'select[name=riskLevel]');
      await page.selectOption('select[name=riskLevel]', 'critical');
      await typeInto(page, 'input[name="survivor.alias"]', 'Bunga');
      // A perpetrator learnt of later is added here.
      expect(await page.inputValue('input[name="perpetrators.0.name"]')).toBe(perpetratorName);
      await page.click('button:text-is("Tambah pelaku")');
      await focusedOn(page, 'perpetrators.1.relationship');
      await page.selectOption('select[name="perpetrators.1.relationship"]', 'neighbour');

      const asCoordinator = await apiSession({
        email: coordinator.email,
        password: TEST_PASSWORD,
        totp: await freshTotpCode(coordinator.totpSecret),
      });
      const concurrent = await asCoordinator(
        'PATCH',
        `/cases/${chosenId}`,
        { riskLevel: 'medium', safetyPlan: 'Rencana koordinator: rumah aman.' },
        { 'if-match': '"1"' },
      );
      expect(concurrent.status).toBe(200);

      const refusedSave = page.waitForResponse(
        (response) => response.url().endsWith(`/cases/${chosenId}`) && response.request().method() === 'PATCH',
      );
      await pressSubmit(page);
      expect((await refusedSave).status()).toBe(409);
      await page.waitForSelector('form.conflicts');
      expect(await page.textContent('h1')).toBe('Kasus ini baru saja diubah orang lain');
      expect(await page.locator('form.conflicts fieldset').count()).toBe(1);
      const conflict = (await page.textContent('form.conflicts fieldset')) as string;
      expect(conflict).toContain('Tingkat risiko');
      expect(conflict).toContain('Isian Anda: Kritis');
      expect(conflict).toContain('Isian yang sekarang tersimpan di server: Sedang');
      await suite.checkScreen(watched, 'edit-conflict', 'form.conflicts');

      // Saving without a choice is refused; then she keeps her own value.
      await pressSubmit(page);
      await page.waitForSelector('#case-riskLevel-error');
      await page.waitForFunction(() => document.activeElement?.id === 'case-riskLevel-mine');
      await suite.checkScreen(watched, 'edit-conflict-unchosen', '#case-riskLevel-error');
      await tick(page, '#case-riskLevel-mine');
      const resolved = page.waitForResponse(
        (response) => response.url().endsWith(`/cases/${chosenId}`) && response.request().method() === 'PATCH',
      );
      await pressSubmit(page);
      const resolvedAnswer = await resolved;
      expect(resolvedAnswer.status()).toBe(200);
      expect(resolvedAnswer.request().headers()['if-match']).toBe('"2"');
      await page.waitForSelector('.carried-notice:has-text("Perubahan kasus")');
      expect(new URL(page.url()).pathname).toBe(`/cases/${chosenId}`);

      const edited = (await asCompanion('GET', `/cases/${chosenId}`)).body;
      expect(edited).toMatchObject({
        version: 3,
        riskLevel: 'critical',
        safetyPlan: 'Rencana koordinator: rumah aman.',
        survivor: { name, alias: 'Bunga' },
        perpetrators: [
          { relationship: 'step_parent', sex: 'male', name: perpetratorName },
          { relationship: 'neighbour', sex: null, name: null },
        ],
      });
    } finally {
      await watched.context.close();
    }
  }, 300_000);

  it('a phone whose calendar runs ahead: the server refuses the intake date, and the intake opens that step with the date marked', async () => {
    const watched = await suite.open();
    const { page } = watched;
    try {
      // Two days ahead: the form takes that day as today, the region's today on the server does not.
      await page.clock.install({ time: Date.now() + 2 * 86_400_000 });
      await signIn(page, suite.world.companion.email, TEST_PASSWORD, 'a[href="/cases/new"]');
      await page.click('a[href="/cases/new"]');
      await page.waitForSelector('input[name="survivor.name"]');
      await page.selectOption('select[name="survivor.sex"]', 'female');
      await pressSubmit(page);
      await onStep(page, 'Kejadian');
      await page.selectOption('select[name=place]', `group:${suite.world.groupId}:${suite.world.villageId}`);
      await tick(page, '#case-violenceTypes-2');
      await pressSubmit(page);
      await onStep(page, 'Pelaku');
      await pressSubmit(page);
      await onStep(page, 'Risiko dan persetujuan');
      await tick(page, 'input[name="consent.record"]');
      await pressSubmit(page);
      await onStep(page, 'Periksa lalu simpan');
      const refused = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/cases') && response.request().method() === 'POST',
      );
      await pressSubmit(page);
      expect((await refused).status()).toBe(400);

      await page.waitForSelector('#case-intakeDate-error');
      expect(await page.textContent('h2.step-title')).toBe('Kejadian');
      await focusedOn(page, 'intakeDate');
      expect(await page.textContent('#case-intakeDate-error')).toBe('Server menolak isian ini. Periksa lagi.');
      expect(await page.isChecked('#case-violenceTypes-2')).toBe(true);
      await suite.checkScreen(watched, 'intake-server-refused', '#case-intakeDate-error');

      const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
      await page.fill('input[name=intakeDate]', threeDaysAgo);
      for (const title of ['Pelaku', 'Risiko dan persetujuan', 'Periksa lalu simpan']) {
        await pressSubmit(page);
        await onStep(page, title);
      }
      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/cases') && response.request().method() === 'POST',
      );
      await pressSubmit(page);
      expect((await saved).status()).toBe(201);
      await page.waitForSelector('.carried-notice:has-text("sudah tersimpan")');
    } finally {
      await watched.context.close();
    }
  }, 180_000);
});
