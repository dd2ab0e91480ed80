import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliModule } from '../apps/cli/src/cli.module';
import { DemoSeeder } from '../apps/cli/src/demo/demo-seeder';
import { CaseEntity } from '@pendamping/cases/entities';
import { computeReportFigures } from '@pendamping/cases/reports/report-figures';
import { ReportFigures } from '@pendamping/cases/reports/report-model';
import { createLogger } from '@pendamping/core';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { suiteConfig } from './support/test-app';

/**
 * The demo seed (`seed-demo`) plays its story through the services with the Clock set to each
 * event's date, so the demo report tells what happened when: closures in 2025 and 2026 and a
 * plausible time to closure, not everything on the day of seeding. The audit log is not fooled.
 */
describe('Demo history on its own dates', () => {
  let database: SuiteDatabase;
  let cli: INestApplicationContext;
  let dataSource: DataSource;
  let organizationId: string;
  const seededFrom = new Date();

  beforeAll(async () => {
    database = await createSuiteDatabase();
    const config = suiteConfig(database.url);
    cli = await NestFactory.createApplicationContext(CliModule.register(config, createLogger('silent')), {
      logger: false,
    });
    ({ organizationId } = await cli.get(DemoSeeder).seed());
    dataSource = cli.get(DataSource);
  }, 300_000);

  afterAll(async () => {
    await cli?.close();
    await database?.drop();
  });

  const report = (year: number) =>
    computeReportFigures(dataSource.manager, {
      organizationId,
      scope: { level: 'organization', id: null },
      year,
      audience: 'internal',
      locale: 'en',
      caseScope: (query: SelectQueryBuilder<CaseEntity>) => query,
      now: new Date('2026-12-02T12:00:00+08:00'),
    });
  const summary = (figures: ReportFigures, key: string) => figures.summary.find((figure) => figure.key === key);

  it('the demo report counts closures in 2025 and 2026 with a plausible median of days to closure', async () => {
    const figures = await report(2026);
    const closed = summary(figures, 'casesClosed');
    expect(closed?.previous).toBeGreaterThan(40);
    expect(closed?.current).toBeGreaterThan(40);
    const median = summary(figures, 'medianDaysToClosure');
    for (const days of [median?.current, median?.previous]) {
      expect(typeof days).toBe('number');
      expect(days).toBeGreaterThan(60);
      expect(days).toBeLessThan(160);
    }
  });

  it('dates every case on its intake day and every status change on the day of its story, none after the demo day', async () => {
    const [row] = (await dataSource.query(
      `SELECT count(*) FILTER (WHERE (c.created_at AT TIME ZONE 'Asia/Makassar')::date <> c.intake_date)::int AS created_off_intake,
              (SELECT count(*)::int FROM case_changes ch WHERE ch.organization_id = $1 AND ch.changed_at >= '2026-12-03T00:00:00+08:00') AS changes_after_demo_day,
              (SELECT count(DISTINCT extract(year FROM ch.changed_at))::int FROM case_changes ch WHERE ch.organization_id = $1) AS change_years
         FROM cases c WHERE c.organization_id = $1`,
      [organizationId],
    )) as { created_off_intake: number; changes_after_demo_day: number; change_years: number }[];
    expect(row).toEqual({ created_off_intake: 0, changes_after_demo_day: 0, change_years: 2 });
  });

  it("keeps a case's history in the order of its story: no two changes of one case at the same moment by different requests", async () => {
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS ties FROM (
         SELECT case_id, changed_at FROM case_changes WHERE organization_id = $1 GROUP BY case_id, changed_at HAVING count(DISTINCT action) > 1) t`,
      [organizationId],
    )) as { ties: number }[];
    expect(row.ties).toBe(0);
  });

  it("dates plan steps and activity reports in the plans' years", async () => {
    const [row] = (await dataSource.query(
      `SELECT count(*) FILTER (WHERE extract(year FROM p.submitted_at AT TIME ZONE 'Asia/Makassar') <> p.year
                                OR extract(year FROM p.reviewed_at AT TIME ZONE 'Asia/Makassar') <> p.year
                                OR extract(year FROM p.created_at AT TIME ZONE 'Asia/Makassar') <> p.year)::int AS plans_off_year,
              (SELECT count(*)::int FROM activity_reports a WHERE a.organization_id = $1 AND (a.created_at AT TIME ZONE 'Asia/Makassar')::date < a.date) AS reports_before_activity
         FROM work_plans p WHERE p.organization_id = $1`,
      [organizationId],
    )) as { plans_off_year: number; reports_before_activity: number }[];
    expect(row).toEqual({ plans_off_year: 0, reports_before_activity: 0 });
  });

  it('the audit log keeps the time it was really written, whatever the clock of the story says', async () => {
    const [row] = (await dataSource.query(
      `SELECT min(occurred_at) AS first FROM audit_events WHERE organization_id = $1`,
      [organizationId],
    )) as { first: Date }[];
    expect(row.first.getTime()).toBeGreaterThanOrEqual(seededFrom.getTime() - 1000);
    const verified = (await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND occurred_at < $2`,
      [organizationId, seededFrom],
    )) as { n: number }[];
    expect(verified[0].n).toBe(0);
  });
});
