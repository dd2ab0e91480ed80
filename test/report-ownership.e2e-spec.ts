import { Client } from 'pg';
import { createCase } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import {
  awaitReport,
  downloadFile,
  eventually,
  fetchFile,
  Json,
  REPORTS,
  reportBody,
  requestReport,
  unzip,
} from './support/report-client';
import { startTestWorker, TestWorker } from './support/test-app';
import { createOrganisation, createUser, SignedInUser } from './support/world';

/**
 * A report belongs to its requester, and counts no case she is excluded from (SPEC §7, issue 11
 * item 2). The attack: a user excluded from a restricted case downloads a colleague's report of
 * the same scope, diffs it with her own, and reads the case's coded profile in the difference.
 * Replayed here for an excluded companion, coordinator and reviewer: both files are rendered, the
 * diff shows exactly the case (so her own report did leave it out), and the colleague's report
 * does not exist for her (404 on status and file, not listed). Next year's report leaves the case
 * out of its previous-year column too; and restricting a case names the excluded users who
 * already hold a report that counted it. The queue view shows an administrator her own
 * organisation's requests only.
 */

const YEAR = 2025;

/** Every CSV file of a CSV-ZIP report, as rows of cells (the report's CSVs quote nothing in these tables). */
function csvTables(bytes: Buffer): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const [name, data] of unzip(bytes)) {
    const lines = data
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((line) => line !== '');
    tables.set(
      name,
      lines.map((line) => line.split(',')),
    );
  }
  return tables;
}

/** "file: row label: theirs → mine" for every row whose cells differ between two reports of the same scope. */
function diff(theirs: Map<string, string[][]>, mine: Map<string, string[][]>): string[] {
  const found: string[] = [];
  for (const [file, rows] of theirs) {
    const other = mine.get(file) ?? [];
    rows.forEach((row, index) => {
      const counterpart = other[index] ?? [];
      if (row.join(',') !== counterpart.join(','))
        found.push(`${file}: ${row[0]}: ${row.slice(1).join(' ')} → ${counterpart.slice(1).join(' ')}`);
    });
  }
  return found;
}

/** A cell of a report's table, by its file's name (without the number) and its first cell (the code, or the summary's label). */
function cell(tables: Map<string, string[][]>, fileEnd: string, label: string, column: number): string {
  const file = [...tables.keys()].find((name) => name.endsWith(fileEnd));
  if (!file) throw new Error(`no file ending ${fileEnd}: ${[...tables.keys()].join(', ')}`);
  const row = tables.get(file)!.find((cells) => cells[0] === label);
  if (!row) throw new Error(`no row ${label} in ${file}`);
  return row[column];
}

describe('Report ownership and restricted cases (SPEC §7)', () => {
  let worker: TestWorker | undefined;
  afterAll(async () => {
    await worker?.close();
  });
  const suite = organisationSuite();
  const http = () => suite.api.http();

  let companionA2: SignedInUser;
  let coordinatorA2: SignedInUser;
  let reviewer2: SignedInUser;
  let restrictedCaseId = '';

  const csvReport = async (user: SignedInUser, scope: { level: string; id?: string }, year = YEAR): Promise<Json> => {
    const requested = await requestReport(suite.api, user, reportBody(year, scope, { format: 'csv', locale: 'en' }));
    return awaitReport(suite.api, user, requested.id as string);
  };
  const tablesOf = async (user: SignedInUser, id: string) => csvTables(await downloadFile(suite.api, user, id));

  /** The colleague's report does not exist for `reader`: status, file and list alike. */
  async function expectAbsentFor(reader: SignedInUser, reportId: string): Promise<void> {
    await http().get(`${REPORTS}/${reportId}`).set(reader.auth()).expect(404);
    expect((await fetchFile(suite.api, reader, reportId)).status).toBe(404);
    const listed = await http().get(REPORTS).set(reader.auth()).query({ limit: 100 }).expect(200);
    expect((listed.body.items as Json[]).map((item) => item.id)).not.toContain(reportId);
  }

  /** Their report and mine: the difference is exactly the restricted case (a girl of 15, sexual violence at school, a teacher). */
  function expectDiffIsTheRestrictedCase(theirs: Map<string, string[][]>, mine: Map<string, string[][]>): void {
    expect(cell(theirs, 'summary.csv', 'New cases', 2)).toBe('4');
    expect(cell(mine, 'summary.csv', 'New cases', 2)).toBe('3');
    expect(cell(theirs, 'violence-type.csv', 'seksual', 2)).toBe('1');
    expect(cell(mine, 'violence-type.csv', 'seksual', 2)).toBe('0');
    const differences = diff(theirs, mine);
    expect(differences.some((line) => line.includes('Sexual'))).toBe(true);
    expect(differences.some((line) => line.includes('School'))).toBe(true);
  }

  beforeAll(async () => {
    worker = await startTestWorker(suite.api.config);
    const { admin, coordinatorA, villages, groups, regions } = suite.org;
    companionA2 = await createUser(suite.api, admin, 'companion', { groupIds: [groups.a] });
    coordinatorA2 = await createUser(suite.api, admin, 'coordinator', { regionIds: [regions.a] });
    reviewer2 = await createUser(suite.api, admin, 'reviewer', {});
    const body = (intakeDate: string, violence: string, place: string, age: number, relationship: string) => ({
      villageId: villages.a,
      groupId: groups.a,
      intakeDate,
      violenceTypes: [violence],
      placeType: place,
      referralSource: 'family',
      survivor: { sex: 'female', ageAtIntake: age, disability: 'none' },
      perpetrators: [{ relationship, sex: 'male', ageGroup: '25-44' }],
      consent: { record: true, refer: true },
    });
    for (const day of ['03', '04', '05'])
      await createCase(suite.api, coordinatorA, body(`${YEAR}-03-${day}`, 'fisik', 'home', 30, 'husband_partner'));
    const restricted = await createCase(
      suite.api,
      coordinatorA,
      body(`${YEAR}-05-10`, 'seksual', 'school', 15, 'teacher'),
    );
    restrictedCaseId = restricted.id as string;
    await http()
      .patch(`/api/v1/cases/${restrictedCaseId}`)
      .set(coordinatorA.auth())
      .send({
        version: restricted.version,
        restricted: true,
        excludedUserIds: [companionA2.id, coordinatorA2.id, reviewer2.id],
      })
      .expect(200);
  }, 120_000);

  it("an excluded companion cannot take a colleague's group report to diff with her own: it does not exist for her", async () => {
    const { companionA, groups } = suite.org;
    const theirs = await csvReport(companionA, { level: 'group', id: groups.a });
    const mine = await csvReport(companionA2, { level: 'group', id: groups.a });
    expectDiffIsTheRestrictedCase(
      await tablesOf(companionA, theirs.id as string),
      await tablesOf(companionA2, mine.id as string),
    );
    await expectAbsentFor(companionA2, theirs.id as string);
  }, 120_000);

  it("an excluded coordinator cannot take a colleague's region report to diff with her own: it does not exist for her", async () => {
    const { coordinatorA, regions } = suite.org;
    const theirs = await csvReport(coordinatorA, { level: 'region', id: regions.a });
    const mine = await csvReport(coordinatorA2, { level: 'region', id: regions.a });
    expectDiffIsTheRestrictedCase(
      await tablesOf(coordinatorA, theirs.id as string),
      await tablesOf(coordinatorA2, mine.id as string),
    );
    await expectAbsentFor(coordinatorA2, theirs.id as string);
  }, 120_000);

  it("an excluded reviewer cannot take a colleague's organisation report to diff with her own: it does not exist for her", async () => {
    const { reviewer } = suite.org;
    const theirs = await csvReport(reviewer, { level: 'organization' });
    const mine = await csvReport(reviewer2, { level: 'organization' });
    expectDiffIsTheRestrictedCase(
      await tablesOf(reviewer, theirs.id as string),
      await tablesOf(reviewer2, mine.id as string),
    );
    await expectAbsentFor(reviewer2, theirs.id as string);
  }, 120_000);

  it('a report belongs to its requester even for a reader the case does not exclude', async () => {
    const { companionA, coordinatorA, reviewer, groups } = suite.org;
    const own = await csvReport(companionA, { level: 'group', id: groups.a });
    for (const other of [coordinatorA, reviewer]) await expectAbsentFor(other, own.id as string);
  }, 120_000);

  it("next year's report of an excluded user leaves the case out of its previous-year column", async () => {
    const { companionA, groups } = suite.org;
    const theirs = await tablesOf(
      companionA,
      (await csvReport(companionA, { level: 'group', id: groups.a }, YEAR + 1)).id as string,
    );
    const mine = await tablesOf(
      companionA2,
      (await csvReport(companionA2, { level: 'group', id: groups.a }, YEAR + 1)).id as string,
    );
    expect(cell(theirs, 'summary.csv', 'New cases', 3)).toBe('4');
    expect(cell(mine, 'summary.csv', 'New cases', 3)).toBe('3');
    expect(cell(theirs, 'violence-type.csv', 'seksual', 3)).toBe('1');
    expect(cell(mine, 'violence-type.csv', 'seksual', 3)).toBe('0');
  }, 120_000);

  it('restricting a case tells the coordinator which excluded users hold reports that counted it, and audits the telling', async () => {
    const { coordinatorA, companionA, villages, groups } = suite.org;
    const counted = await createCase(suite.api, coordinatorA, {
      villageId: villages.a,
      groupId: groups.a,
      intakeDate: `${YEAR}-06-01`,
      violenceTypes: ['psikis'],
      survivor: { sex: 'female', ageAtIntake: 40 },
      consent: { record: true, refer: true },
    });
    const held = await csvReport(companionA, { level: 'group', id: groups.a });
    const notHeld = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [groups.a] });
    const restricted = await http()
      .patch(`/api/v1/cases/${counted.id}`)
      .set(coordinatorA.auth())
      .send({ version: counted.version, restricted: true, excludedUserIds: [companionA.id, notHeld.id] })
      .expect(200);
    expect(restricted.body.restrictionNotice).toEqual({
      excludedUsersHoldingReports: [{ userId: companionA.id, name: 'Test companion', reportIds: [held.id] }],
    });
    const [event] = (await suite.dataSource.query(
      `SELECT actor_id, fields FROM audit_events WHERE action = 'notify_report_holders' AND subject_id = $1`,
      [counted.id],
    )) as Json[];
    expect(event).toMatchObject({ actor_id: coordinatorA.id, fields: ['restrictionNotice'] });
    // Her report stays (never withdrawn: its vanishing would reveal the restriction).
    await http().get(`${REPORTS}/${held.id}`).set(companionA.auth()).expect(200);
    expect((await fetchFile(suite.api, companionA, held.id as string)).status).toBe(200);
  }, 120_000);

  it("restricting a case names no one whose reports never counted it: the excluded user's own reports left it out", async () => {
    const { coordinatorA } = suite.org;
    const [current] = (await suite.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [restrictedCaseId])) as {
      version: number;
    }[];
    const again = await http()
      .patch(`/api/v1/cases/${restrictedCaseId}`)
      .set(coordinatorA.auth())
      .send({
        version: current.version,
        restricted: true,
        excludedUserIds: [companionA2.id, coordinatorA2.id, reviewer2.id],
      })
      .expect(200);
    expect(again.body.restrictionNotice).toEqual({ excludedUsersHoldingReports: [] });
  });

  it("shows an organisation's administrator its own requests and whether Redis is up, never the deployment's queue counts", async () => {
    const other = await createOrganisation(suite.api, 'Other');
    await csvReport(other.reviewer, { level: 'organization' });
    const queue = await http().get(`${REPORTS}/queue`).set(suite.org.admin.auth()).expect(200);
    const rows = (await suite.dataSource.query(
      `SELECT status, count(*)::int AS n FROM reports WHERE organization_id = $1 GROUP BY status`,
      [suite.org.id],
    )) as { status: string; n: number }[];
    const own = Object.fromEntries(
      ['queued', 'running', 'succeeded', 'failed', 'expired'].map((status) => [
        status,
        rows.find((row) => row.status === status)?.n ?? 0,
      ]),
    );
    expect(queue.body).toEqual({ redis: 'up', organization: own });
  }, 120_000);

  it('a report that counted a case restricted against its requester before its file was committed counts again without it', async () => {
    const { coordinatorA, companionA, villages, groups } = suite.org;
    const late = await createCase(suite.api, coordinatorA, {
      villageId: villages.a,
      groupId: groups.a,
      intakeDate: `${YEAR}-07-01`,
      violenceTypes: ['trafficking'],
      survivor: { sex: 'female', ageAtIntake: 22 },
      consent: { record: true, refer: true },
    });
    // A SHARE lock on report_chunks holds the worker's write (its transaction's first statement) once the figures are counted.
    const holder = new Client({ connectionString: suite.api.config.DATABASE_URL });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE report_chunks IN SHARE MODE');
    let reportId = '';
    try {
      reportId = (
        await requestReport(
          suite.api,
          companionA,
          reportBody(YEAR, { level: 'group', id: groups.a }, { format: 'csv', locale: 'en' }),
        )
      ).id as string;
      await eventually('the report to reach its rendering stage', async () => {
        const body = (await http().get(`${REPORTS}/${reportId}`).set(companionA.auth())).body as Json;
        return body.stage === 'rendering' ? body : undefined;
      });
      const [counted] = (await suite.dataSource.query(
        `SELECT count(*)::int AS n FROM report_counted_cases WHERE report_id = $1 AND case_id = $2`,
        [reportId, late.id],
      )) as { n: number }[];
      expect(counted.n).toBe(1);
      const restricted = await http()
        .patch(`/api/v1/cases/${late.id}`)
        .set(coordinatorA.auth())
        .send({ version: late.version, restricted: true, excludedUserIds: [companionA.id] })
        .expect(200);
      // Not finished yet: nobody holds it, and it will not count the case.
      expect(restricted.body.restrictionNotice).toEqual({ excludedUsersHoldingReports: [] });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await awaitReport(suite.api, companionA, reportId);
    const tables = await tablesOf(companionA, reportId);
    expect(cell(tables, 'violence-type.csv', 'trafficking', 2)).toBe('0');
    const [after] = (await suite.dataSource.query(
      `SELECT count(*)::int AS n FROM report_counted_cases WHERE report_id = $1 AND case_id = $2`,
      [reportId, late.id],
    )) as { n: number }[];
    expect(after.n).toBe(0);
  }, 120_000);
});
