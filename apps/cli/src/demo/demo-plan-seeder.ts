import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ActivityReportService, PlanItemService, WorkPlanService } from '@pendamping/cases';
import { PARTICIPANTS_UNIT } from '@pendamping/cases/code-lists';
import { DataSource } from 'typeorm';
import { DemoActors } from './demo-auth';
import { companionOf, DemoCaseScenario } from './demo-cases';
import { DEMO_USERS } from './demo-data';
import { DemoPlanEvent, DemoPlanScenario, generateDemoPlans, planActor } from './demo-plans';
import { DemoMoments, DemoTimeline } from './demo-timeline';

/** A plan is drafted in the first week of its year; its review steps are a week apart. */
const DRAFTED_ON = (year: number) => `${year}-01-06`;
const REVIEW_STEP_DAYS = 7;

export interface DemoPlanCounts {
  plans: number;
  /** Plans returned once with comments before they were approved. */
  returned: number;
  items: number;
  itemsDone: number;
  itemsCancelled: number;
  itemsAddedAfterApproval: number;
  /** Items neither done nor cancelled whose last planned month has ended. */
  itemsOverdue: number;
  activities: number;
  /** Women, men, girls and boys over all activity reports. */
  participants: number;
  seconds: number;
}

/** Groups seeded at a time (each group's two plans in order); within the default pool of 10. */
const CONCURRENCY = 4;

/**
 * Plays the generated demo plans through the work-plan services, as the groups' companions and
 * the regions' coordinators would through the API: drafts, review, approval, items added after
 * it, status changes with reasons and activity reports, with the real rules, history and audit.
 * Then checks that every item ended as the generator expects.
 */
@Injectable()
export class DemoPlanSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: WorkPlanService,
    private readonly items: PlanItemService,
    private readonly activities: ActivityReportService,
    private readonly timeline: DemoTimeline,
  ) {}

  /** `cases`: the demo cases as generated, which the quarterly case recaps count. */
  async seed(organizationId: string, cases?: readonly DemoCaseScenario[]): Promise<DemoPlanCounts> {
    const started = Date.now();
    const actors = await DemoActors.load(this.dataSource, organizationId);
    const groups = new Map(
      (
        (await this.dataSource.query('SELECT id, name FROM groups WHERE organization_id = $1', [organizationId])) as {
          id: string;
          name: string;
        }[]
      ).map((row) => [row.name, row.id]),
    );
    const scenarios = generateDemoPlans(cases);
    const byGroup = new Map<string, DemoPlanScenario[]>();
    for (const scenario of scenarios) byGroup.set(scenario.group, [...(byGroup.get(scenario.group) ?? []), scenario]);

    // A few groups at a time; a group's plans in order, as the copy needs last year's plan.
    const queue = [...byGroup.values()];
    let failed = false;
    const worker = async () => {
      for (let next = queue.shift(); next && !failed; next = queue.shift()) {
        const planIds = new Map<number, string>();
        for (const scenario of next) {
          const groupId = groups.get(scenario.group);
          if (!groupId) throw new Error(`The demo organisation has no group ${scenario.group}.`);
          planIds.set(scenario.year, await this.play(actors, groupId, scenario, planIds));
        }
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: CONCURRENCY }, () =>
        worker().catch((error: unknown) => {
          failed = true;
          throw error;
        }),
      ),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    return {
      ...(await this.count(organizationId)),
      returned: scenarios.filter((scenario) => scenario.events.some((event) => event.kind === 'return')).length,
      seconds: (Date.now() - started) / 1000,
    };
  }

  /** One plan, from its creation to its last report; answers its id. */
  private async play(
    actors: DemoActors,
    groupId: string,
    scenario: DemoPlanScenario,
    planIds: Map<number, string>,
  ): Promise<string> {
    const companion = companionOf(scenario.group);
    const coordinator = coordinatorOf(scenario.regionCode);
    const copyFrom = scenario.copyFrom === null ? undefined : planIds.get(scenario.copyFrom);
    if (scenario.copyFrom !== null && !copyFrom)
      throw new Error(
        `Demo plan ${scenario.group} ${scenario.year}: the plan of ${scenario.copyFrom} to copy is missing.`,
      );
    const moments = new DemoMoments();
    const plan = await this.step(scenario, 'create', () =>
      this.timeline.at(moments.on(DRAFTED_ON(scenario.year)), () =>
        this.plans.create(actors.auth(companion), {
          groupId,
          year: scenario.year,
          goals: scenario.goals,
          ...(copyFrom ? { copyFrom } : {}),
        }),
      ),
    );
    const planId = plan.id as string;
    const itemIds = new Map<string, string>();
    if (scenario.copied.length > 0) {
      const rows = (await this.dataSource.query('SELECT id, title FROM plan_items WHERE work_plan_id = $1', [
        planId,
      ])) as { id: string; title: string }[];
      const byTitle = new Map(rows.map((row) => [row.title, row.id]));
      for (const { item, title } of scenario.copied) {
        const id = byTitle.get(title);
        if (!id) throw new Error(`Demo plan ${scenario.group} ${scenario.year}: the copy has no item "${title}".`);
        itemIds.set(item, id);
      }
      if (rows.length !== scenario.copied.length)
        throw new Error(
          `Demo plan ${scenario.group} ${scenario.year}: the copy has ${rows.length} items, not ${scenario.copied.length}.`,
        );
    }

    for (const event of scenario.events) {
      const auth = actors.auth(planActor(event) === 'companion' ? companion : coordinator);
      const item = (key: string) => {
        const id = itemIds.get(key);
        if (!id) throw new Error(`no item ${key}`);
        return id;
      };
      await this.step(scenario, event, () =>
        this.timeline.at(momentOf(moments, event), async () => {
          switch (event.kind) {
            case 'add_item': {
              const view = await this.items.create(auth, planId, event.body);
              itemIds.set(event.item, view.id as string);
              return;
            }
            case 'edit_item':
              await this.items.update(
                auth,
                planId,
                item(event.item),
                await this.version('plan_items', item(event.item)),
                event.changes,
              );
              return;
            case 'remove_item':
              await this.items.remove(
                auth,
                planId,
                item(event.item),
                await this.version('plan_items', item(event.item)),
              );
              itemIds.delete(event.item);
              return;
            case 'edit_goals':
              await this.plans.update(auth, planId, await this.version('work_plans', planId), { goals: event.goals });
              return;
            case 'submit':
            case 'approve':
            case 'return':
              await this.plans.step(auth, planId, event.kind, {
                ...(event.kind !== 'submit' && event.comments ? { comments: event.comments } : {}),
              });
              return;
            case 'item_status':
              await this.items.update(
                auth,
                planId,
                item(event.item),
                await this.version('plan_items', item(event.item)),
                { status: event.status, statusReason: event.reason },
              );
              return;
            case 'activity':
              await this.activities.create(auth, planId, item(event.item), event.report);
              return;
          }
        }),
      );
    }
    await this.check(scenario, planId, itemIds);
    return planId;
  }

  /** Every item ended as generated: its status and what it realised. */
  private async check(scenario: DemoPlanScenario, planId: string, itemIds: Map<string, string>): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.status, i.added_after_approval,
              (CASE WHEN i.target_unit = $2 THEN coalesce(sum(a.women + a.men + a.girls + a.boys), 0) ELSE count(a.id) END)::int AS realised
         FROM plan_items i LEFT JOIN activity_reports a ON a.plan_item_id = i.id
        WHERE i.work_plan_id = $1 GROUP BY i.id`,
      [planId, PARTICIPANTS_UNIT],
    )) as { id: string; status: string; added_after_approval: boolean; realised: number }[];
    const [{ status }] = (await this.dataSource.query('SELECT status FROM work_plans WHERE id = $1', [planId])) as {
      status: string;
    }[];
    const problems: string[] = [];
    if (status !== 'approved') problems.push(`the plan is ${status}`);
    if (rows.length !== Object.keys(scenario.expected).length)
      problems.push(`${rows.length} items, not ${Object.keys(scenario.expected).length}`);
    for (const [key, expected] of Object.entries(scenario.expected)) {
      const row = rows.find((candidate) => candidate.id === itemIds.get(key));
      if (!row) problems.push(`no item ${key}`);
      else if (
        row.status !== expected.status ||
        row.realised !== expected.realised ||
        row.added_after_approval !== expected.addedAfterApproval
      ) {
        problems.push(
          `${key} is ${row.status} with ${row.realised} realised${row.added_after_approval ? ', added after approval' : ''}, not ${expected.status} with ${expected.realised}`,
        );
      }
    }
    if (problems.length > 0)
      throw new Error(`Demo plan ${scenario.group} ${scenario.year} did not end as generated: ${problems.join('; ')}.`);
  }

  private async count(organizationId: string): Promise<Omit<DemoPlanCounts, 'returned' | 'seconds'>> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM work_plans WHERE organization_id = $1)::int AS plans,
              count(*)::int AS items,
              count(*) FILTER (WHERE i.status = 'done')::int AS "itemsDone",
              count(*) FILTER (WHERE i.status = 'cancelled')::int AS "itemsCancelled",
              count(*) FILTER (WHERE i.added_after_approval)::int AS "itemsAddedAfterApproval",
              count(*) FILTER (WHERE i.status NOT IN ('done', 'cancelled')
                AND make_date(p.year, (SELECT max(m) FROM unnest(i.planned_months) m), 1) + interval '1 month' <= (now() AT TIME ZONE r.time_zone)::date)::int AS "itemsOverdue",
              (SELECT count(*) FROM activity_reports WHERE organization_id = $1)::int AS activities,
              (SELECT coalesce(sum(women + men + girls + boys), 0) FROM activity_reports WHERE organization_id = $1)::int AS participants
         FROM plan_items i JOIN work_plans p ON p.id = i.work_plan_id JOIN regions r ON r.id = p.region_id
        WHERE i.organization_id = $1`,
      [organizationId],
    )) as Omit<DemoPlanCounts, 'returned' | 'seconds'>[];
    return row;
  }

  /** The version to send with a change; the seed is the system here and reads it itself rather than through an audited read. */
  private async version(table: 'plan_items' | 'work_plans', id: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id])) as {
      version: number;
    }[];
    return row.version;
  }

  /** A failure names the plan and the step, so that a change in the services that refuses the demo data is easy to find. */
  private async step<T>(
    scenario: DemoPlanScenario,
    event: DemoPlanEvent | 'create',
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const what =
        event === 'create'
          ? 'creating it'
          : `${event.kind}${'item' in event ? ` ${event.item}` : ''}${event.kind === 'activity' ? ` on ${event.report.date}` : ''}`;
      const detail = error instanceof Error ? error.message : String(error);
      const extra =
        error && typeof error === 'object' && 'details' in error
          ? ` ${JSON.stringify((error as { details: unknown }).details)}`
          : '';
      throw new Error(`Demo plan ${scenario.group} ${scenario.year}: ${what} failed: ${detail}${extra}`, {
        cause: error,
      });
    }
  }
}

/** When a plan's event happens: on its own date where it has one, a review step a week after the last event, an edit just after it. */
function momentOf(moments: DemoMoments, event: DemoPlanEvent): Date {
  switch (event.kind) {
    case 'activity':
      return moments.on(event.report.date);
    case 'item_status':
      return moments.on(event.date);
    case 'add_item':
      return moments.on(event.date);
    case 'submit':
    case 'return':
    case 'approve':
      return moments.daysLater(REVIEW_STEP_DAYS);
    default:
      return moments.on();
  }
}

function coordinatorOf(regionCode: string): string {
  const found = DEMO_USERS.find((user) => user.role === 'coordinator' && user.regions?.includes(regionCode));
  if (!found) throw new Error(`The demo has no coordinator for region ${regionCode}.`);
  return found.email;
}
