import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditInput,
  AuditWriter,
  AuthError,
  consumeRevokedPhoneToken,
  markPhoneSynced,
  recordingAbility,
  RequestAuth,
  ScopedResources,
} from '@pendamping/auth';
import { DomainError } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';
import { CaseSpecs } from '../cases/case.specs';

/** The most cases one sync answer carries in full; `more` says to ask again at once for the rest. */
export const MAX_SYNC_CASES = 50;
/** The most device reads one request may carry; a phone with more sends them in several. */
export const MAX_DEVICE_READS = 500;

/** Case statuses a phone does not hold. */
const NOT_HELD = `"row"."status" <> 'closed'`;

/**
 * The position of a phone in the stream of changes. `since`: every change committed before this
 * watermark has been sent (null: nothing yet). While a sync answer is paged, `until` is the
 * watermark taken by its first page and `after` the last case id sent.
 */
interface SyncCursor {
  since: string | null;
  until?: string;
  after?: string;
}

const CURSOR_PREFIX = 's1.';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Year 0 reads as a date in JavaScript but not in PostgreSQL, which has no year 0. */
const YEAR_ZERO = '0000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const badCursor = () =>
  new DomainError('validation-failed', 'The cursor is not one this API gave out.', {
    errors: [{ field: 'since', message: 'not a sync cursor' }],
  });

/**
 * A watermark as this API writes it, and a real instant: a month 13 or an hour 99 has the shape
 * but would reach PostgreSQL as an error (22008), a 500 for a cursor the API never gave out. The
 * instant must print back as it was read (JavaScript keeps milliseconds; the microseconds are digits).
 */
function isWatermark(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || value.startsWith(YEAR_ZERO)) return false;
  const milliseconds = value.slice(0, 23);
  const instant = new Date(`${milliseconds}Z`);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 23) === milliseconds;
}

export function encodeSyncCursor(cursor: SyncCursor): string {
  return CURSOR_PREFIX + Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeSyncCursor(text: string): SyncCursor {
  if (!text.startsWith(CURSOR_PREFIX)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const cursor = parsed as Partial<SyncCursor> | null;
  if (
    typeof cursor !== 'object' ||
    cursor === null ||
    !(cursor.since === null || isWatermark(cursor.since)) ||
    (cursor.until !== undefined && !isWatermark(cursor.until)) ||
    (cursor.after !== undefined && !(typeof cursor.after === 'string' && UUID.test(cursor.after))) ||
    (cursor.until === undefined) !== (cursor.after === undefined)
  )
    throw badCursor();
  return { since: cursor.since ?? null, until: cursor.until, after: cursor.after };
}

export interface DeviceRead {
  /** The phone's own id for the read: recorded once per user, whatever number of times it is sent. */
  id: string;
  caseId: string;
  fields: string[];
  at: string;
}

/** Who reports the reads, as each of their audit events names her. */
type ReadsReporter = Pick<AuditInput, 'organizationId' | 'requestId' | 'clientRequestId'> & {
  actor: { id: string; role: string };
};

const reporterOf = (auth: RequestAuth): ReadsReporter => ({
  organizationId: auth.actor.organizationId,
  actor: { id: auth.actor.userId, role: auth.actor.role },
  requestId: auth.requestId,
  clientRequestId: auth.clientRequestId,
});

const caseIdsOf = (reads: DeviceRead[]) => [...new Set(reads.map((read) => read.caseId))];

/**
 * A companion's phone (SPEC §12): the complete list of her current cases, those changed since her
 * last sync in full (with their follow-ups and referrals) as one read of record, and the reads
 * her phone logged while offline. Which cases are hers is the rules table's `sync` row scope, in SQL.
 */
@Injectable()
export class SyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly audit: AuditWriter,
  ) {}

  async cases(auth: RequestAuth, since: string | undefined) {
    const cursor: SyncCursor = since === undefined ? { since: null } : decodeSyncCursor(since);
    return this.dataSource.transaction(async (manager) => {
      // Taken first, before any case is read: see docs/offline.md, "The cursor".
      const watermark = cursor.until ?? (await this.watermark(manager));
      const held = this.resources
        .scoped(manager, this.specs.cases, auth, 'sync')
        .andWhere(NOT_HELD)
        .select('row.id', 'id')
        .orderBy('row.id', 'ASC');
      const ids = (await held.getRawMany<{ id: string }>()).map((row) => row.id);

      const changed = this.resources.scoped(manager, this.specs.cases, auth, 'sync').andWhere(NOT_HELD);
      if (cursor.since !== null)
        changed.andWhere(
          `("row"."updated_at" >= :since::timestamptz
            OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.case_id = "row"."id" AND f.updated_at >= :since::timestamptz)
            OR EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = "row"."id" AND r.updated_at >= :since::timestamptz))`,
          { since: cursor.since },
        );
      if (cursor.after) changed.andWhere('"row"."id" > :after', { after: cursor.after });
      const page = await changed
        .orderBy('row.id', 'ASC')
        .take(MAX_SYNC_CASES + 1)
        .getMany();
      const more = page.length > MAX_SYNC_CASES;
      const rows = page.slice(0, MAX_SYNC_CASES);
      const caseIds = rows.map((row) => row.id);

      const followUps =
        caseIds.length === 0
          ? []
          : await this.resources
              .scoped(manager, this.specs.followUps, auth)
              .andWhere('row.caseId IN (:...caseIds)', { caseIds })
              .orderBy('row.createdAt', 'ASC')
              .addOrderBy('row.id', 'ASC')
              .getMany();
      const referrals =
        caseIds.length === 0
          ? []
          : await this.resources
              .scoped(manager, this.specs.referrals, auth)
              .andWhere('row.caseId IN (:...caseIds)', { caseIds })
              .orderBy('row.createdAt', 'ASC')
              .addOrderBy('row.id', 'ASC')
              .getMany();

      const [cases, followUpViews, referralViews] = await this.resources.presentTogether(
        manager,
        auth,
        'sync',
        caseIds,
        [
          { spec: this.specs.cases, rows },
          { spec: this.specs.followUps, rows: followUps, embeddedAs: 'followUps' },
          { spec: this.specs.referrals, rows: referrals, embeddedAs: 'referrals' },
        ],
      );
      await markPhoneSynced(manager, auth);
      const of = (views: Record<string, unknown>[], caseId: string) => views.filter((view) => view.caseId === caseId);
      return {
        ids,
        cases: cases.map((view, index) => ({
          ...view,
          followUps: of(followUpViews, caseIds[index]),
          referrals: of(referralViews, caseIds[index]),
        })),
        more,
        cursor: encodeSyncCursor(
          more ? { since: cursor.since, until: watermark, after: caseIds[caseIds.length - 1] } : { since: watermark },
        ),
      };
    });
  }

  /**
   * Reads logged on the phone, one audit event each, with the phone's time beside the server's.
   * Recorded for the cases the rules' `record_reads` scope gives: those she held (she took them in,
   * or their history names her as companion or co-companion) and, for a companion, those her phone
   * may hold now. A case reassigned or restricted since, or a role that no longer works offline,
   * keeps the record of her reads. Reads of any other id are dropped without a word, so the answer
   * says nothing about them.
   */
  async deviceReads(auth: RequestAuth, reads: DeviceRead[]): Promise<{ received: number }> {
    await this.dataSource.transaction(async (manager) => {
      const eligible = await this.recordable(manager, auth, caseIdsOf(reads));
      await this.recordReads(manager, reporterOf(auth), reads, eligible);
    });
    return { received: reads.length };
  }

  /**
   * A revoked phone's last reads (SPEC §12 "Resets, role changes, revocation"), authenticated by
   * the refresh token that was answered `device-revoked` (`consumeRevokedPhoneToken`: once, the
   * phone's latest token). Recorded as `deviceReads` records them, by the `record_reads` rows of
   * her role as it is now (`recordingAbility`): she has no session and may be deactivated, but what
   * her phone showed is history. Any refusal of the token is 401, whichever check failed.
   */
  async revokedPhoneReads(
    deviceId: string,
    refreshToken: string,
    reads: DeviceRead[],
    request: Pick<RequestAuth, 'requestId' | 'clientRequestId'>,
  ): Promise<{ received: number }> {
    await this.dataSource.transaction(async (manager) => {
      const owner = await consumeRevokedPhoneToken(manager, deviceId, refreshToken);
      if (!owner)
        throw new AuthError('unauthenticated', "The refresh token is not this revoked phone's last one, or was used.");
      const eligible = await this.recordable(manager, { ability: recordingAbility(owner) }, caseIdsOf(reads));
      await this.recordReads(
        manager,
        { organizationId: owner.organizationId, actor: { id: owner.userId, role: owner.role }, ...request },
        reads,
        eligible,
      );
    });
    return { received: reads.length };
  }

  /**
   * One audit event per read of an eligible case whose id this user's phones have not had recorded
   * before. The ids are claimed first, in one statement, in sorted order: two requests carrying the
   * same reads at once wait on each other's claim and never deadlock, and the later one finds the
   * ids taken and records nothing. The first read of an id repeated within the batch is the one recorded.
   */
  private async recordReads(
    manager: EntityManager,
    reporter: ReadsReporter,
    reads: DeviceRead[],
    eligible: Set<string>,
  ): Promise<void> {
    const candidates = reads.filter((read) => eligible.has(read.caseId));
    if (candidates.length === 0) return;
    const claimed: { read_id: string }[] = await manager.query(
      `INSERT INTO device_reads_received (user_id, read_id)
       SELECT $1, id FROM unnest($2::uuid[]) AS id ORDER BY id
       ON CONFLICT DO NOTHING RETURNING read_id`,
      [reporter.actor.id, [...new Set(candidates.map((read) => read.id.toLowerCase()))].sort()],
    );
    const fresh = new Set(claimed.map((row) => row.read_id));
    for (const read of candidates) {
      if (!fresh.delete(read.id.toLowerCase())) continue;
      await this.audit.record(manager, {
        ...reporter,
        action: 'device_read',
        subject: 'Case',
        subjectId: read.caseId,
        fields: [...new Set(read.fields)],
        outcome: 'success',
        deviceReadAt: new Date(read.at),
      });
    }
  }

  /** The cases among these whose reads the rules record: the `record_reads` row scope on Case, in SQL. */
  private async recordable(
    manager: EntityManager,
    who: Pick<RequestAuth, 'ability'>,
    caseIds: string[],
  ): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await this.resources
      .scoped(manager, this.specs.cases, who, 'record_reads')
      .andWhere('row.id IN (:...caseIds)', { caseIds })
      .select('row.id', 'id')
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /**
   * A time before the start of every transaction that might still commit a change: the oldest
   * open transaction of a client of this database (autovacuum writes no case), or now. A change's `updated_at` is its transaction's start
   * (`now()`), so one committed after this sync carries a time at or after the watermark.
   */
  private async watermark(manager: EntityManager): Promise<string> {
    const [{ watermark }] = await manager.query(
      `SELECT to_char(least(clock_timestamp(), min(a.xact_start)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS watermark
         FROM pg_stat_activity a WHERE a.datname = current_database() AND a.backend_type = 'client backend'`,
    );
    return watermark as string;
  }
}
