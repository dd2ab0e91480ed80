/// <reference lib="dom" />
// The functions given to page.evaluate run in the page.
import { createCase, newCaseBody } from '../support/cases';
import { createOrganisation, TEST_PASSWORD } from '../support/world';
import { BrowserSuite, signIn } from './browser-suite';
import { addFollowUp, openCase, SAVED_ON_PHONE, setUpPhone, syncedToPhone, unlockWithPin } from './phone-steps';

/**
 * A figure, printed and never asserted (the machine is shared): how long a phone takes, from the
 * PIN sent to the last record on the server, to deliver 50 follow-ups kept while the network was
 * off (a proxy in front of the API resets every connection). That they all arrive, once each, is
 * asserted.
 */

const QUEUED = 50;

describe('the outbox delivering a long queue, in a real browser through a proxy', () => {
  const suite = BrowserSuite.register(
    'outbox-delivery-time',
    async (setup) => {
      const org = await createOrganisation(setup, 'Antrean');
      const theCase = await createCase(setup, org.companionA, newCaseBody(org.villages.a));
      return { email: org.companionA.email, caseId: String(theCase.id) };
    },
    {},
    { throughProxy: true },
  );

  const followUps = async () =>
    (
      await suite.stored<{ n: number }>('SELECT count(*)::int AS n FROM follow_ups WHERE case_id = $1', [
        suite.world.caseId,
      ])
    )[0]!.n;

  it(`delivers ${QUEUED} follow-ups kept offline after the unlock, each once; prints how long it took`, async () => {
    const { email, caseId } = suite.world;
    await suite.inContext(async ({ page }) => {
      await signIn(page, email, TEST_PASSWORD, '.worklist');
      await setUpPhone(page);
      await syncedToPhone(page, { cases: [caseId] });
      await openCase(page, caseId);

      suite.network.interrupt();
      try {
        for (let made = 1; made <= QUEUED; made++)
          expect(await addFollowUp(page, `Kunjungan antrean ke-${made}`)).toBe(SAVED_ON_PHONE);
        await page.click('header >> text=Kunci');
        await page.waitForSelector('.phone-lock[data-state=pin]');
      } finally {
        await suite.network.restore();
      }
      expect(await followUps()).toBe(0);

      const started = performance.now();
      await unlockWithPin(page);
      let delivered = 0;
      for (let waited = 0; waited < 600 && delivered < QUEUED; waited++) {
        await new Promise((wait) => setTimeout(wait, 250));
        delivered = await followUps();
      }
      const seconds = (performance.now() - started) / 1000;
      expect(delivered).toBe(QUEUED);
      console.log(
        `outbox: ${QUEUED} follow-ups kept offline, delivered ${seconds.toFixed(1)} s after the PIN was sent ` +
          `(${((seconds * 1000) / QUEUED).toFixed(0)} ms a record, Argon2 unlock and the renewal included)`,
      );
      await page.waitForSelector('nav');
      await page.waitForSelector('.outbox-line', { state: 'detached' });
      expect(await followUps()).toBe(QUEUED);
    });
  }, 300_000);
});
