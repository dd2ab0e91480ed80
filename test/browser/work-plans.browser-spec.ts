/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { addItem, createPlan, itemBody } from '../support/work-plans';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn, signInWithCode } from './browser-suite';

/**
 * The work plan in a real browser (SPEC §6, §11): a companion edits her group's draft and submits
 * it, the region's coordinator returns it with comments, the companion reads them, fixes the plan
 * and submits again, the coordinator approves it, and the companion reports an activity that then
 * counts in the plan's progress. Every state is checked by axe, and against what the server stored.
 */
describe('work plans in a real browser', () => {
  const year = new Date().getUTCFullYear();
  const suite = BrowserSuite.register('work plans', async (setup) => {
    const org = await createOrganisation(setup, 'Rencana');
    const plan = await createPlan(setup, org.companionA, { groupId: org.groups.a, year });
    const item = await addItem(setup, org.companionA, plan.id, itemBody({ title: 'Penyuluhan KtP/A di balai desa' }));
    return {
      planId: plan.id as string,
      itemId: item.id as string,
      companion: org.companionA,
      coordinator: org.coordinatorA,
    };
  });

  const planRow = async () =>
    (
      await suite.stored<{ status: string; review_comments: string | null }>(
        'SELECT status, review_comments FROM work_plans WHERE id = $1',
        [suite.world.planId],
      )
    )[0];

  /** Opens the plan from the navigation and the list, as a user would, with the keyboard where it reaches. */
  async function openPlan(page: Page): Promise<void> {
    await page.click('nav >> text=Rencana kerja');
    await page.waitForSelector('.plan-card');
    await page.focus(`.plan-card a:has-text("Kelompok Mawar ${year}")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#plan-items');
  }

  it("a companion edits and submits her group plan, a coordinator returns it with comments, she fixes and resubmits, it is approved, her activity report counts in its progress, and she starts next year's plan from it", async () => {
    const companion = await suite.open();
    const coordinator = await suite.open();
    const { page } = companion;
    const review = coordinator.page;
    try {
      await signIn(page, suite.world.companion.email, TEST_PASSWORD, 'nav a[aria-current=page]');
      await page.click('nav >> text=Rencana kerja');
      await page.waitForSelector('.plan-card');
      expect(await page.textContent('.plan-card')).toContain(`Rencana kerja Kelompok Mawar ${year}`);
      expect(await page.textContent('.plan-card')).toContain('Draf');
      await suite.checkScreen(companion, 'work-plan-list', '.plan-card');

      await openPlan(page);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await page.textContent('.plan-items')).toContain('Penyuluhan KtP/A di balai desa');
      // Nothing is realised on a draft: no progress, no overdue mark to mislead.
      expect(await page.$('#plan-progress')).toBeNull();
      expect(await page.textContent('.plan-items')).not.toContain('Terlambat');
      await suite.checkScreen(companion, 'work-plan-draft', '#plan-items');

      // A new item without its kind and months is refused field by field, and what was typed stays.
      const newItem = 'form[aria-labelledby=new-item-title]';
      await page.focus('button.add-item');
      await page.keyboard.press('Enter');
      await page.waitForSelector(newItem);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('title');
      await page.fill(`${newItem} input[name=title]`, 'Kampanye stop perkawinan anak');
      await page.fill(`${newItem} input[name=targetCount]`, '80');
      await page.check(`${newItem} input[value=participants]`);
      await page.click(`${newItem} button[type=submit]`);
      await page.waitForSelector('#new-item-category-error');
      expect(await page.getAttribute(`${newItem} select[name=category]`, 'aria-invalid')).toBe('true');
      expect(await page.textContent('#new-item-plannedMonths-error')).toBe('Pilih paling sedikit satu bulan.');
      expect(await page.textContent(`${newItem} [role=alert]`)).toBe('Periksa isian yang ditandai.');
      expect(await page.inputValue(`${newItem} input[name=title]`)).toBe('Kampanye stop perkawinan anak');
      await suite.checkScreen(companion, 'plan-item-refused', '#new-item-category-error');

      await page.selectOption(`${newItem} select[name=category]`, 'prevention_campaign');
      await page.check(`${newItem} input[name=plannedMonths][value="8"]`);
      await page.check(`${newItem} input[value=no_child_marriage]`);
      await page.focus(`${newItem} button[type=submit]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.plan-item >> text=Kampanye stop perkawinan anak');
      expect(await page.textContent('.saved')).toBe('Kegiatan disimpan.');
      const added = await suite.stored<{ target_unit: string; target_count: number; planned_months: number[] }>(
        'SELECT target_unit, target_count, planned_months FROM plan_items WHERE work_plan_id = $1 AND title = $2',
        [suite.world.planId, 'Kampanye stop perkawinan anak'],
      );
      expect(added).toEqual([{ target_unit: 'participants', target_count: 80, planned_months: [8] }]);

      await page.click('button:has-text("Ajukan untuk disetujui")');
      await page.waitForSelector('.saved >> text=Rencana diajukan');
      expect(await page.$('.plan-item button:text-is("Ubah")')).toBeNull();
      expect(await page.$('#plan-review-title')).toBeNull();
      expect((await planRow()).status).toBe('submitted');
      await suite.checkScreen(companion, 'work-plan-submitted', '.saved');

      // The coordinator of the region finds it waiting for her, and may not return it without comments.
      await signInWithCode(review, suite.world.coordinator, 'nav a[aria-current=page]');
      await review.click('nav >> text=Rencana kerja');
      await review.waitForSelector('#plans-awaiting + ul .plan-card');
      await suite.checkScreen(coordinator, 'work-plan-awaiting', '#plans-awaiting + ul .plan-card');
      await review.click('#plans-awaiting + ul .plan-card a');
      await review.waitForSelector('#plan-review-title');
      // The coordinator reviews; she does not edit the group's items.
      expect(await review.$('.plan-item button')).toBeNull();
      expect(await review.$('button.add-item')).toBeNull();
      await review.click('button:has-text("Kembalikan dengan catatan")');
      await review.waitForSelector('#plan-review-comments-error');
      expect(await review.getAttribute('textarea[name=comments]', 'aria-invalid')).toBe('true');
      expect((await planRow()).status).toBe('submitted');
      await suite.checkScreen(coordinator, 'work-plan-review-refused', '#plan-review-comments-error');

      const comments = 'Target penyuluhan terlalu kecil untuk tiga dusun: naikkan menjadi 6 sesi.';
      await review.fill('textarea[name=comments]', comments);
      await review.click('button:has-text("Kembalikan dengan catatan")');
      await review.waitForSelector('.saved >> text=Rencana dikembalikan');
      expect(await planRow()).toEqual({ status: 'returned', review_comments: comments });

      // The companion reads the comments, fixes the item, and submits again.
      await openPlan(page);
      expect(await page.textContent('.review-comments')).toContain(comments);
      expect(await page.textContent('.facts')).toContain('Dikembalikan dengan catatan');
      await suite.checkScreen(companion, 'work-plan-returned', '.review-comments');
      await page.click('.plan-item:has-text("Penyuluhan KtP/A") button:has-text("Ubah")');
      const edit = `form[aria-labelledby=item-${suite.world.itemId}-title]`;
      await page.waitForSelector(edit);
      expect(await page.inputValue(`${edit} input[name=targetCount]`)).toBe('4');
      await page.fill(`${edit} input[name=targetCount]`, '6');
      await suite.checkScreen(companion, 'plan-item-edit', edit);
      await page.click(`${edit} button[type=submit]`);
      await page.waitForSelector('.saved >> text=Kegiatan disimpan');
      expect(await page.textContent('.plan-items')).toContain('6 sessions');
      await page.click('button:has-text("Ajukan untuk disetujui")');
      await page.waitForSelector('.saved >> text=Rencana diajukan');
      expect((await planRow()).status).toBe('submitted');

      // The coordinator approves; her earlier comments stay on the plan.
      await openPlan(review);
      await review.click('button:has-text("Setujui rencana")');
      await review.waitForSelector('.saved >> text=Rencana disetujui');
      expect(await planRow()).toEqual({ status: 'approved', review_comments: comments });
      await suite.checkScreen(coordinator, 'work-plan-approved', '.saved');

      // The companion reports an activity on the approved plan: refused without its summary, then saved.
      await openPlan(page);
      expect(await page.$('.plan-item button:text-is("Ubah")')).toBeNull();

      // Once approved, an item changes only its status, and with a reason.
      const campaign = '.plan-item:has-text("Kampanye stop perkawinan anak")';
      await page.click(`${campaign} button:has-text("Ubah status")`);
      const statusForm = 'form[aria-labelledby^=status-]';
      await page.waitForSelector(statusForm);
      await page.selectOption(`${statusForm} select[name=status]`, 'cancelled');
      await page.click(`${statusForm} button[type=submit]`);
      await page.waitForSelector(`${statusForm} .field-error`);
      expect(await page.getAttribute(`${statusForm} textarea[name=statusReason]`, 'aria-invalid')).toBe('true');
      expect(await page.inputValue(`${statusForm} select[name=status]`)).toBe('cancelled');
      await suite.checkScreen(companion, 'plan-item-status-refused', `${statusForm} .field-error`);
      await page.fill(
        `${statusForm} textarea[name=statusReason]`,
        'Kepala desa meminta kampanye digabung dengan acara HUT RI.',
      );
      await page.press(`${statusForm} textarea[name=statusReason]`, 'Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${campaign} >> text=Dibatalkan`);
      expect(
        await suite.stored<{ status: string; status_reason: string }>(
          'SELECT status, status_reason FROM plan_items WHERE work_plan_id = $1 AND title = $2',
          [suite.world.planId, 'Kampanye stop perkawinan anak'],
        ),
      ).toEqual([{ status: 'cancelled', status_reason: 'Kepala desa meminta kampanye digabung dengan acara HUT RI.' }]);

      await page.click('.plan-item:has-text("Penyuluhan KtP/A") .item-link');
      await page.waitForSelector('#activity-form-title');
      expect(await page.textContent('main')).toContain('Belum ada laporan kegiatan.');
      await suite.checkScreen(companion, 'plan-item-activities', '#activity-form-title');

      const today = await page.inputValue('input[name=date]');
      await page.fill('input[name=women]', '12');
      await page.fill('input[name=girls]', 'lima');
      await page.fill('textarea[name=obstacles]', 'Hujan deras, sebagian warga datang terlambat.');
      await page.click('form[aria-labelledby=activity-form-title] button[type=submit]');
      await page.waitForSelector('#activity-summary-error');
      expect(await page.getAttribute('input[name=girls]', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('input[name=girls]', 'aria-describedby')).toBe('activity-girls-error');
      expect(await page.inputValue('input[name=women]')).toBe('12');
      expect(await page.inputValue('textarea[name=obstacles]')).toBe('Hujan deras, sebagian warga datang terlambat.');
      await suite.checkScreen(companion, 'activity-report-refused', '#activity-summary-error');

      await page.fill('input[name=girls]', '5');
      await page.fill('input[name=men]', '3');
      await page.fill('textarea[name=summary]', 'Penyuluhan tentang kekerasan dalam rumah tangga dan layanan rujukan.');
      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/activities') && response.request().method() === 'POST',
      );
      await page.focus('form[aria-labelledby=activity-form-title] button[type=submit]');
      await page.keyboard.press('Enter');
      const answer = await saved;
      expect(answer.status()).toBe(201);
      expect(answer.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      await page.waitForSelector('.activity-reports >> text=Penyuluhan tentang kekerasan');
      expect(await page.textContent('.saved')).toBe('Laporan kegiatan disimpan.');
      expect(await page.inputValue('textarea[name=summary]')).toBe('');
      const reports = await suite.stored<{
        date: string;
        women: number;
        men: number;
        girls: number;
        obstacles: string;
      }>(`SELECT date::text AS date, women, men, girls, obstacles FROM activity_reports WHERE plan_item_id = $1`, [
        suite.world.itemId,
      ]);
      expect(reports).toEqual([
        { date: today, women: 12, men: 3, girls: 5, obstacles: 'Hujan deras, sebagian warga datang terlambat.' },
      ]);
      expect(await page.textContent('.realised')).toBe('1 dari 6 sessions (16,7%)');

      await page.click('main a:has-text("Kembali ke rencana kerja")');
      await page.waitForSelector('#plan-progress');
      expect(await page.textContent('.plan-item:has-text("Penyuluhan KtP/A") .realised')).toBe(
        '1 dari 6 sessions (16,7%)',
      );
      expect(await page.textContent('.plan-item:has-text("Penyuluhan KtP/A")')).toContain('Sedang berjalan');
      expect(await page.textContent('.plan-section:has(#plan-progress)')).toContain('20');
      await suite.checkScreen(companion, 'work-plan-progress', '#plan-progress');

      // Next year's plan starts as a draft with this year's items, not their reports nor the cancelled ones; a year taken is refused.
      await page.click('nav >> text=Rencana kerja');
      await page.waitForSelector('#plan-start-title');
      expect(await page.textContent('.plan-card')).toContain('Desa Oesao');
      await page.click('#plan-start-title ~ button[type=submit]');
      await page.waitForSelector('form[aria-labelledby=plan-start-title] .alert:not(.empty)');
      expect(await page.textContent('form[aria-labelledby=plan-start-title] [role=alert]')).toContain(
        'sudah punya rencana kerja',
      );
      await suite.checkScreen(companion, 'work-plan-start-refused', 'form[aria-labelledby=plan-start-title] .alert');
      await page.fill('input[name=year]', String(year + 1));
      expect(await page.isChecked('input[name=copyFrom]')).toBe(true);
      await page.press('input[name=year]', 'Enter');
      await page.waitForSelector(`h1:has-text("Kelompok Mawar ${year + 1}")`);
      await page.waitForSelector('.plan-item >> text=Penyuluhan KtP/A di balai desa');
      expect(await page.textContent('.plan-items')).not.toContain('Kampanye stop perkawinan anak');
      const [next] = await suite.stored<{ status: string; copied_from_id: string; items: number; reports: number }>(
        `SELECT p.status, p.copied_from_id, (SELECT count(*)::int FROM plan_items i WHERE i.work_plan_id = p.id) AS items,
                (SELECT count(*)::int FROM activity_reports a WHERE a.work_plan_id = p.id) AS reports
           FROM work_plans p WHERE p.year = $1 AND p.group_id = (SELECT group_id FROM work_plans WHERE id = $2)`,
        [year + 1, suite.world.planId],
      );
      expect(next).toEqual({ status: 'draft', copied_from_id: suite.world.planId, items: 1, reports: 0 });
    } finally {
      await companion.context.close();
      await coordinator.context.close();
    }
  }, 300_000);
});
