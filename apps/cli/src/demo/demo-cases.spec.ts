import {
  CLOSURE_REASON_CODES,
  CONSENT_GIVEN_BY_CODES,
  DISABILITY_CODES,
  FOLLOW_UP_TYPE_CODES,
  JUSTICE_PATHWAY_STAGE_CODES,
  MARITAL_STATUS_CODES,
  PERPETRATOR_AGE_GROUP_CODES,
  PLACE_TYPE_CODES,
  REFERRAL_SOURCE_CODES,
  REFERRAL_STATUS_CODES,
  RELATIONSHIP_CODES,
  RISK_LEVEL_CODES,
  SERVICE_TYPE_CODES,
  SEX_CODES,
  TPKS_FORM_CODES,
  VIOLENCE_TYPE_CODES,
} from '@pendamping/cases/code-lists';
import { CreateCaseDto, TransitionDto, UpdateCaseDto } from '@pendamping/api/cases/case.dtos';
import { CreateFollowUpDto, CreateReferralDto, UpdateReferralDto } from '@pendamping/api/cases/case-work.dtos';
import { StrictValidationPipe } from '@pendamping/core';
import { DEMO_FIRST_INTAKE, DEMO_LAST_INTAKE, DEMO_TODAY, DemoCaseScenario, generateDemoCases } from './demo-cases';
import { DEMO_PLACES, DEMO_SERVICE_PROVIDERS, DEMO_USERS } from './demo-data';

const scenarios = generateDemoCases();
const has = (list: readonly string[], value: string | undefined) => value === undefined || list.includes(value);

describe('the demo cases', () => {
  it('are the same on every run', () => {
    expect(JSON.stringify(generateDemoCases())).toBe(JSON.stringify(scenarios));
  });

  it('are a few hundred over the two years, in intake order, in every village', () => {
    expect(scenarios).toHaveLength(300);
    const dates = scenarios.map((scenario) => scenario.body.intakeDate);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0] >= DEMO_FIRST_INTAKE && dates[dates.length - 1] <= DEMO_LAST_INTAKE).toBe(true);
    expect(new Set(dates.map((date) => date.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
    const villages = new Set(scenarios.map((scenario) => scenario.village));
    for (const region of DEMO_PLACES) for (const village of region.villages) expect(villages).toContain(village.name);
  });

  it('use only known codes', () => {
    for (const { body } of scenarios) {
      expect(body.violenceTypes.length).toBeGreaterThan(0);
      for (const type of body.violenceTypes) expect(VIOLENCE_TYPE_CODES).toContain(type);
      for (const form of body.tpksForms ?? []) expect(TPKS_FORM_CODES).toContain(form);
      if (body.tpksForms) expect(body.violenceTypes).toContain('seksual');
      expect(
        has(PLACE_TYPE_CODES, body.placeType) &&
          has(REFERRAL_SOURCE_CODES, body.referralSource) &&
          has(RISK_LEVEL_CODES, body.riskLevel),
      ).toBe(true);
      expect(
        has(SEX_CODES, body.survivor.sex) &&
          has(DISABILITY_CODES, body.survivor.disability) &&
          has(MARITAL_STATUS_CODES, body.survivor.maritalStatus),
      ).toBe(true);
      expect(has(CONSENT_GIVEN_BY_CODES, body.consent.givenBy)).toBe(true);
      for (const perpetrator of body.perpetrators) {
        expect(
          has(RELATIONSHIP_CODES, perpetrator.relationship) &&
            has(SEX_CODES, perpetrator.sex) &&
            has(PERPETRATOR_AGE_GROUP_CODES, perpetrator.ageGroup),
        ).toBe(true);
      }
      for (const entry of body.justicePathway ?? []) expect(JUSTICE_PATHWAY_STAGE_CODES).toContain(entry.stage);
    }
    for (const { events } of scenarios) {
      for (const event of events) {
        if (event.kind === 'referral') expect(SERVICE_TYPE_CODES).toContain(event.serviceType);
        if (event.kind === 'referral_status') expect(REFERRAL_STATUS_CODES).toContain(event.status);
        if (event.kind === 'follow_up') expect(FOLLOW_UP_TYPE_CODES).toContain(event.type);
        if (event.kind === 'transition' && event.closureReason)
          expect(CLOSURE_REASON_CODES).toContain(event.closureReason);
      }
    }
  });

  it('give survivors plausible identities: a NIK of 16 digits, a birth date that makes the age at intake, a guardian for a child', () => {
    for (const { body } of scenarios) {
      const { survivor } = body;
      if (survivor.nik !== undefined) expect(survivor.nik).toMatch(/^53\d{14}$/);
      if (survivor.birthDate !== undefined) {
        const [by, bm, bd] = survivor.birthDate.split('-').map(Number);
        const [iy, im, id] = body.intakeDate.split('-').map(Number);
        expect(iy - by - (im < bm || (im === bm && id < bd) ? 1 : 0)).toBe(survivor.ageAtIntake);
      }
      if (survivor.ageAtIntake < 18) {
        expect(body.guardian?.name).toBeDefined();
        expect(['guardian', 'best_interest']).toContain(body.consent.givenBy);
      } else {
        expect(body.consent.givenBy).toBe('survivor');
      }
    }
  });

  it('have timelines the workflow allows, on or before the demo day, with referrals only under consent', () => {
    const providers = new Set(DEMO_SERVICE_PROVIDERS.map((provider) => provider.name));
    const companions = new Set(DEMO_USERS.filter((user) => user.role === 'companion').map((user) => user.email));
    for (const scenario of scenarios) {
      let status: DemoCaseScenario['finalStatus'] = 'open';
      const referrals = new Set<number>();
      let previous = scenario.body.intakeDate;
      for (const event of scenario.events) {
        expect(event.date >= scenario.body.intakeDate && event.date <= DEMO_TODAY).toBe(true);
        expect(event.date >= previous).toBe(true);
        previous = event.date;
        if (event.kind === 'transition') {
          const from: Record<string, string[]> = {
            active: ['open', 'closure_requested'],
            closure_requested: ['open', 'active'],
            closed: ['closure_requested'],
            reopened: ['closed'],
          };
          expect(from[event.to]).toContain(status);
          expect(event.by).toBe(event.to === 'closed' || event.to === 'reopened' ? 'coordinator' : 'companion');
          if (event.to === 'closed' || event.to === 'closure_requested') expect(event.closureReason).toBeDefined();
          status = event.to === 'reopened' ? 'active' : event.to;
          continue;
        }
        expect(status).not.toBe('closed');
        if (event.kind === 'referral') {
          expect(scenario.body.consent.refer).toBe(true);
          if (event.provider !== null) expect(providers).toContain(event.provider);
          referrals.add(event.referral);
        }
        if (event.kind === 'referral_status') expect(referrals).toContain(event.referral);
        if (event.kind === 'follow_up' && scenario.body.violenceTypes.includes('seksual'))
          expect(event.type).not.toBe('family_mediation');
        if (event.kind === 'restrict') expect(companions).toContain(event.excludeCompanion);
      }
      expect(status).toBe(scenario.finalStatus);
    }
  });

  it('look like a caseload: mostly closed older cases, some active, overdue follow-ups, reopened and restricted cases', () => {
    const count = (test: (scenario: DemoCaseScenario) => boolean) => scenarios.filter(test).length;
    expect(count((s) => s.finalStatus === 'closed')).toBeGreaterThan(150);
    expect(count((s) => s.finalStatus === 'active')).toBeGreaterThan(30);
    expect(count((s) => s.finalStatus === 'closure_requested')).toBeGreaterThan(3);
    expect(
      count((s) => s.events.some((event) => event.kind === 'transition' && event.to === 'reopened')),
    ).toBeGreaterThan(1);
    expect(count((s) => s.events.some((event) => event.kind === 'restrict'))).toBe(2);
    expect(count((s) => s.village === null)).toBeGreaterThan(0);
    const overdue = count((s) => {
      const last = [...s.events].reverse().find((event) => event.kind === 'follow_up');
      return (
        s.finalStatus === 'active' &&
        last?.kind === 'follow_up' &&
        last.dueDate !== undefined &&
        last.dueDate < DEMO_TODAY
      );
    });
    expect(overdue).toBeGreaterThan(5);
    expect(count((s) => s.body.violenceTypes.includes('seksual') && s.body.survivor.ageAtIntake < 18)).toBeGreaterThan(
      40,
    );
    expect(count((s) => s.body.perpetrators[0].relationship === 'husband_partner')).toBeGreaterThan(100);
  });

  it("are requests the API accepts: every body passes the API's own validation", async () => {
    const pipe = new StrictValidationPipe();
    const valid = (metatype: new () => object, value: object) => pipe.transform(value, { type: 'body', metatype });
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const scenario of scenarios) {
      const place =
        scenario.village === null ? { regionId: uuid, assignedCompanionId: uuid } : { villageId: uuid, groupId: uuid };
      await valid(CreateCaseDto, { ...place, ...scenario.body });
      for (const event of scenario.events) {
        if (event.kind === 'transition')
          await valid(TransitionDto, {
            to: event.to,
            reason: event.reason,
            ...(event.closureReason ? { closureReason: event.closureReason } : {}),
          });
        if (event.kind === 'justice') await valid(UpdateCaseDto, { version: 1, justicePathway: event.justicePathway });
        if (event.kind === 'restrict')
          await valid(UpdateCaseDto, { version: 1, restricted: true, excludedUserIds: [uuid] });
        if (event.kind === 'referral')
          await valid(CreateReferralDto, {
            serviceType: event.serviceType,
            providerId: uuid,
            referredAt: event.date,
            note: event.note,
          });
        if (event.kind === 'referral_status')
          await valid(UpdateReferralDto, {
            version: 1,
            status: event.status,
            ...(event.outcomeNote ? { outcomeNote: event.outcomeNote } : {}),
          });
        if (event.kind === 'follow_up') {
          await valid(CreateFollowUpDto, {
            date: event.date,
            type: event.type,
            notes: event.notes,
            ...(event.nextAction ? { nextAction: event.nextAction, dueDate: event.dueDate } : {}),
          });
        }
      }
    }
  });
});
