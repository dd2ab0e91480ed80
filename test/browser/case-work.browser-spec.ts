/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import type { Page } from 'playwright-core';
import { addFollowUp, createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn, signInWithCode } from './browser-suite';

/** A calendar day this many days from today (UTC), far enough from midnight in any Indonesian time zone. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Raw field names of the history that must never reach the reader untranslated. */
const RAW_FIELDS = [
  'status',
  'statusReason',
  'closureReason',
  'caseNumber',
  'intakeDate',
  'violenceTypes',
  'survivor.',
  'consent.',
  'villageId',
  'regionId',
];

/**
 * The case page's work in Debian's Chromium against the built API: the due list leading to cases,
 * referrals behind the consent gate (shown, and enforced when consent goes away under the page),
 * a referral's status and outcome, a closure request confirmed with its reason, and the history
 * in the reader's words. What the server stored is read back from the database.
 */
describe('case work in a real browser', () => {
  const suite = BrowserSuite.register('case work', async (setup) => {
    const org = await createOrganisation(setup, 'Casework');
    const provider = await setup
      .http()
      .post('/api/v1/service-providers')
      .set(org.admin.auth())
      .send({ name: 'Puskesmas Oesao', serviceType: 'health' })
      .expect(201);
    const consenting = await createCase(
      setup,
      org.companionA,
      newCaseBody(org.villages.a, {
        riskLevel: 'high',
        consent: { record: true, refer: true, givenBy: 'survivor', givenAt: '2026-03-02' },
      }),
    );
    await addFollowUp(setup, org.companionA, consenting.id, { nextAction: 'Kunjungi lagi', dueDate: day(-3) });
    const withoutConsent = await createCase(
      setup,
      org.companionA,
      newCaseBody(org.villages.a, { consent: { record: true, refer: false } }),
    );
    await addFollowUp(setup, org.companionA, withoutConsent.id, { nextAction: 'Telepon ibunya', dueDate: day(2) });
    const closed = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
    const transition = (user: typeof org.coordinatorA, body: object) =>
      setup.http().post(`/api/v1/cases/${closed.id}/transitions`).set(user.auth()).send(body).expect(200);
    await transition(org.companionA, {
      to: 'closure_requested',
      reason: 'Pindah ke kota',
      closureReason: 'transferred',
    });
    await transition(org.coordinatorA, { to: 'closed', reason: 'Disetujui' });
    return {
      coordinator: org.coordinatorA,
      closed: { id: closed.id as string, caseNumber: closed.caseNumber as string },
      email: org.companionA.email,
      providerId: provider.body.id as string,
      consenting: { id: consenting.id as string, caseNumber: consenting.caseNumber as string },
      withoutConsent: { id: withoutConsent.id as string, caseNumber: withoutConsent.caseNumber as string },
    };
  });

  /** From the due list to a case with the keyboard: Tab to its link, Enter. */
  async function openFromDueList(page: Page, caseNumber: string) {
    await page.click('nav >> text=Tindak lanjut');
    await page.waitForSelector('.due-list');
    await page.focus('h1');
    for (let stop = 0; stop < 10; stop++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === caseNumber) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(caseNumber);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#case-referrals');
    expect(await page.textContent('h1')).toBe(`Kasus ${caseNumber}`);
  }

  it('a companion goes from her due list to her cases, refers with consent only, updates the referral, requests closure and reads the history in her words', async () => {
    const { consenting, withoutConsent } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signIn(page, suite.world.email, TEST_PASSWORD, '.worklist');

      // The due list: the server's order (soonest first), overdue said in words.
      const due = page.waitForResponse((response) => response.url().endsWith('/api/v1/follow-ups/due'));
      await page.click('nav >> text=Tindak lanjut');
      const answered = (await (await due).json()) as { items: { caseNumber: string; overdue: boolean }[] };
      await page.waitForSelector('.due-list');
      expect(answered.items.map((item) => item.caseNumber)).toEqual([consenting.caseNumber, withoutConsent.caseNumber]);
      expect(answered.items.map((item) => item.overdue)).toEqual([true, false]);
      const cards = await page.$$eval('.due-list li', (items) => items.map((item) => item.textContent ?? ''));
      expect(cards.map((text) => text.slice(0, consenting.caseNumber.length))).toEqual([
        consenting.caseNumber,
        withoutConsent.caseNumber,
      ]);
      expect(cards[0]).toContain('Terlambat');
      expect(cards[1]).not.toContain('Terlambat');
      expect(await page.textContent('.due-summary')).toBe('Jatuh tempo: 2 kasus. Terlambat: 1.');
      await suite.checkScreen(watched, 'due-list', '.due-list');

      // Without consent to refer, no referral form: the reason instead.
      await openFromDueList(page, withoutConsent.caseNumber);
      expect(await page.textContent('.consent-missing')).toContain('persetujuan untuk dirujuk belum tercatat');
      expect(await page.$('section[aria-labelledby=case-referrals] >> select[name=serviceType]')).toBeNull();
      expect(await page.$('text=Kirim rujukan')).toBeNull();
      await suite.checkScreen(watched, 'case-consent-missing', '.consent-missing');

      // With consent: refused while incomplete, what was typed kept; then sent.
      await openFromDueList(page, consenting.caseNumber);
      expect(await page.textContent('.consent-given')).toContain('Persetujuan untuk dirujuk sudah tercatat');
      const note = 'Diantar ke puskesmas untuk visum';
      await page.fill('#referral-note', note);
      await page.click('text=Kirim rujukan');
      await page.waitForSelector('#referral-serviceType-error');
      expect(await page.getAttribute('#referral-service-type', 'aria-invalid')).toBe('true');
      expect(await page.inputValue('#referral-note')).toBe(note);
      await suite.checkScreen(watched, 'referral-refused', '#referral-serviceType-error');

      await page.selectOption('#referral-service-type', 'health');
      await page.selectOption('#referral-provider', suite.world.providerId);
      const sent = page.waitForResponse(
        (response) => response.url().endsWith('/referrals') && response.request().method() === 'POST',
      );
      await page.focus('text=Kirim rujukan');
      await page.keyboard.press('Enter');
      const sentResponse = await sent;
      expect(sentResponse.status()).toBe(201);
      expect(sentResponse.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      await page.waitForSelector('.referrals >> text=Puskesmas Oesao');
      const referral = await page.textContent('.referrals');
      expect(referral).toContain('Layanan kesehatan');
      expect(referral).toContain('Menunggu tanggapan');
      expect(referral).toContain(note);
      expect(referral).not.toContain('Terakhir diubah');
      expect(await page.inputValue('#referral-note')).toBe('');
      const rows = await suite.stored(
        `SELECT id, service_type, provider_id, status, referred_at::text AS day FROM referrals WHERE case_id = $1`,
        [consenting.id],
      );
      expect(rows).toEqual([
        {
          id: expect.any(String),
          service_type: 'health',
          provider_id: suite.world.providerId,
          status: 'pending',
          day: day(0),
        },
      ]);
      await suite.checkScreen(watched, 'referral-added', '.referrals');

      // Consent withdrawn since the page loaded: the server refuses, the page says why, nothing is stored.
      await suite.stored(`UPDATE cases SET consent_refer = false WHERE id = $1`, [consenting.id]);
      await page.selectOption('#referral-service-type', 'health');
      const refused = page.waitForResponse(
        (response) => response.url().endsWith('/referrals') && response.request().method() === 'POST',
      );
      await page.click('text=Kirim rujukan');
      expect((await refused).status()).toBe(422);
      await page.waitForSelector('section[aria-labelledby=case-referrals] .alert:not(.empty)');
      expect(await page.textContent('section[aria-labelledby=case-referrals] .alert')).toContain(
        'persetujuan untuk dirujuk tidak lagi tercatat',
      );
      expect(await suite.stored(`SELECT id FROM referrals WHERE case_id = $1`, [consenting.id])).toHaveLength(1);
      await suite.stored(`UPDATE cases SET consent_refer = true WHERE id = $1`, [consenting.id]);

      // The referral's status and outcome, where its `allowed` lets her write them.
      await page.click('.referrals >> text=Perbarui rujukan');
      await page.waitForSelector(`#referral-${rows[0].id}-status`);
      await page.selectOption(`#referral-${rows[0].id}-status`, 'accepted');
      await page.fill(`#referral-${rows[0].id}-outcome`, 'Diterima bidan desa');
      await suite.checkScreen(watched, 'referral-update', `#referral-${rows[0].id}-status`);
      await page.click('text=Simpan perubahan');
      await page.waitForSelector('.referrals .referral-status >> text=Diterima');
      expect(await page.textContent('section[aria-labelledby=case-referrals] .saved')).toBe('Rujukan diperbarui.');
      expect(
        await suite.stored(
          `SELECT status, version, outcome_note IS NOT NULL AS outcome FROM referrals WHERE case_id = $1`,
          [consenting.id],
        ),
      ).toEqual([{ status: 'accepted', version: 2, outcome: true }]);
      expect(await page.textContent('.referrals')).toContain('Diterima bidan desa');
      expect(await page.textContent('.referrals')).toContain('Terakhir diubah');

      // Requesting closure: nothing happens before it is confirmed with a reason.
      await page.click('text=Ajukan penutupan kasus');
      await page.waitForSelector('#transition-reason');
      expect(await page.textContent('.workflow')).toContain('Koordinator akan meninjau');
      await page.click('text=Ya, ajukan penutupan');
      await page.waitForSelector('#transition-reason-error');
      expect(await page.getAttribute('#transition-closure-reason', 'aria-invalid')).toBe('true');
      expect(await suite.stored(`SELECT status FROM cases WHERE id = $1`, [consenting.id])).toEqual([
        { status: 'open' },
      ]);
      await suite.checkScreen(watched, 'closure-request', '#transition-reason-error');
      await page.selectOption('#transition-closure-reason', 'needs_met');
      await page.fill('#transition-reason', 'Penyintas sudah aman dan mandiri');
      const moved = page.waitForResponse((response) => response.url().endsWith('/transitions'));
      await page.focus('text=Ya, ajukan penutupan');
      await page.keyboard.press('Enter');
      expect((await moved).status()).toBe(200);
      await page.waitForSelector('.workflow .saved >> text=Diusulkan ditutup');
      expect(await page.textContent('.case-status')).toBe('Diusulkan ditutup');
      expect(await page.textContent('.workflow')).toContain('menunggu keputusan koordinator');
      expect(await page.$('text=Ajukan penutupan kasus')).toBeNull();
      expect(await suite.stored(`SELECT status, closure_reason FROM cases WHERE id = $1`, [consenting.id])).toEqual([
        { status: 'closure_requested', closure_reason: 'needs_met' },
      ]);

      // The history names fields and codes in her words, the new request among them.
      await page.waitForSelector('#case-history + ul >> text=Penutupan diajukan');
      const history = await page.$$eval('#case-history + ul dt', (terms) => terms.map((term) => term.textContent));
      for (const raw of RAW_FIELDS) expect(history.filter((term) => term?.startsWith(raw))).toEqual([]);
      const historyText = (await page.textContent('#case-history + ul')) ?? '';
      expect(historyText).toContain('Kasus diterima');
      expect(historyText).toContain('Jenis kekerasan');
      expect(historyText).toContain('Kekerasan fisik');
      expect(historyText).toContain('Alasan penutupan');
      expect(historyText).toContain('Kebutuhan korban telah terpenuhi');
      expect(historyText).toContain('Penyintas sudah aman dan mandiri');
      expect(historyText).not.toContain('needs_met');
      expect(historyText).not.toContain('closure_requested');
      await suite.checkScreen(watched, 'closure-requested', '#case-history');
    });
  }, 300_000);

  it('a coordinator reopens a closed case after confirming with a reason, and the history says so', async () => {
    const { coordinator, closed } = suite.world;
    await suite.inContext(async (watched) => {
      const { page } = watched;
      await signInWithCode(page, coordinator, 'nav');
      // The case's own address, reached inside the app: a fresh load would start a new sign-in.
      await page.evaluate((path) => {
        history.pushState(null, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/cases/${closed.id}`);
      await page.waitForSelector('#case-actions');
      expect(await page.textContent('h1')).toBe(`Kasus ${closed.caseNumber}`);
      expect(await page.textContent('.case-status')).toBe('Ditutup');
      expect(await page.$('text=Ajukan penutupan kasus')).toBeNull();

      await page.click('text=Buka kembali kasus');
      await page.waitForSelector('#transition-reason');
      expect(await page.$('#transition-closure-reason')).toBeNull();
      await page.fill('#transition-reason', 'Penyintas kembali meminta pendampingan');
      await suite.checkScreen(watched, 'case-reopen', '#transition-reason');
      await page.click('text=Ya, buka kembali');
      await page.waitForSelector('.workflow .saved >> text=Dalam penanganan');
      expect(await page.textContent('.case-status')).toBe('Dalam penanganan');
      expect(await suite.stored(`SELECT status FROM cases WHERE id = $1`, [closed.id])).toEqual([{ status: 'active' }]);
      await page.waitForSelector('#case-history + ul >> text=Dibuka kembali');
      expect(await page.textContent('#case-history + ul')).toContain('Penyintas kembali meminta pendampingan');
    });
  }, 180_000);
});
