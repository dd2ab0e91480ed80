/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { addFollowUp, addReferral, createCase, newCaseBody } from '../support/cases';
import { awaitReport, reportBody, requestReport } from '../support/report-client';
import { startTestWorker, type TestApi } from '../support/test-app';
import { createOrganisation, createUser, SignedInUser } from '../support/world';
import { BrowserSuite, signInWithCode } from './browser-suite';

/** A value that appears nowhere unless an identifying or sensitive field leaked. */
const CANARY = {
  name: 'Kanari Survivor Ndolu',
  alias: 'Kanari Alias Bunga',
  phone: '081277770401',
  address: 'Jalan Kanari Nomor Sembilan',
  birthDate: '1979-11-23',
  nik: '5371099912340001',
  guardianName: 'Kanari Wali Tefa',
  guardianPhone: '081277770402',
  perpetratorName: 'Kanari Pelaku Sau',
  perpetratorPhone: '081277770403',
  narrative: 'Kanari kisah kejadian',
  safetyPlan: 'Kanari rencana keselamatan',
  medicalNotes: 'Kanari catatan medis',
  safeTimes: 'Kanari jam aman',
  intermediary: 'Kanari perantara aman',
  statusReason: 'Kanari alasan status',
  followUpNotes: 'Kanari catatan tindak lanjut',
  nextAction: 'Kanari langkah berikut',
  referralNote: 'Kanari catatan rujukan',
};

const PAST_DUE = { date: '2026-03-04', dueDate: '2026-03-05', nextAction: 'Kunjungi lagi' };

async function rename(setup: TestApi, admin: SignedInUser, user: SignedInUser, name: string): Promise<void> {
  const http = setup.http();
  const current = await http.get(`/api/v1/users/${user.id}`).set(admin.auth()).expect(200);
  await http
    .patch(`/api/v1/users/${user.id}`)
    .set(admin.auth())
    .send({ name, version: current.body.version })
    .expect(200);
}

async function transition(setup: TestApi, user: SignedInUser, caseId: string, body: object): Promise<void> {
  const current = await setup.http().get(`/api/v1/cases/${caseId}`).set(user.auth()).expect(200);
  await setup
    .http()
    .post(`/api/v1/cases/${caseId}/transitions`)
    .set(user.auth())
    .send({ ...body, version: current.body.version })
    .expect(200);
}

/** Tab until the element matching `selector` has the focus: the keyboard alone, without counting stops. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let stop = 0; stop < 40; stop++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

/** The case numbers the list shows (cards on the phone, a table on the desk: whichever is visible). */
const listedNumbers = (page: Page) =>
  page.$$eval('.case-cards .case-number a, .case-table tbody th a', (links) =>
    [...new Set(links.filter((link) => (link as HTMLElement).offsetParent).map((link) => link.textContent))].sort(),
  );

describe('the coordinator and reviewer case list and case controls in a real browser', () => {
  const suite = BrowserSuite.register('coordinator', async (setup) => {
    const org = await createOrganisation(setup, 'Coordinator');
    const companionA2 = await createUser(setup, org.admin, 'companion', { groupIds: [org.groups.a] });
    await rename(setup, org.admin, org.companionA, 'Maria Ndun');
    await rename(setup, org.admin, companionA2, 'Yuliana Bria');
    await rename(setup, org.admin, org.companionB, 'Agustina Sole');
    const inVillageA = (extra: Record<string, unknown>) =>
      createCase(setup, org.companionA, newCaseBody(org.villages.a, { groupId: org.groups.a, ...extra }));

    const overdue = await inVillageA({ riskLevel: 'high' });
    await addFollowUp(setup, org.companionA, overdue.id, PAST_DUE);
    const calm = await inVillageA({ riskLevel: 'high' });
    const lowOverdue = await inVillageA({ riskLevel: 'low' });
    await addFollowUp(setup, org.companionA, lowOverdue.id, PAST_DUE);
    const closing = await inVillageA({ riskLevel: 'medium' });
    await transition(setup, org.companionA, closing.id, {
      to: 'closure_requested',
      reason: 'Penyintas sudah aman bersama keluarganya',
      closureReason: 'needs_met',
    });
    const toRestrict = await inVillageA({ riskLevel: 'low' });
    // Yuliana's report of her group counts the case about to be restricted: excluding her, the coordinator is told.
    const worker = await startTestWorker(setup.config);
    try {
      const report = await requestReport(
        setup,
        companionA2,
        reportBody(2026, { level: 'group', id: org.groups.a }, { format: 'csv', locale: 'id' }),
      );
      await awaitReport(setup, companionA2, report.id as string);
    } finally {
      await worker.close();
    }
    const elsewhere = await createCase(setup, org.companionB, newCaseBody(org.villages.b));

    const canary = await createCase(
      setup,
      org.companionB,
      newCaseBody(org.villages.b, {
        riskLevel: 'critical',
        violenceTypes: ['seksual', 'psikis'],
        survivor: {
          sex: 'female',
          name: CANARY.name,
          alias: CANARY.alias,
          phone: CANARY.phone,
          address: CANARY.address,
          birthDate: CANARY.birthDate,
          nik: CANARY.nik,
        },
        guardian: { name: CANARY.guardianName, phone: CANARY.guardianPhone },
        perpetrators: [
          { relationship: 'neighbour', sex: 'male', name: CANARY.perpetratorName, phone: CANARY.perpetratorPhone },
        ],
        narrative: CANARY.narrative,
        safetyPlan: CANARY.safetyPlan,
        medicalNotes: CANARY.medicalNotes,
        safeContact: { callSafe: false, safeTimes: CANARY.safeTimes, intermediary: CANARY.intermediary },
      }),
    );
    await addFollowUp(setup, org.companionB, canary.id, {
      notes: CANARY.followUpNotes,
      nextAction: CANARY.nextAction,
      dueDate: '2026-03-05',
    });
    await addReferral(setup, org.companionB, canary.id, { note: CANARY.referralNote });
    await transition(setup, org.coordinatorB, canary.id, { to: 'active', reason: CANARY.statusReason });
    // Enough cases in the other region that the reviewer's list, 25 a page, has a second page.
    for (let extra = 0; extra < 20; extra++)
      await createCase(setup, org.companionB, newCaseBody(org.villages.b, { riskLevel: 'medium' }));

    return {
      coordinator: org.coordinatorA,
      reviewer: org.reviewer,
      companionA: org.companionA,
      companionA2,
      companionB: org.companionB,
      cases: { overdue, calm, lowOverdue, closing, toRestrict, elsewhere, canary },
    };
  });

  const stored = async (caseId: string) =>
    (
      await suite.stored<{
        status: string;
        assigned_companion_id: string;
        restricted: boolean;
        excluded_user_ids: string[];
      }>('SELECT status, assigned_companion_id, restricted, excluded_user_ids FROM cases WHERE id = $1', [caseId])
    )[0]!;

  it('a coordinator filters her list with the keyboard, assigns a companion, approves a requested closure and restricts a case', async () => {
    const watched = await suite.open();
    const { page } = watched;
    const { cases, coordinator } = suite.world;
    const regionA = [cases.overdue, cases.calm, cases.lowOverdue, cases.closing, cases.toRestrict]
      .map((item) => item.caseNumber as string)
      .sort();
    try {
      await signInWithCode(page, coordinator, '.result-count');
      expect(await page.textContent('h1')).toBe('Daftar kasus');
      // Her regions' cases only: the case of the other region does not exist for her.
      expect(await listedNumbers(page)).toEqual(regionA);
      expect(await page.textContent('.case-cards')).toContain('Maria Ndun');
      await suite.checkScreen(watched, 'case-list', '.result-count');

      // Keyboard only: open the filters, status "Terbuka", overdue only, risk "Tinggi", apply.
      await tabTo(page, '.filters summary');
      await page.keyboard.press('Enter');
      await tabTo(page, '#filter-status');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '#filter-overdue');
      await page.keyboard.press('Space');
      await tabTo(page, '#filter-riskLevel');
      for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown');
      await tabTo(page, '.filters button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.search.includes('overdue=true'));
      await page.waitForSelector('text=1 kasus ditampilkan.');
      expect(new URL(page.url()).pathname).toBe('/cases');
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        status: 'open',
        overdue: 'true',
        riskLevel: 'high',
      });
      expect(await listedNumbers(page)).toEqual([cases.overdue.caseNumber]);
      expect(await page.textContent('.case-cards')).toContain('Terlambat');
      await suite.checkScreen(watched, 'case-list-filtered', '.filters[open]');

      // Back brings the whole list again, forward the filtered one.
      await page.goBack();
      await page.waitForSelector('text=5 kasus ditampilkan.');
      expect(await listedNumbers(page)).toEqual(regionA);
      await page.goForward();
      await page.waitForSelector('text=1 kasus ditampilkan.');

      // A reload resumes the session and keeps the filters: the list is the filtered one, no sign-in asked.
      await page.reload();
      await page.waitForSelector('text=1 kasus ditampilkan.');
      expect(await page.$('input[name=email]')).toBeNull();
      expect(await page.inputValue('#filter-riskLevel')).toBe('high');
      expect(await page.isChecked('#filter-overdue')).toBe(true);

      // The desk's table at 1280 shows the same filtered case.
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await listedNumbers(page)).toEqual([cases.overdue.caseNumber]);
      await page.setViewportSize({ width: 360, height: 640 });

      // Open the case from the list and put the other companion of the group on it.
      await page.focus('.case-cards .case-number a');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#assignment-companion');
      expect(await page.textContent('h1')).toBe(`Kasus ${cases.overdue.caseNumber}`);
      const choices = await page.$$eval('#assignment-companion option', (options) =>
        options.map((option) => option.textContent),
      );
      // Only the companions of the case's village's groups: not the other region's companion.
      expect(choices).toEqual(['Pilih…', 'Maria Ndun', 'Yuliana Bria']);
      expect(await page.textContent('#case-restriction + p')).toBe('Kasus ini tidak dibatasi.');
      await suite.checkScreen(watched, 'case-page-coordinator', '#assignment-companion');

      await page.selectOption('#assignment-companion', { label: 'Yuliana Bria' });
      const assigned = page.waitForResponse((response) => response.url().endsWith('/assignment'));
      await page.click('text=Simpan penugasan');
      expect((await assigned).status()).toBe(200);
      await page.waitForSelector('text=Penugasan disimpan.');
      expect(await page.textContent('#case-assignment ~ form strong')).toBe('Yuliana Bria');
      expect((await stored(cases.overdue.id)).assigned_companion_id).toBe(suite.world.companionA2.id);

      // Back to the list, then the case whose closure the companion requested.
      await page.goBack();
      await page.waitForSelector('text=1 kasus ditampilkan.');
      await page.click('text=Hapus saringan');
      await page.waitForSelector('text=5 kasus ditampilkan.');
      await page.click(`.case-cards >> text=${cases.closing.caseNumber}`);
      await page.waitForSelector('#case-closure');
      expect(await page.textContent('#case-closure ~ form')).toContain('Penyintas sudah aman bersama keluarganya');
      expect(await page.textContent('#case-closure ~ form')).toContain('Kebutuhan korban telah terpenuhi');
      await page.click('button[name=approve]');
      await page.waitForSelector('#closure-reason-error');
      expect(await page.getAttribute('#closure-reason', 'aria-invalid')).toBe('true');
      expect((await stored(cases.closing.id)).status).toBe('closure_requested');
      await suite.checkScreen(watched, 'closure-approval-refused', '#closure-reason-error');

      await page.fill('#closure-reason', 'Sudah dipastikan lewat kunjungan rumah');
      const closed = page.waitForResponse((response) => response.url().endsWith('/transitions'));
      await page.focus('button[name=approve]');
      await page.keyboard.press('Enter');
      expect((await closed).status()).toBe(200);
      await page.waitForSelector('text=Kasus ditutup.');
      expect(await page.textContent('.facts')).toContain('Ditutup');
      expect(await page.$('#case-closure')).toBeNull();
      expect((await stored(cases.closing.id)).status).toBe('closed');

      // Restrict a case against the other region's companion.
      await page.goBack();
      await page.waitForSelector('text=5 kasus ditampilkan.');
      await page.click(`.case-cards >> text=${cases.toRestrict.caseNumber}`);
      await page.waitForSelector('#restriction-restricted');
      await page.focus('#restriction-restricted');
      await page.keyboard.press('Space');
      await page.waitForSelector('fieldset.choices');
      const excludable = await page.$$eval('fieldset.choices label', (labels) =>
        labels.map((label) => label.textContent),
      );
      // Neither she herself nor the case's companion can be excluded.
      expect(excludable.some((label) => label?.startsWith('Maria Ndun'))).toBe(false);
      expect(excludable).toContain('Agustina Sole (pendamping)');
      await page.check(`#restriction-${suite.world.companionB.id}`);
      await suite.checkScreen(watched, 'restriction', 'fieldset.choices');
      const restricted = page.waitForResponse((response) => response.request().method() === 'PATCH');
      await page.click('text=Simpan pembatasan');
      expect((await restricted).status()).toBe(200);
      await page.waitForSelector('.notice >> text=Pembatasan disimpan.');
      expect(await page.textContent('.notice')).toContain(
        'Tidak ada orang yang dikecualikan yang memegang laporan yang menghitung kasus ini.',
      );
      expect(await page.textContent('#case-restriction + p')).toBe('Kasus ini dibatasi.');
      expect(await stored(cases.toRestrict.id)).toMatchObject({
        restricted: true,
        excluded_user_ids: [suite.world.companionB.id],
      });

      // Excluding Yuliana too, who holds a report that counted the case: the answer names her.
      await page.check(`#restriction-${suite.world.companionA2.id}`);
      await page.click('text=Simpan pembatasan');
      await page.waitForSelector('.notice >> text=Yuliana Bria: 1 laporan');
      expect(await page.textContent('.notice')).toContain('Laporan tidak bisa ditarik kembali');
      await suite.checkScreen(watched, 'restriction-saved', '.notice li');
      // Nobody the case excludes can be put on it.
      expect(
        await page.$$eval('#assignment-companion option', (options) => options.map((option) => option.textContent)),
      ).toEqual(['Pilih…', 'Maria Ndun']);
      expect((await stored(cases.toRestrict.id)).excluded_user_ids.sort()).toEqual(
        [suite.world.companionB.id, suite.world.companionA2.id].sort(),
      );
    } finally {
      await watched.context.close();
    }
  }, 300_000);

  it('a reviewer walks the case list and a case page and receives no identifying or sensitive value (canaries)', async () => {
    const watched = await suite.open();
    const { page } = watched;
    const { cases, reviewer } = suite.world;
    try {
      await signInWithCode(page, reviewer, '.result-count');
      // The organisation's 27 cases, 25 a page: the second page comes with "show more".
      expect(await page.textContent('.result-count')).toBe('25 kasus ditampilkan, masih ada lagi.');
      await suite.checkScreen(watched, 'reviewer-case-list', '.result-count');
      const firstPage = await listedNumbers(page);
      await page.focus('button.more');
      await page.keyboard.press('Enter');
      await page.waitForSelector('text=27 kasus ditampilkan.');
      expect(await page.$('button.more')).toBeNull();
      const bothPages = await listedNumbers(page);
      expect(bothPages).toHaveLength(27);
      expect(bothPages).toEqual(expect.arrayContaining(firstPage));
      expect(bothPages).toContain(cases.canary.caseNumber);
      // The keyboard goes on from the first case of the new page.
      expect(
        await page.evaluate(() => document.activeElement?.closest('li')?.matches('.case-card:nth-child(26)')),
      ).toBe(true);

      // A filter the reviewer may use: the sexual-violence cases are the canary's alone.
      await page.click('.filters summary');
      await page.selectOption('#filter-violenceType', 'seksual');
      await page.click('.filters button[type=submit]');
      await page.waitForSelector('text=1 kasus ditampilkan.');
      expect(await listedNumbers(page)).toEqual([cases.canary.caseNumber]);

      await page.click(`.case-cards >> text=${cases.canary.caseNumber}`);
      await page.waitForSelector('#case-history');
      expect(await page.textContent('h1')).toBe(`Kasus ${cases.canary.caseNumber}`);
      // None of the coordinator's controls: the record allows the reviewer nothing but reading.
      expect(await page.$('#case-assignment, #case-restriction, #case-closure')).toBeNull();
      await suite.checkScreen(watched, 'reviewer-case-page', '#case-history');

      const text = await page.evaluate(() => `${document.body.innerText}\n${document.body.textContent}`);
      const apiResponses = watched.responses.filter((response) => response.url().includes('/api/v1/'));
      const bodies = await Promise.all(apiResponses.map(async (response) => (await response.body()).toString('utf8')));
      // The page did read the case, its work and its history, so the check looked where a leak would be.
      const read = apiResponses.map((response) => new URL(response.url()).pathname);
      expect(read).toEqual(
        expect.arrayContaining([
          '/api/v1/cases',
          `/api/v1/cases/${cases.canary.id}`,
          `/api/v1/cases/${cases.canary.id}/follow-ups`,
          `/api/v1/cases/${cases.canary.id}/referrals`,
          `/api/v1/cases/${cases.canary.id}/history`,
        ]),
      );
      expect(bodies.join('\n')).toContain(cases.canary.caseNumber);
      for (const [field, value] of Object.entries(CANARY)) {
        expect({ field, inPage: text.includes(value) }).toEqual({ field, inPage: false });
        expect({ field, inResponses: bodies.filter((body) => body.includes(value)).length }).toEqual({
          field,
          inResponses: 0,
        });
      }
    } finally {
      await watched.context.close();
    }
  }, 300_000);
});
