import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseService, CreateCaseInput, FollowUpService, ReferralService } from '@pendamping/cases';
import { DataSource } from 'typeorm';
import { DemoActors } from './demo-auth';
import { companionOf, DemoCaseEvent, DemoCaseScenario, generateDemoCases } from './demo-cases';
import { DEMO_USERS } from './demo-data';
import { DemoMoments, DemoTimeline } from './demo-timeline';

export interface DemoCaseCounts {
  cases: number;
  referrals: number;
  followUps: number;
  /** Workflow steps, justice-pathway updates and restrictions. */
  transitions: number;
  updates: number;
  byStatus: Record<string, number>;
  seconds: number;
}

/** Cases replayed at a time besides the one being created (each case's own timeline stays in order); within the default pool of 10. */
const CONCURRENCY = 6;

/** Runs at most `size` tasks at once; after a failure, starts no more. */
function limited(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const state = {
    failed: false,
    async run(task: () => Promise<void>): Promise<void> {
      // A finishing task hands its slot straight to the next waiting one.
      if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      else active += 1;
      try {
        if (!state.failed) await task();
      } catch (error) {
        state.failed = true;
        throw error;
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active -= 1;
      }
    },
  };
  return state;
}

/**
 * Plays the generated demo cases through the case services, as their companions and coordinators
 * would through the API: encryption, case numbers, history and audit are the real ones, and with
 * the Clock set to each event's date (DemoTimeline), the history is dated as the story. Cases are
 * created one by one in intake order, so that case numbers follow intake dates; each case's
 * timeline (workflow, referrals, follow-ups) is replayed once it exists, several cases at a time.
 */
@Injectable()
export class DemoCaseSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly referrals: ReferralService,
    private readonly followUps: FollowUpService,
    private readonly timeline: DemoTimeline,
  ) {}

  async seed(organizationId: string): Promise<DemoCaseCounts> {
    const started = Date.now();
    const actors = await DemoActors.load(this.dataSource, organizationId);
    const places = await this.places(organizationId);
    const scenarios = generateDemoCases();
    const counts: DemoCaseCounts = {
      cases: 0,
      referrals: 0,
      followUps: 0,
      transitions: 0,
      updates: 0,
      byStatus: {},
      seconds: 0,
    };

    // Cases are created one at a time in intake order, so that case numbers follow intake dates; each
    // is created on its intake day and its timeline replayed, on the events' days, as soon as it exists.
    const replays = limited(CONCURRENCY);
    const creations = new DemoMoments();
    const running: Promise<void>[] = [];
    let creation: Error | undefined;
    for (const scenario of scenarios) {
      if (replays.failed) break;
      try {
        const created = creations.on(scenario.body.intakeDate);
        const caseId = await this.withContext(scenario, 'create', () =>
          this.timeline.at(created, () => this.create(actors, places, scenario)),
        );
        counts.cases += 1;
        const replay = replays.run(() =>
          this.replay(actors, places, scenario, caseId, new DemoMoments(created), counts),
        );
        replay.catch(() => undefined); // settled below; this keeps an early failure from counting as unhandled meanwhile
        running.push(replay);
      } catch (error) {
        replays.failed = true;
        creation = error as Error;
      }
    }
    // Everything started has finished before a failure is reported: nothing runs on after the seed returns.
    const replayed = await Promise.allSettled(running);
    if (creation) throw creation;
    const failure = replayed.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;

    const rows = (await this.dataSource.query(
      'SELECT status, count(*)::int AS count FROM cases WHERE organization_id = $1 GROUP BY status ORDER BY status',
      [organizationId],
    )) as {
      status: string;
      count: number;
    }[];
    counts.byStatus = Object.fromEntries(rows.map((row) => [row.status, row.count]));
    counts.seconds = (Date.now() - started) / 1000;
    return counts;
  }

  private async create(actors: DemoActors, places: Places, scenario: DemoCaseScenario): Promise<string> {
    const companion = companionOf(scenario.companionGroup);
    const where =
      scenario.village === null
        ? { regionId: places.region(scenario.regionCode), assignedCompanionId: actors.userId(companion) }
        : {
            villageId: places.village(scenario.regionCode, scenario.village),
            groupId: places.group(scenario.regionCode, scenario.group!),
          };
    const body: CreateCaseInput = { ...where, ...scenario.body };
    const auth = actors.auth(scenario.createdBy === 'companion' ? companion : coordinatorOf(scenario.regionCode));
    const view = await this.cases.create(auth, body);
    if (view.assignedCompanionId !== actors.userId(companion)) throw new Error(`it was not assigned to ${companion}`);
    return view.id as string;
  }

  /** The case's timeline, each event on its own date (`moments`, from the case's creation). */
  private async replay(
    actors: DemoActors,
    places: Places,
    scenario: DemoCaseScenario,
    caseId: string,
    moments: DemoMoments,
    counts: DemoCaseCounts,
  ): Promise<void> {
    const companion = companionOf(scenario.companionGroup);
    const coordinator = coordinatorOf(scenario.regionCode);
    const referrals = new Map<number, { id: string; version: number }>();
    for (const event of scenario.events) {
      const auth = actors.auth(event.by === 'companion' ? companion : coordinator);
      await this.withContext(scenario, event, () =>
        this.timeline.at(moments.on(event.date), async () => {
          switch (event.kind) {
            case 'transition':
              await this.cases.transition(auth, caseId, {
                to: event.to,
                reason: event.reason,
                ...(event.closureReason ? { closureReason: event.closureReason } : {}),
              });
              counts.transitions += 1;
              return;
            case 'justice':
              await this.cases.update(auth, caseId, await this.caseVersion(caseId), {
                justicePathway: event.justicePathway,
              });
              counts.updates += 1;
              return;
            case 'restrict':
              await this.cases.update(auth, caseId, await this.caseVersion(caseId), {
                restricted: true,
                excludedUserIds: [actors.userId(event.excludeCompanion)],
              });
              counts.updates += 1;
              return;
            case 'referral': {
              const providerId = event.provider === null ? undefined : places.provider(event.provider);
              const view = await this.referrals.create(auth, caseId, {
                serviceType: event.serviceType,
                ...(providerId ? { providerId } : {}),
                referredAt: event.date,
                note: event.note,
              });
              referrals.set(event.referral, { id: view.id as string, version: view.version as number });
              counts.referrals += 1;
              return;
            }
            case 'referral_status': {
              const referral = referrals.get(event.referral)!;
              const view = await this.referrals.update(auth, caseId, referral.id, referral.version, {
                status: event.status,
                ...(event.outcomeNote ? { outcomeNote: event.outcomeNote } : {}),
              });
              referral.version = view.version as number;
              return;
            }
            case 'follow_up':
              await this.followUps.create(auth, caseId, {
                date: event.date,
                type: event.type,
                notes: event.notes,
                ...(event.nextAction ? { nextAction: event.nextAction, dueDate: event.dueDate } : {}),
              });
              counts.followUps += 1;
              return;
          }
        }),
      );
    }
    const [row] = (await this.dataSource.query('SELECT status FROM cases WHERE id = $1', [caseId])) as {
      status: string;
    }[];
    if (row?.status !== scenario.finalStatus)
      throw new Error(`Demo case ${scenario.index} ended ${row?.status}, not ${scenario.finalStatus} as generated.`);
  }

  /**
   * A case's version moves with every change (transitions included); the seed is the system here
   * and reads it itself rather than through an audited read of the case.
   */
  private async caseVersion(caseId: string): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT version FROM cases WHERE id = $1', [caseId])) as {
      version: number;
    }[];
    return row.version;
  }

  /** A failure names the demo case and the step, so that a change in the services that refuses the demo data is easy to find. */
  private async withContext<T>(
    scenario: DemoCaseScenario,
    step: DemoCaseEvent | 'create',
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const what =
        step === 'create'
          ? `creating it (intake ${scenario.body.intakeDate})`
          : `${step.kind}${step.kind === 'transition' ? ` to ${step.to}` : ''} on ${step.date}`;
      const detail = error instanceof Error ? error.message : String(error);
      const extra =
        error && typeof error === 'object' && 'details' in error
          ? ` ${JSON.stringify((error as { details: unknown }).details)}`
          : '';
      throw new Error(
        `Demo case ${scenario.index} (${scenario.regionCode}, ${scenario.village ?? 'walk-in'}): ${what} failed: ${detail}${extra}`,
        { cause: error },
      );
    }
  }

  private async places(organizationId: string): Promise<Places> {
    const query = <R>(sql: string) => this.dataSource.query(sql, [organizationId]) as Promise<R[]>;
    const regions = await query<{ id: string; code: string }>(
      'SELECT id, code FROM regions WHERE organization_id = $1',
    );
    const villages = await query<{ id: string; code: string; name: string }>(
      'SELECT v.id, r.code, v.name FROM villages v JOIN regions r ON r.id = v.region_id WHERE v.organization_id = $1',
    );
    const groups = await query<{ id: string; code: string; name: string }>(
      'SELECT g.id, r.code, g.name FROM groups g JOIN regions r ON r.id = g.region_id WHERE g.organization_id = $1',
    );
    const providers = await query<{ id: string; name: string }>(
      'SELECT id, name FROM service_providers WHERE organization_id = $1',
    );
    const lookup = (rows: { id: string }[], key: (row: never) => string) =>
      new Map(rows.map((row) => [key(row as never), row.id]));
    const byRegion = lookup(regions, (row: { code: string }) => row.code);
    const byVillage = lookup(villages, (row: { code: string; name: string }) => `${row.code}/${row.name}`);
    const byGroup = lookup(groups, (row: { code: string; name: string }) => `${row.code}/${row.name}`);
    const byProvider = lookup(providers, (row: { name: string }) => row.name);
    const get = (map: Map<string, string>, key: string, what: string) => {
      const id = map.get(key);
      if (!id) throw new Error(`The demo organisation has no ${what} ${key}.`);
      return id;
    };
    return {
      region: (code) => get(byRegion, code, 'region'),
      village: (code, name) => get(byVillage, `${code}/${name}`, 'village'),
      group: (code, name) => get(byGroup, `${code}/${name}`, 'group'),
      provider: (name) => get(byProvider, name, 'service provider'),
    };
  }
}

interface Places {
  region(code: string): string;
  village(regionCode: string, name: string): string;
  group(regionCode: string, name: string): string;
  provider(name: string): string;
}

function coordinatorOf(regionCode: string): string {
  const found = DEMO_USERS.find((user) => user.role === 'coordinator' && user.regions?.includes(regionCode));
  if (!found) throw new Error(`The demo has no coordinator for region ${regionCode}.`);
  return found.email;
}
