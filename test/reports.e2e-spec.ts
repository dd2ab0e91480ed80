import { ReportExpiry } from '@pendamping/cases';
import { messagesFor, rowLabel, summaryLabel } from '@pendamping/cases/reports/render/messages';
import { JobProducer, QueueName } from '@pendamping/core';
import ExcelJS from 'exceljs';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { addFollowUp, addReferral, createCase } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import {
  awaitReport,
  downloadFile,
  eventually,
  fetchFile,
  Json,
  pdfInfo,
  pdfSummaryValue,
  pdfTable,
  pdfText,
  REPORTS,
  reportBody,
  requestReport,
  sha256,
  unzip,
  zipText,
} from './support/report-client';
import { startTestWorker, TestWorker } from './support/test-app';
import { activityBody, addActivity, addItem, createPlan, itemBody } from './support/work-plans';
import { SignedInUser, approveRequest, createUser } from './support/world';

/**
 * Evaluation reports end to end (SPEC §7, §9): a request is answered 202 at once and saved before
 * it is queued; a worker started here renders it; the file is downloaded, checked against its
 * checksum, read back (PDF text, XLSX and CSV ZIP entries decompressed) and compared with the
 * crafted cases; identifying and sensitive values never appear; an external report suppresses
 * small cells and their complements and carries no free text; who may ask for and download what.
 */

const YEAR = 2025;
const PREVIOUS = YEAR - 1;

/** Values of identifying and sensitive fields, and of the plan's free text: none may appear in any report. */
const CANARY = {
  survivorName: 'Kanarisurvivor Qx7Name',
  alias: 'Kanarialias Qx7Alias',
  phone: '081277731911',
  address: 'Jalan Kanariaddress Qx7',
  birthDate: '1995-07-19',
  nik: '5301997731190001',
  guardianName: 'Kanariguardian Qx7',
  guardianPhone: '081277731922',
  perpetratorName: 'Kanariperpetrator Qx7',
  perpetratorPhone: '081277731933',
  narrative: 'Kanarinarrative Qx7 kejadian di dapur',
  safetyPlan: 'Kanarisafetyplan Qx7 tas darurat',
  medicalNotes: 'Kanarimedical Qx7 memar',
  safeTimes: 'Kanarisafetimes Qx7 pagi',
  intermediary: 'Kanariintermediary Qx7 tetangga',
  followUpNotes: 'Kanarifollowup Qx7 kunjungan',
  nextAction: 'Kanarinextaction Qx7 antar ke puskesmas',
  referralNote: 'Kanarireferral Qx7 rujuk visum',
  outcomeNote: 'Kanarioutcome Qx7 visum selesai',
  transitionReason: 'Kanarireason Qx7 korban aman',
};
/** Free text of the group's plan and activities that is not obstacles or lessons: not in any report. */
const PLAN_TEXT = {
  goals: 'Kanarigoals Qx7 desa ramah perempuan',
  keyPersons: 'Kanarikeyperson Qx7 Bapak Kepala Desa',
  summary: 'Kanarisummary Qx7 diskusi',
  results: 'Kanariresults Qx7 peserta paham',
};
/** Obstacles and lessons: in internal reports by design (SPEC §7), never in external ones. */
const NOTES = { obstacles: 'Hambatanmarker Qx7 hujan deras', lessons: 'Pembelajaranmarker Qx7 libatkan tokoh adat' };
/** What no report may ever show; an external report also leaves out the plans' free text. */
const CASE_SECRETS = Object.values(CANARY);
const SECRETS = [...CASE_SECRETS, ...Object.values(PLAN_TEXT)];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** pg's Client for the suite's database, outside the app's pool (locks, direct reads). */
async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

function expectNoSecrets(what: string, texts: string[], secrets: readonly string[] = SECRETS): void {
  for (const text of texts) {
    const found = secrets.filter((secret) => text.includes(secret));
    if (found.length > 0) throw new Error(`${what} contains ${found.map((value) => JSON.stringify(value)).join(', ')}`);
  }
}

/** A minimal RFC 4180 reader (the report's CSVs quote fields with commas, quotes or line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('Evaluation reports', () => {
  let worker: TestWorker | undefined;
  // Declared before the suite's hooks, so the worker stops before the database is dropped.
  afterAll(async () => {
    await worker?.close();
  });
  const suite = organisationSuite();
  const http = () => suite.api.http();
  const api = () => suite.api;

  const startWorker = async () => {
    worker ??= await startTestWorker(suite.api.config);
  };
  const stopWorker = async () => {
    await worker?.close();
    worker = undefined;
  };

  const newUser = (role: string, scope: { groupIds?: string[]; regionIds?: string[] }): Promise<SignedInUser> =>
    createUser(suite.api, suite.org.admin, role, scope);

  async function changeScope(user: SignedInUser, scope: { groupIds?: string[]; regionIds?: string[] }): Promise<void> {
    const current = await http().get(`/api/v1/users/${user.id}`).set(suite.org.admin.auth()).expect(200);
    const requested = await http()
      .patch(`/api/v1/users/${user.id}`)
      .set(suite.org.admin.auth())
      .send({ ...scope, version: current.body.version })
      .expect(202);
    await approveRequest(suite.api, suite.org.admin, requested.body.id);
  }

  const reportRow = async (id: string) =>
    (
      (await suite.dataSource.query(`SELECT status, progress, stage, error, attempts FROM reports WHERE id = $1`, [
        id,
      ])) as Json[]
    )[0];
  const chunkSeqs = async (id: string) =>
    (
      (await suite.dataSource.query(`SELECT seq FROM report_chunks WHERE report_id = $1 ORDER BY seq`, [id])) as {
        seq: number;
      }[]
    ).map((row) => row.seq);

  /**
   * Holds every report at its last step: a SHARE lock on report_chunks makes the worker's write
   * (in the transaction that marks the report succeeded) wait, so the report stays `running`.
   */
  async function holdFileWrites(): Promise<() => Promise<void>> {
    const client = await connect(suite.api.config.DATABASE_URL);
    await client.query('BEGIN');
    await client.query('LOCK TABLE report_chunks IN SHARE MODE');
    return async () => {
      await client.query('ROLLBACK');
      await client.end();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The crafted data: region A (village Oesao, group Mawar) and region B (village Kuatae, group Melati).
  //   region A, 2025: 7 × fisik at home (adult women, family, husband/partner), 2 × seksual at school (girls of 15, teacher)
  //   region A, 2024: 3 × fisik at home
  //   region B, 2025: 6 × psikis online
  // One of region A's 2025 cases carries a value in every identifying and sensitive field, with
  // follow-ups, a referral and transitions whose notes are canaries too.
  let canaryCaseId = '';

  beforeAll(async () => {
    const { coordinatorA, coordinatorB, companionA, villages, groups } = suite.org;
    const body = (
      villageId: string,
      groupId: string,
      intakeDate: string,
      c: { violence: string; place: string; age: number; source: string; relationship: string },
    ) => ({
      villageId,
      groupId,
      intakeDate,
      violenceTypes: [c.violence],
      placeType: c.place,
      referralSource: c.source,
      riskLevel: 'medium',
      survivor: {
        sex: 'female',
        ageAtIntake: c.age,
        disability: 'none',
        maritalStatus: c.age >= 18 ? 'married' : 'single',
      },
      perpetrators: [{ relationship: c.relationship, sex: 'male', ageGroup: '25-44' }],
      consent: { record: true, refer: true, shareDeidentified: true, givenBy: 'survivor', givenAt: intakeDate },
    });
    const atHome = { violence: 'fisik', place: 'home', age: 30, source: 'family', relationship: 'husband_partner' };
    const atSchool = { violence: 'seksual', place: 'school', age: 15, source: 'teacher', relationship: 'teacher' };
    const online = { violence: 'psikis', place: 'online', age: 20, source: 'self', relationship: 'former_partner' };

    const canary = await createCase(api(), coordinatorA, {
      ...body(villages.a, groups.a, `${YEAR}-02-03`, atHome),
      survivor: {
        sex: 'female',
        ageAtIntake: 30,
        disability: 'none',
        maritalStatus: 'married',
        name: CANARY.survivorName,
        alias: CANARY.alias,
        phone: CANARY.phone,
        address: CANARY.address,
        birthDate: CANARY.birthDate,
        nik: CANARY.nik,
      },
      guardian: { name: CANARY.guardianName, phone: CANARY.guardianPhone },
      perpetrators: [
        {
          relationship: 'husband_partner',
          sex: 'male',
          ageGroup: '25-44',
          name: CANARY.perpetratorName,
          phone: CANARY.perpetratorPhone,
        },
      ],
      narrative: CANARY.narrative,
      safetyPlan: CANARY.safetyPlan,
      medicalNotes: CANARY.medicalNotes,
      safeContact: { callSafe: false, textSafe: true, safeTimes: CANARY.safeTimes, intermediary: CANARY.intermediary },
    });
    canaryCaseId = canary.id as string;
    for (let n = 1; n < 7; n++)
      await createCase(api(), coordinatorA, body(villages.a, groups.a, `${YEAR}-0${1 + (n % 9)}-1${n}`, atHome));
    for (let n = 0; n < 2; n++)
      await createCase(api(), coordinatorA, body(villages.a, groups.a, `${YEAR}-0${4 + n}-2${n}`, atSchool));
    for (let n = 0; n < 3; n++)
      await createCase(api(), coordinatorA, body(villages.a, groups.a, `${PREVIOUS}-0${5 + n}-0${n + 1}`, atHome));
    for (let n = 0; n < 6; n++)
      await createCase(api(), coordinatorB, body(villages.b, groups.b, `${YEAR}-0${1 + n}-15`, online));

    await addFollowUp(api(), coordinatorA, canaryCaseId, {
      date: `${YEAR}-02-05`,
      type: 'home_visit',
      notes: CANARY.followUpNotes,
      nextAction: CANARY.nextAction,
      dueDate: `${YEAR}-02-20`,
    });
    await addFollowUp(api(), coordinatorA, canaryCaseId, {
      date: `${YEAR}-02-20`,
      type: 'accompaniment_health',
      notes: `${CANARY.followUpNotes} (2)`,
    });
    const referral = await addReferral(api(), coordinatorA, canaryCaseId, {
      serviceType: 'health',
      referredAt: `${YEAR}-02-06`,
      note: CANARY.referralNote,
    });
    let version = referral.version as number;
    for (const status of ['accepted', 'in_service', 'completed']) {
      const changed = await http()
        .patch(`/api/v1/cases/${canaryCaseId}/referrals/${referral.id}`)
        .set(coordinatorA.auth())
        .send({ status, ...(status === 'completed' ? { outcomeNote: CANARY.outcomeNote } : {}), version })
        .expect(200);
      version = changed.body.version;
    }
    for (const step of [{ to: 'active' }, { to: 'closure_requested', closureReason: 'needs_met' }, { to: 'closed' }]) {
      await http()
        .post(`/api/v1/cases/${canaryCaseId}/transitions`)
        .set(coordinatorA.auth())
        .send({ ...step, reason: CANARY.transitionReason })
        .expect(200);
    }

    const plan = await createPlan(api(), companionA, { groupId: groups.a, year: YEAR, goals: PLAN_TEXT.goals });
    const item = await addItem(
      api(),
      companionA,
      plan.id,
      itemBody({ title: 'Penyuluhan KtP/A', keyPersons: PLAN_TEXT.keyPersons }),
    );
    await addActivity(
      api(),
      companionA,
      plan.id,
      item.id,
      activityBody(
        `${YEAR}-05-14`,
        { women: 12, men: 4, girls: 6, boys: 3, disability: 2 },
        {
          summary: PLAN_TEXT.summary,
          results: PLAN_TEXT.results,
          obstacles: NOTES.obstacles,
          lessons: NOTES.lessons,
        },
      ),
    );
  });

  // The reviewer's organisation-wide internal PDF, asked for before any worker runs (used again below).
  let orgReport: Json;

  // ---------------------------------------------------------------------------------------------
  it('answers 202 at once with the saved request, queues its id only, and answers an identical request while queued with the same id', async () => {
    const { reviewer, coordinatorA, regions } = suite.org;
    expect(worker).toBeUndefined();
    const response = await http()
      .post(REPORTS)
      .set(reviewer.auth())
      .send(reportBody(YEAR, { level: 'organization' }));
    expect(response.status).toBe(202);
    orgReport = response.body;
    expect(orgReport).toMatchObject({
      kind: 'annual_evaluation',
      year: YEAR,
      scope: { level: 'organization', id: null },
      format: 'pdf',
      locale: 'id',
      audience: 'internal',
      status: 'queued',
      progress: 0,
      requestedBy: reviewer.id,
      fileName: null,
    });
    expect(orgReport.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));

    // Saved in PostgreSQL (the outbox), and in Redis as a job whose payload is the id alone.
    expect(await reportRow(orgReport.id)).toMatchObject({ status: 'queued' });
    const job = await suite.api.app.get(JobProducer).queue(QueueName.Reports).getJob(orgReport.id);
    expect(job?.data).toEqual({ reportId: orgReport.id });

    // The same request again, by the same requester, while it is queued: the same report.
    const again = await http()
      .post(REPORTS)
      .set(reviewer.auth())
      .send(reportBody(YEAR, { level: 'organization', id: null }, { locale: 'id', audience: 'internal' }));
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(orgReport.id);
    // Another format, or another requester: another report.
    const xlsx = await requestReport(api(), reviewer, reportBody(YEAR, { level: 'organization' }, { format: 'xlsx' }));
    expect(xlsx.id).not.toBe(orgReport.id);
    const regional = await requestReport(api(), coordinatorA, reportBody(YEAR, { level: 'region', id: regions.a }));
    expect([orgReport.id, xlsx.id]).not.toContain(regional.id);
    expect(
      Number(
        (await suite.dataSource.query(`SELECT count(*) AS n FROM reports WHERE requested_by = $1`, [reviewer.id]))[0].n,
      ),
    ).toBe(2);

    // Queued: shown with its status; no file yet.
    const shown = await http().get(`${REPORTS}/${orgReport.id}`).set(reviewer.auth()).expect(200);
    expect(shown.body).toMatchObject({ id: orgReport.id, status: 'queued', progress: 0 });
    const early = await fetchFile(api(), reviewer, orgReport.id);
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);

    // Each caller lists their own requests only.
    const mine = await http().get(REPORTS).set(reviewer.auth()).expect(200);
    expect((mine.body.items as Json[]).map((row) => row.id).sort()).toEqual([orgReport.id, xlsx.id].sort());
    const theirs = await http().get(REPORTS).set(coordinatorA.auth()).expect(200);
    expect((theirs.body.items as Json[]).map((row) => row.id)).toEqual([regional.id]);
    expect((await http().get(REPORTS).set(suite.org.companionB.auth()).expect(200)).body.items).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------
  it('shows running with its progress and stage, refuses the file until it is ready, then serves it as a no-store attachment matching its checksum, and audits the download', async () => {
    const { reviewer, admin } = suite.org;
    const release = await holdFileWrites();
    let running: Json;
    try {
      await startWorker();
      running = await awaitReport(api(), reviewer, orgReport.id, ['running']);
      // The figures are computed; the write waits on the lock: the stage names where it is.
      running = await eventually('the report to reach its rendering stage', async () => {
        const body = (await http().get(`${REPORTS}/${orgReport.id}`).set(reviewer.auth()).expect(200)).body as Json;
        return body.stage === 'rendering' ? body : undefined;
      });
      expect(running).toMatchObject({ status: 'running', stage: 'rendering', fileName: null });
      expect(running.progress).toBeGreaterThan(0);
      expect(running.progress).toBeLessThan(100);
      expect(running.startedAt).toEqual(expect.any(String));

      const notYet = await fetchFile(api(), reviewer, orgReport.id);
      expect(notYet.status).toBe(409);
      expect(await chunkSeqs(orgReport.id)).toEqual([]);

      // An identical request while it runs: the running report.
      const again = await http()
        .post(REPORTS)
        .set(reviewer.auth())
        .send(reportBody(YEAR, { level: 'organization' }));
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(orgReport.id);
    } finally {
      await release();
    }

    const done = await awaitReport(api(), reviewer, orgReport.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      fileName: expect.stringMatching(/^laporan-evaluasi-internal-rahasia-2025-[a-z0-9-]+\.pdf$/),
    });
    expect(new Date(done.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const response = await fetchFile(api(), reviewer, orgReport.id);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${done.fileName}"`);
    expect(response.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(response.body.length).toBe(done.byteSize);
    expect(sha256(response.body)).toBe(done.checksumSha256);
    // Stored in chunks numbered from 0 without a gap.
    const seqs = await chunkSeqs(orgReport.id);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    expect(seqs.length).toBeGreaterThan(0);

    const audit = await http()
      .get('/api/v1/audit')
      .query({ action: 'download', subject: 'Report' })
      .set(admin.auth())
      .expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'download',
          subject: 'Report',
          subjectId: orgReport.id,
          actorId: reviewer.id,
          outcome: 'success',
        }),
      ]),
    );
  });

  // ---------------------------------------------------------------------------------------------
  it('writes the counts of the crafted cases into the internal PDF, in Indonesian and in English, with the groups’ obstacles and lessons and no identifying or sensitive value', async () => {
    const { reviewer, coordinatorA, regions } = suite.org;
    await startWorker();
    const idReport = await requestReport(
      api(),
      coordinatorA,
      reportBody(YEAR, { level: 'region', id: regions.a }, { locale: 'id' }),
    );
    const enReport = await requestReport(
      api(),
      coordinatorA,
      reportBody(YEAR, { level: 'region', id: regions.a }, { locale: 'en' }),
    );

    for (const [report, locale] of [
      [idReport, 'id'],
      [enReport, 'en'],
    ] as const) {
      const done = await awaitReport(api(), coordinatorA, report.id);
      expect(done.fileName).toBe(
        locale === 'id'
          ? 'laporan-evaluasi-internal-rahasia-2025-kupang.pdf'
          : 'evaluation-report-internal-confidential-2025-kupang.pdf',
      );
      const bytes = await downloadFile(api(), coordinatorA, report.id);
      const text = await pdfText(bytes);
      const m = messagesFor(locale);
      const label = (codeList: string, key: string) => rowLabel(m, locale, { codeList }, { key });

      expect(text).toContain(locale === 'id' ? 'Laporan Evaluasi Tahunan' : 'Annual Evaluation Report');
      expect(text).toContain('Kupang');
      expect(pdfSummaryValue(text, summaryLabel(m, { key: 'casesNew' }))).toBe('9');

      const violence = pdfTable(text, m.tables.violenceTypes.title);
      expect(label('violenceTypes', 'fisik')).toBe(locale === 'id' ? 'Kekerasan fisik' : 'Physical violence');
      expect(violence.get(label('violenceTypes', 'fisik'))).toEqual(['7', '3']);
      expect(violence.get(label('violenceTypes', 'seksual'))).toEqual(['2', '0']);
      expect(violence.get(label('violenceTypes', 'psikis'))).toEqual(['0', '0']);

      const places = pdfTable(text, m.tables.placeType.title);
      expect(places.get(label('placeType', 'home'))).toEqual(['7', '3']);
      expect(places.get(label('placeType', 'school'))).toEqual(['2', '0']);
      expect(places.get(label('placeType', 'online'))).toEqual(['0', '0']);
      expect(places.get(m.total)).toEqual(['9', '3']);

      const villages = pdfTable(text, m.tables.village.title);
      expect(villages.get('Oesao')).toEqual(['9', '3']);
      expect(villages.has('Kuatae')).toBe(false);

      // Internal: the group's obstacles and lessons are there; nothing else of its free text, nothing of a case's.
      expect(text).toContain('Kelompok Mawar');
      expect(text).toContain(NOTES.obstacles);
      expect(text).toContain(NOTES.lessons);
      const info = await pdfInfo(bytes);
      expectNoSecrets(`the ${locale} PDF`, [text, bytes.toString('latin1'), JSON.stringify(info)], CASE_SECRETS);
    }

    // The same report as XLSX and as a CSV ZIP: every entry decompressed, the groups' notes there, no case's value.
    for (const format of ['xlsx', 'csv']) {
      const report = await requestReport(
        api(),
        coordinatorA,
        reportBody(YEAR, { level: 'region', id: regions.a }, { format }),
      );
      await awaitReport(api(), coordinatorA, report.id);
      const bytes = await downloadFile(api(), coordinatorA, report.id);
      const text = zipText(bytes);
      expect(text).toContain('Oesao');
      expect(text).toContain(NOTES.obstacles);
      expect(text).toContain(NOTES.lessons);
      expectNoSecrets(`the internal ${format}`, [text, bytes.toString('latin1')], CASE_SECRETS);
    }

    // The organisation-wide report counts region B's cases too.
    const orgText = await pdfText(await downloadFile(api(), reviewer, orgReport.id));
    const m = messagesFor('id');
    const violence = pdfTable(orgText, m.tables.violenceTypes.title);
    expect(violence.get(rowLabel(m, 'id', { codeList: 'violenceTypes' }, { key: 'psikis' }))).toEqual(['6', '0']);
    expect(violence.get(rowLabel(m, 'id', { codeList: 'violenceTypes' }, { key: 'fisik' }))).toEqual(['7', '3']);
    expect(pdfSummaryValue(orgText, summaryLabel(m, { key: 'casesNew' }))).toBe('15');
    const villages = pdfTable(orgText, m.tables.village.title);
    expect(villages.get('Oesao')).toEqual(['9', '3']);
    expect(villages.get('Kuatae')).toEqual(['6', '0']);
    expectNoSecrets('the organisation-wide PDF', [orgText], CASE_SECRETS);
  });

  // ---------------------------------------------------------------------------------------------
  it('suppresses small counts and their complements in an external report, with no free text, in PDF, XLSX and CSV alike', async () => {
    const { reviewer, regions } = suite.org;
    await startWorker();
    const scope = { level: 'region', id: regions.a };
    const pdf = await requestReport(api(), reviewer, reportBody(YEAR, scope, { locale: 'en', audience: 'external' }));
    const xlsx = await requestReport(
      api(),
      reviewer,
      reportBody(YEAR, scope, { locale: 'en', audience: 'external', format: 'xlsx' }),
    );
    const csv = await requestReport(
      api(),
      reviewer,
      reportBody(YEAR, scope, { locale: 'en', audience: 'external', format: 'csv' }),
    );
    const m = messagesFor('en');
    const label = (codeList: string, key: string) => rowLabel(m, 'en', { codeList }, { key });
    const noFreeText = [...SECRETS, NOTES.obstacles, NOTES.lessons];

    // PDF: "<5" for the 2 cases at school, and the next smallest cell of that column (the 7 at home) hidden as well.
    const pdfDone = await awaitReport(api(), reviewer, pdf.id);
    const pdfBytes = await downloadFile(api(), reviewer, pdf.id);
    const text = await pdfText(pdfBytes);
    const places = pdfTable(text, m.tables.placeType.title);
    expect(places.get(label('placeType', 'school'))?.[0]).toBe('<5');
    expect(places.get(label('placeType', 'home'))?.[0]).toBe('<5');
    expect(places.get(label('placeType', 'home'))?.[1]).toBe('<5');
    expect(places.get(label('placeType', 'online'))?.[0]).toBe('0');
    // Violence types (a case may have several) have no total: the small cell alone is hidden.
    const violence = pdfTable(text, m.tables.violenceTypes.title);
    expect(violence.get(label('violenceTypes', 'seksual'))?.[0]).toBe('<5');
    expect(violence.get(label('violenceTypes', 'fisik'))?.[0]).toBe('7');
    expect(violence.has(m.total)).toBe(false);
    expect(pdfSummaryValue(text, summaryLabel(m, { key: 'survivorsChildren' }))).toBe('<5');
    expect(pdfSummaryValue(text, summaryLabel(m, { key: 'casesNew' }))).toBe('9');
    expect(pdfDone.fileName).toBe('evaluation-report-external-2025-kupang.pdf');
    expectNoSecrets(
      'the external PDF',
      [text, pdfBytes.toString('latin1'), JSON.stringify(await pdfInfo(pdfBytes))],
      noFreeText,
    );

    // CSV ZIP: one file per table; in every column of a table with a total, a hidden cell is never the only one.
    const csvDone = await awaitReport(api(), reviewer, csv.id);
    const csvResponse = await fetchFile(api(), reviewer, csv.id);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers['content-type']).toMatch(/^application\/zip/);
    expect(csvResponse.headers['content-disposition']).toBe(`attachment; filename="${csvDone.fileName}"`);
    expect(csvDone.fileName).toMatch(/\.zip$/);
    const files = unzip(csvResponse.body);
    expect([...files.keys()].every((name) => /^[0-9]{2}-[a-z0-9-]+\.csv$/.test(name))).toBe(true);
    expect(zipText(csvResponse.body)).toContain('Oesao');
    expectNoSecrets(
      'the external CSV ZIP',
      [zipText(csvResponse.body), csvResponse.body.toString('latin1')],
      noFreeText,
    );
    let checkedColumns = 0;
    for (const [name, data] of files) {
      const rows = parseCsv(data.toString('utf8'));
      const header = rows[0];
      const currentAt = header.indexOf(String(YEAR));
      const previousAt = header.indexOf(String(PREVIOUS));
      if (currentAt < 0 || previousAt < 0) continue;
      const totalRow = rows.find((row) => row.includes(m.total));
      for (const at of [currentAt, previousAt]) {
        const body = rows.slice(1).filter((row) => row !== totalRow && row.length > at);
        // No count between 1 and 4 is ever shown (medians in days are not counts).
        const unitAt = header.indexOf(m.columns.unit);
        for (const row of body) {
          if (unitAt >= 0 && row[unitAt] === m.units.days) continue;
          // The groups' own work (activities) is not a count of people, and is shown as it is (SPEC §7 suppresses people).
          if (row.includes(summaryLabel(m, { key: 'activities' }))) continue;
          const value = Number(row[at]);
          if (row[at] !== '' && row[at] !== '<5')
            expect({ file: name, row: row.join(','), small: value > 0 && value < 5 }).toEqual({
              file: name,
              row: row.join(','),
              small: false,
            });
        }
        if (!totalRow) continue;
        const hidden = body.filter((row) => row[at] === '<5').length;
        // One hidden cell beside a shown total would be the total minus the others.
        if (hidden === 1)
          expect({ file: name, column: header[at], total: totalRow[at] }).toEqual({
            file: name,
            column: header[at],
            total: '<5',
          });
        checkedColumns++;
      }
    }
    expect(checkedColumns).toBeGreaterThan(10);
    const placeFile = [...files].find(([, data]) =>
      parseCsv(data.toString('utf8'))[0].includes(m.tables.placeType.rowHeader),
    );
    expect(placeFile).toBeDefined();
    const placeRows = parseCsv(placeFile![1].toString('utf8'));
    expect(placeRows.find((row) => row[0] === 'school')?.slice(2, 4)).toEqual(['<5', '0']);
    expect(placeRows.find((row) => row[0] === 'home')?.slice(2, 4)).toEqual(['<5', '<5']);

    // XLSX: the same figures; a hidden cell is the text "<5".
    const xlsxDone = await awaitReport(api(), reviewer, xlsx.id);
    const xlsxResponse = await fetchFile(api(), reviewer, xlsx.id);
    expect(xlsxResponse.headers['content-type']).toBe(XLSX_TYPE);
    expect(xlsxDone.fileName).toBe('evaluation-report-external-2025-kupang.xlsx');
    expect(zipText(xlsxResponse.body)).toContain('Oesao');
    expectNoSecrets(
      'the external XLSX',
      [zipText(xlsxResponse.body), xlsxResponse.body.toString('latin1')],
      noFreeText,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxResponse.body as never);
    const sheet = workbook.getWorksheet(m.tables.placeType.sheet);
    expect(sheet).toBeDefined();
    const cells = (code: string) => {
      let found: unknown[] | undefined;
      sheet!.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        if (values[0] === code) found = values.slice(2, 4);
      });
      return found;
    };
    expect(cells('school')).toEqual(['<5', 0]);
    expect(cells('home')).toEqual(['<5', '<5']);
  });

  // ---------------------------------------------------------------------------------------------
  it('lets a reviewer ask for any scope, a coordinator their regions, a companion their groups, and an org_admin none', async () => {
    const { reviewer, coordinatorA, companionA, admin, regions, villages, groups } = suite.org;
    const ask = (user: SignedInUser, scope: { level: string; id?: string | null }) =>
      http()
        .post(REPORTS)
        .set(user.auth())
        .send(reportBody(YEAR, scope, { format: 'csv' }));
    const fieldsOf = (response: { body: Json }) =>
      ((response.body.errors ?? []) as { field: string }[]).map((error) => error.field);

    for (const scope of [
      { level: 'organization' },
      { level: 'region', id: regions.b },
      { level: 'village', id: villages.b },
      { level: 'group', id: groups.b },
    ]) {
      expect((await ask(reviewer, scope)).status).toBe(202);
    }
    for (const scope of [
      { level: 'region', id: regions.a },
      { level: 'village', id: villages.a },
      { level: 'group', id: groups.a },
    ]) {
      expect((await ask(coordinatorA, scope)).status).toBe(202);
    }
    // Another region's or group's places: refused naming scope.id (or 403); an action the role never has: 403. Nothing saved.
    const saved = async () => Number((await suite.dataSource.query(`SELECT count(*) AS n FROM reports`))[0].n);
    const refuse = async (user: SignedInUser, scope: { level: string; id?: string | null }, statuses: number[]) => {
      const before = await saved();
      const response = await ask(user, scope);
      expect({ role: user.role, scope, status: response.status, saved: (await saved()) - before }).toEqual({
        role: user.role,
        scope,
        status: statuses.includes(response.status) ? response.status : statuses,
        saved: 0,
      });
      if (response.status === 422) expect(fieldsOf(response)).toContain('scope.id');
    };
    for (const scope of [
      { level: 'region', id: regions.b },
      { level: 'village', id: villages.b },
      { level: 'group', id: groups.b },
    ])
      await refuse(coordinatorA, scope, [403, 422]);
    await refuse(coordinatorA, { level: 'organization' }, [403]);
    expect((await ask(companionA, { level: 'group', id: groups.a })).status).toBe(202);
    await refuse(companionA, { level: 'group', id: groups.b }, [403, 422]);
    for (const scope of [
      { level: 'organization' },
      { level: 'region', id: regions.a },
      { level: 'village', id: villages.a },
    ])
      await refuse(companionA, scope, [403]);
    await refuse(admin, { level: 'organization' }, [403]);

    // The queue's state is the administrator's, and only theirs.
    const queue = await http().get(`${REPORTS}/queue`).set(admin.auth()).expect(200);
    expect(queue.body).toMatchObject({
      redis: 'up',
      organization: expect.objectContaining({ queued: expect.any(Number), succeeded: expect.any(Number) }),
    });
    for (const user of [reviewer, coordinatorA, companionA])
      await http().get(`${REPORTS}/queue`).set(user.auth()).expect(403);

    // Malformed requests: 400 before anything else.
    for (const body of [
      { ...reportBody(YEAR, { level: 'organization' }), format: 'docx' },
      { ...reportBody(YEAR, { level: 'organization' }), locale: 'fr' },
      { ...reportBody(YEAR, { level: 'organization' }), audience: 'public' },
      { ...reportBody(YEAR, { level: 'planet' }) },
      { ...reportBody(YEAR, { level: 'organization' }), kind: 'monthly' },
      { ...reportBody(YEAR, { level: 'organization' }), survivorName: 'x' },
      { ...reportBody(YEAR, { level: 'region', id: 'not-a-uuid' }) },
    ]) {
      const response = await http().post(REPORTS).set(reviewer.auth()).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    for (const scope of [{ level: 'region' }, { level: 'organization', id: regions.a }]) {
      const response = await ask(reviewer, scope);
      expect([400, 422]).toContain(response.status);
      expect(fieldsOf(response)).toContain('scope.id');
    }
  });

  // ---------------------------------------------------------------------------------------------
  it('lets a companion download their group’s report, and hides a report from anyone outside its scope', async () => {
    const { companionA, companionB, coordinatorB, reviewer, groups } = suite.org;
    await startWorker();
    const report = await requestReport(api(), companionA, reportBody(YEAR, { level: 'group', id: groups.a }));
    const done = await awaitReport(api(), companionA, report.id);
    expect(done.fileName).toBe('laporan-evaluasi-internal-rahasia-2025-kelompok-mawar.pdf');
    const text = await pdfText(await downloadFile(api(), companionA, report.id));
    // The group's report counts all the group's cases, not only those assigned to the companion.
    expect(pdfSummaryValue(text, summaryLabel(messagesFor('id'), { key: 'casesNew' }))).toBe('9');
    expectNoSecrets('the group PDF', [text], CASE_SECRETS);

    for (const user of [companionB, coordinatorB]) {
      await http().get(`${REPORTS}/${report.id}`).set(user.auth()).expect(404);
      expect((await fetchFile(api(), user, report.id)).status).toBe(404);
    }
    expect(
      (await http().get(REPORTS).set(reviewer.auth()).expect(200)).body.items.map((row: Json) => row.id),
    ).not.toContain(report.id);
  });

  // ---------------------------------------------------------------------------------------------
  it('checks the requester’s permission again when the job runs and when the file is fetched', async () => {
    const { regions } = suite.org;
    // The coordinator loses the region between the request and the run: the report fails, saying why.
    await stopWorker();
    const moved = await newUser('coordinator', { regionIds: [regions.a] });
    const refused = await requestReport(api(), moved, reportBody(YEAR, { level: 'region', id: regions.a }));
    await changeScope(moved, { regionIds: [regions.b] });
    await startWorker();
    const failed = await eventually('the report to fail', async () => {
      const row = await reportRow(refused.id);
      return row.status === 'queued' || row.status === 'running' ? undefined : row;
    });
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.error).toEqual(expect.any(String));
    expect(failed.error).not.toMatch(/SELECT|Error:|at \w+ \(/);
    expect(await chunkSeqs(refused.id)).toEqual([]);

    // The coordinator loses the region after the report is made: the download is refused.
    const later = await newUser('coordinator', { regionIds: [regions.a] });
    const report = await requestReport(
      api(),
      later,
      reportBody(YEAR, { level: 'region', id: regions.a }, { format: 'xlsx' }),
    );
    await awaitReport(api(), later, report.id);
    expect((await fetchFile(api(), later, report.id)).status).toBe(200);
    await changeScope(later, { regionIds: [regions.b] });
    expect([403, 404]).toContain((await fetchFile(api(), later, report.id)).status);
  });

  // ---------------------------------------------------------------------------------------------
  it('expires a finished file after its retention: the file is deleted and the report shows expired', async () => {
    const { reviewer } = suite.org;
    await startWorker();
    const report = await requestReport(
      api(),
      reviewer,
      reportBody(YEAR, { level: 'organization' }, { format: 'csv', locale: 'en' }),
    );
    await awaitReport(api(), reviewer, report.id);
    expect((await chunkSeqs(report.id)).length).toBeGreaterThan(0);
    await suite.dataSource.query(`UPDATE reports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      report.id,
    ]);
    expect(await worker!.context.get(ReportExpiry).expire()).toBeGreaterThanOrEqual(1);
    expect((await http().get(`${REPORTS}/${report.id}`).set(reviewer.auth()).expect(200)).body.status).toBe('expired');
    expect(await chunkSeqs(report.id)).toEqual([]);
    const gone = await fetchFile(api(), reviewer, report.id);
    expect([409, 410]).toContain(gone.status);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Asking again makes a new report.
    const again = await requestReport(
      api(),
      reviewer,
      reportBody(YEAR, { level: 'organization' }, { format: 'csv', locale: 'en' }),
    );
    expect(again.id).not.toBe(report.id);
    await awaitReport(api(), reviewer, again.id);
  });

  // ---------------------------------------------------------------------------------------------
  it('keeps nothing confidential in Redis: the suite’s keys hold no identifying or sensitive value', async () => {
    const redis = new IORedis(suite.api.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const values: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${suite.api.config.REDIS_KEY_PREFIX}:*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          const type = await redis.type(key);
          if (type === 'string') values.push((await redis.get(key)) ?? '');
          else if (type === 'hash') values.push(JSON.stringify(await redis.hgetall(key)));
          else if (type === 'list') values.push(JSON.stringify(await redis.lrange(key, 0, -1)));
          else if (type === 'set') values.push(JSON.stringify(await redis.smembers(key)));
          else if (type === 'zset') values.push(JSON.stringify(await redis.zrange(key, 0, -1)));
          else if (type === 'stream') values.push(JSON.stringify(await redis.xrange(key, '-', '+')));
          values.push(key);
        }
      } while (cursor !== '0');
      expect(values.length).toBeGreaterThan(0);
      expectNoSecrets('Redis', [values.join('\n')], [...SECRETS, NOTES.obstacles, NOTES.lessons]);
    } finally {
      redis.disconnect();
    }
  });
});
