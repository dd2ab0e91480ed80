import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { prepared } from '@pendamping/core';
import { EntityManager, QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_KEY, chainHash, GENESIS_HASH } from './audit-chain';
import { AuditOutcome } from './audit.entities';

/** Lanes per organisation: concurrent writers pick different lanes and rarely wait on one head. */
export const AUDIT_LANES = 8;

/**
 * The two statements of every audited request, prepared once per connection. The no-op update
 * takes the lane head's row lock; for a read it also relaxes the transaction's commit.
 */
const LOCK_HEAD = prepared(
  `UPDATE audit_lane_heads SET seq = audit_lane_heads.seq
         FROM (SELECT CASE WHEN $3 THEN set_config('synchronous_commit', 'off', true) END) AS commit_mode
        WHERE organization_id = $1 AND lane = $2
        RETURNING audit_lane_heads.seq, audit_lane_heads.hash`,
);
/** Appends the event and moves the lane head, in one statement. */
const APPEND_EVENT = prepared(
  `WITH appended AS (
         INSERT INTO audit_events (organization_id, lane, seq, occurred_at, actor_id, actor_role, action, subject, subject_id, fields, outcome, request_id, client_request_id, prev_hash, hash, subject_ids, device_read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         RETURNING seq
       )
       UPDATE audit_lane_heads SET seq = (SELECT seq FROM appended), hash = $15 WHERE organization_id = $1 AND lane = $2`,
);

export interface AuditInput {
  organizationId: string;
  actor: { id: string; role: string } | null;
  action: string;
  subject: string;
  subjectId?: string | null;
  /** Field names touched or read, never values. */
  fields?: readonly string[];
  outcome: AuditOutcome;
  requestId?: string | null;
  /** The client's own X-Request-Id, cleaned (clientRequestIdOf). */
  clientRequestId?: string | null;
  /** Several records named by one event (a phone's sync), where `subjectId` names one. */
  subjectIds?: readonly string[] | null;
  /** A read made on a phone: the time the phone gives. */
  deviceReadAt?: Date | null;
}

/**
 * Writes audit events inside the caller's transaction: no audit row, no change. The lane head
 * row is locked to order the lane's links; two statements per event keep the cost of auditing a
 * read small (R4 of `npm run bench`).
 */
@Injectable()
export class AuditWriter {
  /**
   * The lane each open transaction writes an organisation's events to. A transaction that records
   * two events (a change and the read of its answer) keeps the one lane head it already holds: two
   * lanes locked in random order by concurrent transactions would deadlock.
   */
  private readonly lanesOfTransactions = new WeakMap<QueryRunner, Map<string, number>>();

  constructor(@Inject(AUDIT_CHAIN_KEY) private readonly key: Buffer) {}

  /**
   * For reads and lists, whose transaction changes nothing else: the commit does not wait for the
   * WAL flush. A database crash within the WAL writer's delay (200 ms by default) can lose such
   * a record of a read, never the record of a change; it is what keeps auditing reads affordable.
   */
  recordRead(manager: EntityManager, input: AuditInput): Promise<void> {
    return this.append(manager, input, true);
  }

  record(manager: EntityManager, input: AuditInput): Promise<void> {
    return this.append(manager, input, false);
  }

  private async append(manager: EntityManager, input: AuditInput, asynchronousCommit: boolean): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('audit events are written inside the transaction of the change they record');
    const lane = this.laneOf(manager.queryRunner, input.organizationId);
    const head =
      (await this.lockHead(manager, input.organizationId, lane, asynchronousCommit)) ??
      (await this.createHead(manager, input.organizationId, lane));
    const event = {
      organizationId: input.organizationId,
      lane,
      seq: String(BigInt(head.seq) + 1n),
      occurredAt: new Date(),
      actorId: input.actor?.id ?? null,
      actorRole: input.actor?.role ?? null,
      action: input.action,
      subject: input.subject,
      subjectId: input.subjectId ?? null,
      fields: [...(input.fields ?? [])].sort(),
      outcome: input.outcome,
      requestId: input.requestId ?? null,
      clientRequestId: input.clientRequestId ?? null,
      subjectIds: input.subjectIds ? [...input.subjectIds].sort() : null,
      deviceReadAt: input.deviceReadAt ?? null,
      prevHash: head.hash,
    };
    const hash = chainHash(this.key, event);
    await manager.query(APPEND_EVENT, [
      event.organizationId,
      event.lane,
      event.seq,
      event.occurredAt,
      event.actorId,
      event.actorRole,
      event.action,
      event.subject,
      event.subjectId,
      event.fields,
      event.outcome,
      event.requestId,
      event.clientRequestId,
      event.prevHash,
      hash,
      event.subjectIds,
      event.deviceReadAt,
    ]);
  }

  private laneOf(transaction: QueryRunner, organizationId: string): number {
    const lanes = this.lanesOfTransactions.get(transaction) ?? new Map<string, number>();
    this.lanesOfTransactions.set(transaction, lanes);
    const lane = lanes.get(organizationId) ?? randomInt(AUDIT_LANES);
    lanes.set(organizationId, lane);
    return lane;
  }

  /** Locks the lane head (the no-op update takes the row lock); for a read, also relaxes this transaction's commit. */
  private async lockHead(manager: EntityManager, organizationId: string, lane: number, asynchronousCommit: boolean) {
    const [rows] = await manager.query(LOCK_HEAD, [organizationId, lane, asynchronousCommit]);
    return (rows as { seq: string; hash: string }[])[0];
  }

  private async createHead(
    manager: EntityManager,
    organizationId: string,
    lane: number,
  ): Promise<{ seq: string; hash: string }> {
    const [head] = await manager.query(
      `INSERT INTO audit_lane_heads (organization_id, lane, seq, hash) VALUES ($1, $2, 0, $3)
       ON CONFLICT (organization_id, lane) DO UPDATE SET seq = audit_lane_heads.seq
       RETURNING seq, hash`,
      [organizationId, lane, GENESIS_HASH],
    );
    return head;
  }
}
