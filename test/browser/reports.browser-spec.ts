/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { addFollowUp, createCase, newCaseBody } from '../support/cases';
import { activityBody, addActivity, addItem, createPlan, itemBody, step } from '../support/work-plans';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signInWithCode } from './browser-suite';

/**
 * Dashboards and evaluation reports in the browser, with the built worker rendering the reports:
 * figures as the world made them, a report asked for, watched and downloaded in each audience,
 * the administrator's queue.
 */
describe('dashboards and evaluation reports in a real browser', () => {
  const suite = BrowserSuite.register(
    'reports',
    async (setup) => {
      const org = await createOrganisation(setup, 'Laporan');
      // Region A (Kupang): three cases, one of a child at high risk with a follow-up overdue; region B (SoE): two.
      const child = await createCase(
        setup,
        org.companionA,
        newCaseBody(org.villages.a, {
          riskLevel: 'high',
          violenceTypes: ['fisik', 'psikis'],
          survivor: { sex: 'female', name: 'X', ageAtIntake: 15 },
        }),
      );
      await addFollowUp(setup, org.companionA, child.id as string, { dueDate: '2026-11-02', nextAction: 'Kunjungan' });
      await createCase(setup, org.companionA, newCaseBody(org.villages.a, { riskLevel: 'low' }));
      await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      await createCase(setup, org.companionB, newCaseBody(org.villages.b, { riskLevel: 'low' }));
      await createCase(setup, org.companionB, newCaseBody(org.villages.b, { violenceTypes: ['seksual'] }));
      // Group A's plan of this year, approved: one of its two items done by one activity of 11 people.
      const year = new Date().getFullYear();
      const plan = await createPlan(setup, org.companionA, { groupId: org.groups.a, year });
      const meeting = await addItem(
        setup,
        org.companionA,
        plan.id as string,
        itemBody({ title: 'Rapat jaringan', category: 'network_meeting', targetCount: 1, targetUnit: 'meetings' }),
      );
      await addItem(setup, org.companionA, plan.id as string);
      await step(setup, org.companionA, plan.id as string, 'submit');
      await step(setup, org.coordinatorA, plan.id as string, 'approve');
      await addActivity(setup, org.companionA, plan.id as string, meeting.id as string, activityBody(`${year}-01-01`));
      const user = (signed: typeof org.reviewer) => ({
        id: signed.id,
        email: signed.email,
        password: TEST_PASSWORD,
        totpSecret: signed.totpSecret,
      });
      return { reviewer: user(org.reviewer), coordinator: user(org.coordinatorA), admin: user(org.admin) };
    },
    {},
    { withWorker: true },
  );

  const figure = (page: Page, name: string) => page.textContent(`[data-figure=${name}]`);
  const countOf = (page: Page, table: string, code: string) =>
    page.textContent(`table:has(caption:text-is("${table}")) tr[data-code="${code}"] td`);

  it('a reviewer sees the organisation in figures, asks for an internal and an external report, watches them and downloads both', async () => {
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signInWithCode(page, suite.world.reviewer, 'nav');
      await page.click('nav >> text=Dasbor');
      await page.waitForSelector('[data-figure=total]');
      expect(await figure(page, 'total')).toBe('5');
      expect(await figure(page, 'children')).toBe('1');
      expect(await figure(page, 'overdue')).toBe('1');
      expect(await countOf(page, 'Kasus menurut tingkat risiko', 'high')).toBe('1');
      expect(await countOf(page, 'Kasus menurut tingkat risiko', 'low')).toBe('2');
      expect(await countOf(page, 'Kasus menurut tingkat risiko', 'not_recorded')).toBe('2');
      expect(await countOf(page, 'Kasus menurut jenis kekerasan', 'fisik')).toBe('4');
      expect(await countOf(page, 'Kasus menurut jenis kekerasan', 'seksual')).toBe('1');
      expect(await countOf(page, 'Kasus menurut tahun diterima', '2026')).toBe('5');
      expect(await page.textContent('main')).toContain('Kupang, SoE');
      await page.waitForSelector('.plan-progress');
      expect(await page.textContent('.plan-progress h3')).toBe('Kelompok Mawar');
      expect(await figure(page, 'items-done')).toBe('1 dari 2 (50%)');
      expect(await figure(page, 'activities')).toBe('1');
      expect(await figure(page, 'participants')).toMatch(
        /^11 orang: perempuan 5, laki-laki 2, anak perempuan 3, anak laki-laki 1;/,
      );
      await suite.checkScreen(watched, 'dashboard-reviewer', '.plan-progress');

      await page.click('nav >> text=Laporan');
      await page.waitForSelector('form.report-form');
      expect(await page.textContent('main')).toContain('Anda belum pernah meminta laporan.');

      // A year the API would refuse is refused here, marked at its field, with what was chosen kept.
      await page.fill('#report-year', '26');
      await page.selectOption('#report-scope', 'organization');
      await page.press('#report-year', 'Enter');
      await page.waitForSelector('#report-year[aria-invalid=true]');
      expect(await page.getAttribute('#report-year', 'aria-describedby')).toBe('report-year-error');
      expect(await page.inputValue('#report-scope')).toBe('organization');
      expect(await page.textContent('form.report-form [role=alert]')).toBe('Periksa isian yang ditandai.');
      await suite.checkScreen(watched, 'reports-refused', '#report-year[aria-invalid=true]');

      await page.fill('#report-year', '2026');
      await page.press('#report-year', 'Enter');
      await page.waitForSelector('.report-card.internal');
      // The external one, chosen with the keyboard: from the internal choice, the arrow moves to the other.
      await page.focus('#report-audience-internal');
      await page.keyboard.press('ArrowDown');
      expect(await page.isChecked('#report-audience-external')).toBe(true);
      await page.press('#report-year', 'Enter');
      await page.waitForSelector('.report-card.external');
      await suite.checkScreen(watched, 'reports-requested', '.report-card.external');

      await page.waitForSelector('.report-card.internal[data-status=succeeded]', { timeout: 120_000 });
      await page.waitForSelector('.report-card.external[data-status=succeeded]', { timeout: 120_000 });
      expect(await page.textContent('.report-card.internal .audience-badge')).toBe('INTERNAL – RAHASIA');
      expect(await page.textContent('.report-card.external .audience-badge')).toBe('EKSTERNAL – untuk pihak luar');
      expect(await page.textContent('[aria-live=polite].visually-hidden')).toContain('Siap diunduh');
      await suite.checkScreen(watched, 'reports-ready', '.report-card.external[data-status=succeeded]');

      const downloaded = async (audience: string) => {
        await page.focus(`.report-card.${audience} button.download`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
        const chunks: Buffer[] = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
        return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
      };
      const internal = await downloaded('internal');
      const external = await downloaded('external');
      expect(internal.name).toMatch(/^laporan-evaluasi-internal-rahasia-2026-[a-z0-9-]+\.pdf$/);
      expect(external.name).toMatch(/^laporan-evaluasi-eksternal-2026-[a-z0-9-]+\.pdf$/);
      expect(internal.name).not.toBe(external.name);
      for (const file of [internal, external]) expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await page.textContent('.report-card.internal .file-name')).toBe(internal.name);

      // What the server stored: the two requests as the form made them, each file the one downloaded.
      const rows = await suite.stored(
        `SELECT audience, file_name, byte_size FROM reports
          WHERE requested_by = $1 AND year = 2026 AND scope_level = 'organization' AND format = 'pdf' AND locale = 'id'
            AND status = 'succeeded' ORDER BY audience`,
        [suite.world.reviewer.id],
      );
      expect(rows).toEqual([
        { audience: 'external', file_name: external.name, byte_size: external.bytes.length },
        { audience: 'internal', file_name: internal.name, byte_size: internal.bytes.length },
      ]);
    });
  }, 300_000);

  it("an org_admin sees her organisation's report queue, no report's content", async () => {
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signInWithCode(page, suite.world.admin, 'nav');
      await page.click('nav >> text=Antrean laporan');
      await page.waitForSelector('.report-queue');
      const count = (status: string) => page.textContent(`.report-queue tr[data-status=${status}] td`);
      expect(await count('succeeded')).toBe('2');
      expect(await count('queued')).toBe('0');
      expect(await count('failed')).toBe('0');
      expect(await page.textContent('.report-queue dd')).toBe('Berjalan');
      expect(await page.textContent('main')).not.toContain('laporan-evaluasi');
      await suite.checkScreen(watched, 'report-queue', '.report-queue');
    });
  }, 120_000);

  it('a coordinator sees the dashboard of her region alone', async () => {
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signInWithCode(page, suite.world.coordinator, 'nav');
      await page.click('nav >> text=Dasbor');
      await page.waitForSelector('[data-figure=total]');
      expect(await figure(page, 'total')).toBe('3');
      expect(await figure(page, 'children')).toBe('1');
      expect(await figure(page, 'overdue')).toBe('1');
      expect(await countOf(page, 'Kasus menurut tingkat risiko', 'low')).toBe('1');
      expect(await countOf(page, 'Kasus menurut jenis kekerasan', 'seksual')).toBe('0');
      await page.waitForSelector('.plan-progress');
      expect(await figure(page, 'items-done')).toBe('1 dari 2 (50%)');
      const scope = await page.textContent('.dashboard-scope');
      expect(scope).toContain('Kupang');
      expect(scope).not.toContain('SoE');
      await suite.checkScreen(watched, 'dashboard-coordinator', '.plan-progress');
    });
  }, 120_000);
});
