import { randomBytes } from 'node:crypto';
import { anchorMac, AuditAnchoring, chainHash, OrganizationsService } from '@pendamping/auth';
import { problemType } from '@pendamping/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createSuiteDatabase, SuiteDatabase } from './support/suite-database';
import { startTestApi, suiteConfig, TestApi } from './support/test-app';
import {
  createOrganisation,
  Organisation,
  signIn,
  SignedInUser,
  TEMPORARY_ADMIN_PASSWORD,
  TEST_PASSWORD,
} from './support/world';

/**
 * SPEC §8 audit: events are append-only and written in the transaction of the change they
 * record, and GET /audit/verify finds a changed, deleted, reordered or cut-off event. Tampering
 * is done as the database superuser with triggers switched off (session_replication_role =
 * replica), which is what an attacker holding the server would do.
 */

const API = '/api/v1';

interface VerifyReport {
  valid: boolean;
  eventsChecked: number;
  lanes: number;
  firstBroken?: { lane: number; seq: string; reason: string };
}

/** A database of its own, an organisation with a signed-in org_admin, some activity, and a superuser connection. */
interface AuditWorld {
  api: TestApi;
  admin: SignedInUser;
  organizationId: string;
  superuser: Client;
  verify(): Promise<VerifyReport>;
  /** Runs statements with every trigger off, in one transaction. */
  tamper(statements: [string, unknown[]?][]): Promise<void>;
  /** The lane with the most events, and its length. */
  longestLane(): Promise<{ lane: number; length: number }>;
  event(lane: number, seq: number): Promise<{ id: string; hash: string; action: string }>;
  close(): Promise<void>;
}

async function auditWorld(activity = { regions: 4, lists: 30 }): Promise<AuditWorld> {
  const database: SuiteDatabase = await createSuiteDatabase();
  const api = await startTestApi(suiteConfig(database.url));
  const superuser = new Client({ connectionString: database.url });
  await superuser.connect();
  const email = `admin-${randomBytes(4).toString('hex')}@example.test`;
  const { organizationId, adminId } = await api.app.get(OrganizationsService).create({
    name: 'Audit org',
    adminEmail: email,
    adminName: 'Audit Admin',
    adminPassword: TEMPORARY_ADMIN_PASSWORD,
  });
  const admin = await signIn(api, { id: adminId, email, password: TEMPORARY_ADMIN_PASSWORD, role: 'org_admin' });
  for (let index = 0; index < activity.regions; index += 1) {
    const code = String.fromCharCode(65 + index).repeat(3);
    await api
      .http()
      .post(`${API}/regions`)
      .set(admin.auth())
      .send({ name: `Wilayah ${code}`, code })
      .expect(201);
  }
  for (let index = 0; index < activity.lists; index += 1)
    await api.http().get(`${API}/regions`).set(admin.auth()).expect(200);

  return {
    api,
    admin,
    organizationId,
    superuser,
    verify: async () => {
      const response = await api.http().get(`${API}/audit/verify`).set(admin.auth());
      expect(response.status).toBe(200);
      return response.body as VerifyReport;
    },
    tamper: async (statements) => {
      await superuser.query('BEGIN');
      try {
        await superuser.query(`SET LOCAL session_replication_role = replica`);
        for (const [sql, params] of statements) await superuser.query(sql, params);
        await superuser.query('COMMIT');
      } catch (error) {
        await superuser.query('ROLLBACK');
        throw error;
      }
    },
    longestLane: async () => {
      const { rows } = await superuser.query<{ lane: number; length: string }>(
        `SELECT lane, count(*) AS length FROM audit_events WHERE organization_id = $1 GROUP BY lane ORDER BY count(*) DESC, lane LIMIT 1`,
        [organizationId],
      );
      return { lane: rows[0].lane, length: Number(rows[0].length) };
    },
    event: async (lane, seq) => {
      const { rows } = await superuser.query(
        `SELECT id, hash, action FROM audit_events WHERE organization_id = $1 AND lane = $2 AND seq = $3`,
        [organizationId, lane, seq],
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    },
    close: async () => {
      await superuser.end().catch(() => undefined);
      await api.close();
      await database.drop();
    },
  };
}

/** Runs a test in a world of its own, so that one tampering cannot hide or cause another's finding. */
async function inOwnWorld(
  work: (world: AuditWorld) => Promise<void>,
  activity?: { regions: number; lists: number },
): Promise<void> {
  const world = await auditWorld(activity);
  try {
    await work(world);
  } finally {
    await world.close();
  }
}

describe('the audit log', () => {
  let database: SuiteDatabase;
  let api: TestApi;
  let org: Organisation;
  let superuser: Client;

  const verify = async () =>
    (await api.http().get(`${API}/audit/verify`).set(org.admin.auth()).expect(200)).body as VerifyReport;
  const countEvents = async () =>
    Number(
      (await superuser.query(`SELECT count(*) AS n FROM audit_events WHERE organization_id = $1`, [org.id])).rows[0].n,
    );

  beforeAll(async () => {
    database = await createSuiteDatabase();
    api = await startTestApi(suiteConfig(database.url));
    org = await createOrganisation(api, 'Audit');
    superuser = new Client({ connectionString: database.url });
    await superuser.connect();
  });

  afterAll(async () => {
    await superuser?.end();
    await api?.close();
    await database?.drop();
  });

  it('is valid after activity and checks every event of the organisation', async () => {
    await api
      .http()
      .post(`${API}/auth/login`)
      .send({ email: org.companionA.email, password: 'not-the-password-at-all' })
      .expect(401);
    await api.http().get(`${API}/audit`).set(org.coordinatorA.auth()).expect(403);
    await api.http().get(`${API}/audit`).set(org.admin.auth()).expect(200);
    await api.http().get(`${API}/users`).set(org.admin.auth()).expect(200);
    const report = await verify();
    expect(report.valid).toBe(true);
    expect(report.firstBroken).toBeUndefined();
    expect(report.eventsChecked).toBe(await countEvents());
    expect(report.eventsChecked).toBeGreaterThan(20);
  });

  it('records failed and successful sign-ins and denials', async () => {
    await api
      .http()
      .post(`${API}/auth/login`)
      .send({ email: org.companionB.email, password: 'not-the-password-at-all' })
      .expect(401);
    await api
      .http()
      .post(`${API}/auth/login`)
      .send({ email: org.companionB.email, password: TEST_PASSWORD })
      .expect(200);
    await api.http().get(`${API}/audit`).set(org.reviewer.auth()).expect(403);
    const list = async (query: string) =>
      (await api.http().get(`${API}/audit?${query}`).set(org.admin.auth()).expect(200)).body.items as {
        outcome: string;
        action: string;
        subject: string;
      }[];
    const logins = await list(`action=login&actor=${org.companionB.id}`);
    expect(logins.map((event) => event.outcome)).toEqual(expect.arrayContaining(['failure', 'success']));
    const denials = await list(`actor=${org.reviewer.id}&subject=AuditEvent`);
    expect(denials).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'read', outcome: 'denied' })]));
  });

  it('lets only an org_admin verify or read it', async () => {
    for (const user of [org.coordinatorA, org.companionA, org.reviewer]) {
      const response = await api.http().get(`${API}/audit/verify`).set(user.auth());
      expect({ status: response.status, type: response.body.type }).toEqual({
        status: 403,
        type: problemType('forbidden'),
      });
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events through an ordinary connection', async () => {
    const app = api.app.get(DataSource);
    const before = await countEvents();
    const [{ id, action }] = await app.query(
      `SELECT id, action FROM audit_events WHERE organization_id = $1 ORDER BY id LIMIT 1`,
      [org.id],
    );
    await expect(app.query(`UPDATE audit_events SET action = 'tampered' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(app.query(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(app.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(superuser.query(`UPDATE audit_events SET action = 'tampered' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    const [row] = await app.query(`SELECT action FROM audit_events WHERE id = $1`, [id]);
    expect(row.action).toBe(action);
    expect(await countEvents()).toBe(before);
    expect((await verify()).valid).toBe(true);
  });

  it('gives the application role INSERT and SELECT on the events, and no UPDATE, DELETE or TRUNCATE', async () => {
    const [{ id }] = (
      await superuser.query(`SELECT id FROM audit_events WHERE organization_id = $1 ORDER BY id LIMIT 1`, [org.id])
    ).rows;
    const asAppRole = async (sql: string, params: unknown[] = []) => {
      await superuser.query('BEGIN');
      try {
        await superuser.query('SET LOCAL ROLE pendamping_app');
        return await superuser.query(sql, params);
      } finally {
        await superuser.query('ROLLBACK');
      }
    };
    const privileges = await superuser.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'pendamping_app' AND table_name = 'audit_events' ORDER BY 1`,
    );
    expect(privileges.rows.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
    expect((await asAppRole(`SELECT count(*) FROM audit_events`)).rows).toHaveLength(1);
    await expect(asAppRole(`UPDATE audit_events SET action = 'tampered' WHERE id = $1`, [id])).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(asAppRole(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(asAppRole(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied|append-only/);
  });

  it('rolls a change back when its audit event cannot be written', async () => {
    const eventsBefore = await countEvents();
    await superuser.query(`
      CREATE FUNCTION test_refuse_region_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'create' AND NEW.subject = 'Region' THEN RAISE EXCEPTION 'test: audit insert refused'; END IF;
        RETURN NEW;
      END $$`);
    await superuser.query(
      `CREATE TRIGGER test_refuse_region_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_region_audit()`,
    );
    try {
      const refused = await api
        .http()
        .post(`${API}/regions`)
        .set(org.admin.auth())
        .send({ name: 'Rote Ndao', code: 'RTN' });
      expect(refused.status).toBe(500);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.type).toBe(problemType('internal-error'));
      const regions = await superuser.query(
        `SELECT id FROM regions WHERE organization_id = $1 AND (code = 'RTN' OR name = 'Rote Ndao')`,
        [org.id],
      );
      expect(regions.rows).toEqual([]);
      expect(await countEvents()).toBe(eventsBefore);
      // Other changes are audited, and so go through.
      await api
        .http()
        .post(`${API}/villages`)
        .set(org.admin.auth())
        .send({ name: 'Baa', regionId: org.regions.a })
        .expect(201);
    } finally {
      await superuser.query(`DROP TRIGGER test_refuse_region_audit ON audit_events`);
      await superuser.query(`DROP FUNCTION test_refuse_region_audit()`);
    }
    // Nothing of the refused attempt is left behind: the same region can be created now.
    await api.http().post(`${API}/regions`).set(org.admin.auth()).send({ name: 'Rote Ndao', code: 'RTN' }).expect(201);
    expect((await verify()).valid).toBe(true);
  });
});

describe('GET /audit/verify finds tampering', () => {
  it('an edited event', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      expect(length).toBeGreaterThanOrEqual(3);
      expect(await world.verify()).toMatchObject({ valid: true });
      const target = await world.event(lane, 2);
      await world.tamper([
        [`UPDATE audit_events SET action = $2 WHERE id = $1`, [target.id, target.action === 'read' ? 'list' : 'read']],
      ]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane, seq: '2' });
    }));

  it('a deleted event in the middle of a lane', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      expect(length).toBeGreaterThanOrEqual(3);
      expect(await world.verify()).toMatchObject({ valid: true });
      const target = await world.event(lane, 2);
      await world.tamper([[`DELETE FROM audit_events WHERE id = $1`, [target.id]]]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane, seq: '2' });
    }));

  it('two events whose order was swapped', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      expect(length).toBeGreaterThanOrEqual(3);
      expect(await world.verify()).toMatchObject({ valid: true });
      const [second, third] = [await world.event(lane, 2), await world.event(lane, 3)];
      await world.tamper([
        [`UPDATE audit_events SET seq = -1 WHERE id = $1`, [second.id]],
        [`UPDATE audit_events SET seq = 2 WHERE id = $1`, [third.id]],
        [`UPDATE audit_events SET seq = 3 WHERE id = $1`, [second.id]],
      ]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane, seq: '2' });
    }));

  it('the newest event of a lane removed and its head rewound, once an anchor covers it', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      expect(length).toBeGreaterThanOrEqual(3);
      // The application's own anchoring job anchors every lane head.
      expect(await world.api.app.get(AuditAnchoring).anchorMovedHeads()).toBeGreaterThan(0);
      const anchors = await world.superuser.query(
        `SELECT seq FROM audit_anchors WHERE organization_id = $1 AND lane = $2`,
        [world.organizationId, lane],
      );
      expect(anchors.rows.map((row) => Number(row.seq))).toContain(length);
      expect(await world.verify()).toMatchObject({ valid: true });

      const newest = await world.event(lane, length);
      const previous = await world.event(lane, length - 1);
      await world.tamper([
        [`DELETE FROM audit_events WHERE id = $1`, [newest.id]],
        [
          `UPDATE audit_lane_heads SET seq = $3, hash = $4 WHERE organization_id = $1 AND lane = $2`,
          [world.organizationId, lane, length - 1, previous.hash],
        ],
      ]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane, seq: String(length) });
    }));

  it('the newest event of a lane removed and its head rewound, against an anchor written by hand', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      const key = Buffer.from(world.api.config.AUDIT_CHAIN_KEY, 'base64');
      const head = (
        await world.superuser.query(`SELECT seq, hash FROM audit_lane_heads WHERE organization_id = $1 AND lane = $2`, [
          world.organizationId,
          lane,
        ])
      ).rows[0];
      expect(Number(head.seq)).toBe(length);
      const anchor = {
        organizationId: world.organizationId,
        lane,
        seq: String(head.seq),
        hash: head.hash as string,
        anchoredAt: new Date(),
      };
      await world.superuser.query(
        `INSERT INTO audit_anchors (organization_id, lane, seq, hash, anchored_at, mac) VALUES ($1, $2, $3, $4, $5, $6)`,
        [anchor.organizationId, anchor.lane, anchor.seq, anchor.hash, anchor.anchoredAt, anchorMac(key, anchor)],
      );
      // A genuine anchor is accepted as such.
      expect(await world.verify()).toMatchObject({ valid: true });

      const newest = await world.event(lane, length);
      const previous = await world.event(lane, length - 1);
      await world.tamper([
        [`DELETE FROM audit_events WHERE id = $1`, [newest.id]],
        [
          `UPDATE audit_lane_heads SET seq = $3, hash = $4 WHERE organization_id = $1 AND lane = $2`,
          [world.organizationId, lane, length - 1, previous.hash],
        ],
      ]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane, seq: String(length) });
    }));

  it('an anchor whose MAC does not match', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      const head = (
        await world.superuser.query(`SELECT seq, hash FROM audit_lane_heads WHERE organization_id = $1 AND lane = $2`, [
          world.organizationId,
          lane,
        ])
      ).rows[0];
      expect(Number(head.seq)).toBe(length);
      await world.superuser.query(
        `INSERT INTO audit_anchors (organization_id, lane, seq, hash, anchored_at, mac) VALUES ($1, $2, $3, $4, now(), $5)`,
        [world.organizationId, lane, head.seq, head.hash, 'f'.repeat(64)],
      );
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane });
    }));

  it('an edited event whose lane head row was also removed', () =>
    inOwnWorld(async (world) => {
      const { lane, length } = await world.longestLane();
      expect(length).toBeGreaterThanOrEqual(3);
      expect(await world.verify()).toMatchObject({ valid: true });
      const target = await world.event(lane, 2);
      await world.tamper([
        [`UPDATE audit_events SET action = $2 WHERE id = $1`, [target.id, target.action === 'read' ? 'list' : 'read']],
        // The heads table is not append-only: the application role itself may delete from it.
        [`DELETE FROM audit_lane_heads WHERE organization_id = $1 AND lane = $2`, [world.organizationId, lane]],
      ]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane });
    }));

  it('a whole lane removed, head included, after an anchor covered it', () =>
    inOwnWorld(async (world) => {
      const { lane } = await world.longestLane();
      expect(await world.api.app.get(AuditAnchoring).anchorMovedHeads()).toBeGreaterThan(0);
      expect(await world.verify()).toMatchObject({ valid: true });
      await world.tamper([
        [`DELETE FROM audit_events WHERE organization_id = $1 AND lane = $2`, [world.organizationId, lane]],
        [`DELETE FROM audit_lane_heads WHERE organization_id = $1 AND lane = $2`, [world.organizationId, lane]],
      ]);
      const report = await world.verify();
      expect(report.valid).toBe(false);
      expect(report.firstBroken).toMatchObject({ lane });
    }));

  it('an edited event in a lane longer than one verification batch', () =>
    inOwnWorld(
      async (world) => {
        // Extends a lane with 2,100 correctly chained events (the verifier reads 2,000 at a time).
        const key = Buffer.from(world.api.config.AUDIT_CHAIN_KEY, 'base64');
        const { lane } = await world.longestLane();
        const head = (
          await world.superuser.query(
            `SELECT seq, hash FROM audit_lane_heads WHERE organization_id = $1 AND lane = $2`,
            [world.organizationId, lane],
          )
        ).rows[0];
        const start = Number(head.seq);
        const columns = {
          seq: [] as string[],
          occurredAt: [] as Date[],
          requestId: [] as string[],
          prevHash: [] as string[],
          hash: [] as string[],
        };
        let prevHash = head.hash as string;
        for (let index = 1; index <= 2_100; index += 1) {
          const event = {
            organizationId: world.organizationId,
            lane,
            seq: String(start + index),
            occurredAt: new Date(Date.now() - 60_000 + index),
            actorId: world.admin.id,
            actorRole: 'org_admin',
            action: 'list',
            subject: 'Region',
            subjectId: null,
            fields: [],
            outcome: 'success',
            requestId: `bulk-${index}`,
            clientRequestId: null,
            prevHash,
          };
          const hash = chainHash(key, event);
          columns.seq.push(event.seq);
          columns.occurredAt.push(event.occurredAt);
          columns.requestId.push(event.requestId);
          columns.prevHash.push(prevHash);
          columns.hash.push(hash);
          prevHash = hash;
        }
        await world.superuser.query('BEGIN');
        await world.superuser.query(
          `INSERT INTO audit_events (organization_id, lane, seq, occurred_at, actor_id, actor_role, action, subject, subject_id, fields, outcome, request_id, prev_hash, hash)
           SELECT $1, $2, seq, occurred_at, $3, 'org_admin', 'list', 'Region', NULL, '{}', 'success', request_id, prev_hash, hash
             FROM unnest($4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[]) AS bulk(seq, occurred_at, request_id, prev_hash, hash)`,
          [
            world.organizationId,
            lane,
            world.admin.id,
            columns.seq,
            columns.occurredAt,
            columns.requestId,
            columns.prevHash,
            columns.hash,
          ],
        );
        await world.superuser.query(
          `UPDATE audit_lane_heads SET seq = $3, hash = $4 WHERE organization_id = $1 AND lane = $2`,
          [world.organizationId, lane, start + 2_100, prevHash],
        );
        await world.superuser.query('COMMIT');

        const intact = await world.verify();
        expect(intact).toMatchObject({ valid: true });
        const total = Number(
          (
            await world.superuser.query(`SELECT count(*) AS n FROM audit_events WHERE organization_id = $1`, [
              world.organizationId,
            ])
          ).rows[0].n,
        );
        expect(intact.eventsChecked).toBe(total);

        const target = await world.event(lane, start + 2_050);
        await world.tamper([[`UPDATE audit_events SET action = 'read' WHERE id = $1`, [target.id]]]);
        const report = await world.verify();
        expect(report.valid).toBe(false);
        expect(report.firstBroken).toMatchObject({ lane, seq: String(start + 2_050) });
      },
      { regions: 2, lists: 10 },
    ));
});

describe('GET /audit/verify under ordinary traffic', () => {
  it('reports an untouched log as valid while other requests write events', () =>
    inOwnWorld(
      async (world) => {
        const reports: VerifyReport[] = [];
        for (let round = 0; round < 15; round += 1) {
          const [report] = await Promise.all([
            world.verify(),
            ...Array.from({ length: 12 }, () =>
              world.api.http().get(`${API}/regions`).set(world.admin.auth()).expect(200),
            ),
          ]);
          reports.push(report);
        }
        expect(reports.filter((report) => !report.valid)).toEqual([]);
        expect(await world.verify()).toMatchObject({ valid: true });
      },
      { regions: 2, lists: 200 },
    ));
});
