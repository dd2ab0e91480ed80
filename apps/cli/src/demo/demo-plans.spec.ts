import {
  CreateActivityReportDto,
  CreatePlanItemDto,
  CreateWorkPlanDto,
  ReturnDto,
  ReviewDto,
  UpdatePlanItemDto,
  UpdateWorkPlanDto,
} from '@pendamping/api/work-plans/work-plan.dtos';
import { DRPPA_INDICATOR_CODES, PARTICIPANTS_UNIT, PLAN_ITEM_CATEGORY_CODES } from '@pendamping/cases/code-lists';
import { StrictValidationPipe } from '@pendamping/core';
import {
  BOY_GIVEN_NAMES,
  FEMALE_GIVEN_NAMES,
  GIRL_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  MUSLIM_BOY_GIVEN_NAMES,
  MUSLIM_FAMILY_NAMES,
  MUSLIM_FEMALE_GIVEN_NAMES,
  MUSLIM_GIRL_GIVEN_NAMES,
  MUSLIM_MALE_GIVEN_NAMES,
  ROTE_SABU_FAMILY_NAMES,
  TIMORESE_FAMILY_NAMES,
} from './demo-case-texts';
import { DEMO_TODAY, generateDemoCases } from './demo-cases';
import { DEMO_PLACES, DEMO_USERS } from './demo-data';
import {
  DEMO_LAST_ACTIVITY,
  DemoActivityBody,
  DemoPlanEvent,
  DemoPlanScenario,
  generateDemoPlans,
  planActor,
  quarterStats,
} from './demo-plans';

const cases = generateDemoCases();
const plans = generateDemoPlans(cases);
const groups = DEMO_PLACES.flatMap((region) => region.villages.map((village) => village.group));
const planOf = (group: string, year: number) => plans.find((plan) => plan.group === group && plan.year === year)!;
const activities = (plan: DemoPlanScenario) =>
  plan.events.filter((event): event is Extract<DemoPlanEvent, { kind: 'activity' }> => event.kind === 'activity');
const headcount = (report: DemoActivityBody) =>
  report.participants.women + report.participants.men + report.participants.girls + report.participants.boys;
const approvalAt = (plan: DemoPlanScenario) => plan.events.findIndex((event) => event.kind === 'approve');

describe('the demo work plans', () => {
  it('are the same on every run', () => {
    expect(JSON.stringify(generateDemoPlans(cases))).toBe(JSON.stringify(plans));
  });

  it('are a 2025 plan and a 2026 copy of it for every demo group', () => {
    expect(plans).toHaveLength(groups.length * 2);
    for (const group of groups) {
      expect(planOf(group, 2025).copyFrom).toBeNull();
      expect(planOf(group, 2026).copyFrom).toBe(2025);
      expect(planOf(group, 2026).copied.length).toBeGreaterThan(6);
    }
  });

  it('follow the workflow: drafted, submitted, returned at most once with comments, approved; then only status changes, new items and reports', () => {
    let returned = 0;
    for (const plan of plans) {
      const steps = plan.events
        .filter((event) => ['submit', 'return', 'approve'].includes(event.kind))
        .map((event) => event.kind);
      expect([
        ['submit', 'approve'],
        ['submit', 'return', 'submit', 'approve'],
      ]).toContainEqual(steps);
      const back = plan.events.find((event) => event.kind === 'return');
      if (back?.kind === 'return') {
        returned += 1;
        expect(back.comments.length).toBeGreaterThan(60);
        // The group answers the comments before submitting again.
        const at = plan.events.indexOf(back);
        expect(plan.events[at + 1].kind).not.toBe('submit');
        // The approval then keeps the return comments on the plan.
        expect(plan.events.find((event) => event.kind === 'approve')).toEqual({ kind: 'approve' });
      }
      const after = plan.events.slice(approvalAt(plan) + 1);
      for (const event of after) expect(['activity', 'item_status', 'add_item']).toContain(event.kind);
      for (const event of plan.events)
        expect(planActor(event)).toBe(
          event.kind === 'return' || event.kind === 'approve' ? 'coordinator' : 'companion',
        );
    }
    expect(returned).toBe(6);
  });

  it('realise 2025 nearly in full, with one item cancelled for a reason and one added after approval', () => {
    for (const group of groups) {
      const plan = planOf(group, 2025);
      const items = Object.values(plan.expected);
      const cancelled = plan.events.filter((event) => event.kind === 'item_status' && event.status === 'cancelled');
      expect(cancelled).toHaveLength(1);
      expect(items.filter((item) => item.status === 'cancelled')).toHaveLength(1);
      expect(items.filter((item) => item.addedAfterApproval)).toHaveLength(1);
      const live = items.filter((item) => item.status !== 'cancelled');
      const done = live.filter((item) => item.status === 'done');
      expect(done.length / live.length).toBeGreaterThanOrEqual(0.8);
      expect(done.length).toBeLessThanOrEqual(live.length);
      for (const event of plan.events)
        if (event.kind === 'item_status') expect(event.reason.length).toBeGreaterThan(30);
    }
  });

  it('realise 2026 up to the end of November, with some items behind', () => {
    for (const group of groups) {
      const plan = planOf(group, 2026);
      const items = Object.values(plan.expected);
      const behind = items.filter((item) => item.status === 'in_progress' || item.status === 'planned');
      expect(behind.length).toBeGreaterThanOrEqual(2);
      expect(items.filter((item) => item.status === 'done').length).toBeGreaterThan(items.length / 3);
      for (const { report } of activities(plan)) expect(report.date.slice(5, 7) <= '11').toBe(true);
    }
  });

  it('date every report in its plan year, not after the demo day, after the item exists, in order', () => {
    expect(DEMO_LAST_ACTIVITY <= DEMO_TODAY).toBe(true);
    for (const plan of plans) {
      let previous = `${plan.year}-01-01`;
      const addedOn = new Map<string, string>();
      for (const event of plan.events.slice(approvalAt(plan) + 1)) {
        if (event.kind !== 'activity' && event.kind !== 'item_status' && event.kind !== 'add_item')
          throw new Error(`${event.kind} after approval`);
        const date = event.kind === 'activity' ? event.report.date : event.date!;
        expect(date).toBeDefined();
        expect(date >= previous).toBe(true);
        previous = date;
        expect(date.slice(0, 4)).toBe(String(plan.year));
        expect(date <= DEMO_LAST_ACTIVITY).toBe(true);
        if (event.kind === 'add_item') addedOn.set(event.item, date);
        if (event.kind === 'activity' && addedOn.has(event.item)) expect(date > addedOn.get(event.item)!).toBe(true);
      }
    }
  });

  it('compute what every item realises as the services do', () => {
    for (const plan of plans) {
      // An item keeps its key and unit from one year's plan to the next.
      const units = new Map(
        plans
          .filter((other) => other.group === plan.group)
          .flatMap((other) =>
            other.events.flatMap((event) =>
              event.kind === 'add_item' ? [[event.item, event.body.targetUnit] as const] : [],
            ),
          ),
      );
      for (const [key, expected] of Object.entries(plan.expected)) {
        const reports = activities(plan).filter((event) => event.item === key);
        const participants = units.get(key) === PARTICIPANTS_UNIT;
        expect(expected.realised).toBe(
          participants ? reports.reduce((sum, { report }) => sum + headcount(report), 0) : reports.length,
        );
        if (
          expected.status === 'done' &&
          !plan.events.some((event) => event.kind === 'item_status' && event.item === key)
        )
          expect(expected.realised).toBeGreaterThanOrEqual(expected.targetCount);
        if (expected.status === 'in_progress') expect(expected.realised).toBeLessThan(expected.targetCount);
      }
    }
  });

  it("count the group's demo cases in the quarterly recaps", () => {
    const group = groups[0];
    const stats = quarterStats(cases, group, 2025, 1, '2025-03-31');
    const intake = cases.filter(
      (scenario) =>
        scenario.group === group &&
        scenario.body.intakeDate >= '2025-01-01' &&
        scenario.body.intakeDate <= '2025-03-31',
    );
    expect(stats.stats.newCases).toBe(intake.length);
    expect(stats.stats.kdrt + stats.stats.childSexual + stats.stats.childOther + stats.stats.other).toBe(intake.length);
    const { women, men, girls, boys } = stats.participants;
    expect(women + men + girls + boys).toBe(intake.length);
    for (const plan of plans) {
      const recaps = activities(plan).filter((event) => event.item === 'case_recap');
      expect(recaps).toHaveLength(plan.year === 2025 ? 4 : 3);
      for (const { report } of recaps)
        expect(report.summary).toMatch(/^Rekap penanganan kasus triwulan (I|II|III|IV) /);
    }
  });

  it('write in Indonesian without naming anyone', () => {
    const names = [
      ...FEMALE_GIVEN_NAMES,
      ...GIRL_GIVEN_NAMES,
      ...BOY_GIVEN_NAMES,
      ...MALE_GIVEN_NAMES,
      ...MUSLIM_FEMALE_GIVEN_NAMES,
      ...MUSLIM_GIRL_GIVEN_NAMES,
      ...MUSLIM_BOY_GIVEN_NAMES,
      ...MUSLIM_MALE_GIVEN_NAMES,
      ...TIMORESE_FAMILY_NAMES,
      ...ROTE_SABU_FAMILY_NAMES,
      ...MUSLIM_FAMILY_NAMES,
      ...DEMO_USERS.flatMap((user) => user.name.split(' ')),
    ].filter((name) => name !== 'Liu' && name !== 'Ratu');
    const pattern = new RegExp(`\\b(${[...new Set(names)].join('|')})\\b`);
    const texts = plans
      .flatMap((plan) => [
        plan.goals,
        ...plan.events.flatMap((event) => {
          if (event.kind === 'activity')
            return [event.report.summary, event.report.results, event.report.obstacles, event.report.lessons];
          if (event.kind === 'add_item') return [event.body.title, event.body.keyPersons];
          if (event.kind === 'return' || event.kind === 'approve') return [event.comments];
          if (event.kind === 'item_status') return [event.reason];
          if (event.kind === 'edit_goals') return [event.goals];
          return [];
        }),
      ])
      .filter((text): text is string => text !== undefined);
    expect(texts.length).toBeGreaterThan(1500);
    for (const text of texts) {
      expect(text).not.toMatch(pattern);
      expect(text).not.toMatch(/\{|\}|undefined|NaN|\[object/);
    }
    // Plenty of different reports, not one template over and over.
    const summaries = plans.flatMap((plan) => activities(plan).map(({ report }) => report.summary));
    expect(new Set(summaries).size).toBeGreaterThan(summaries.length * 0.9);
  });

  it("never repeat an obstacle or a lesson word for word within a group's year (the report lists each once)", () => {
    for (const plan of plans) {
      for (const field of ['obstacles', 'lessons'] as const) {
        const written = activities(plan)
          .map(({ report }) => report[field])
          .filter((text): text is string => text !== undefined);
        expect({
          plan: `${plan.year}`,
          field,
          repeated: written.filter((text, index) => written.indexOf(text) !== index),
        }).toEqual({ plan: `${plan.year}`, field, repeated: [] });
      }
    }
  });

  it("use only known codes, and every request passes the API's own validation", async () => {
    const pipe = new StrictValidationPipe();
    const valid = (metatype: new () => object, value: object) => pipe.transform(value, { type: 'body', metatype });
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const plan of plans) {
      await valid(CreateWorkPlanDto, {
        groupId: uuid,
        year: plan.year,
        goals: plan.goals,
        ...(plan.copyFrom ? { copyFrom: uuid } : {}),
      });
      for (const event of plan.events) {
        switch (event.kind) {
          case 'add_item':
            expect(PLAN_ITEM_CATEGORY_CODES).toContain(event.body.category);
            for (const code of event.body.drppaIndicators ?? []) expect(DRPPA_INDICATOR_CODES).toContain(code);
            await valid(CreatePlanItemDto, event.body);
            break;
          case 'edit_item':
            await valid(UpdatePlanItemDto, { version: 1, ...event.changes });
            break;
          case 'item_status':
            await valid(UpdatePlanItemDto, { version: 1, status: event.status, statusReason: event.reason });
            break;
          case 'edit_goals':
            await valid(UpdateWorkPlanDto, { version: 1, goals: event.goals });
            break;
          case 'return':
            await valid(ReturnDto, { comments: event.comments });
            break;
          case 'approve':
            await valid(ReviewDto, event.comments ? { comments: event.comments } : {});
            break;
          case 'activity':
            await valid(CreateActivityReportDto, event.report);
            expect(event.report.participants.disability).toBeLessThanOrEqual(headcount(event.report));
            break;
          default:
            break;
        }
      }
    }
  });
});
