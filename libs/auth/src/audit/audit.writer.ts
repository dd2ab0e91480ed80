import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import { EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH } from './audit-chain';
import { AuditEventEntity, AuditOutcome } from './audit.entities';

/** Lanes per organisation: concurrent writers pick different lanes and rarely wait on one head. */
export const AUDIT_LANES = 8;

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
}

/**
 * Writes audit events inside the caller's transaction: no audit row, no change. The lane head
 * row is locked (FOR UPDATE) to order the lane's links.
 */
@Injectable()
export class AuditWriter {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(config.AUDIT_CHAIN_KEY, 'base64');
  }

  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('audit events are written inside the transaction of the change they record');
    const lane = randomInt(AUDIT_LANES);
    await manager.query(
      `INSERT INTO audit_lane_heads (organization_id, lane, seq, hash) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING`,
      [input.organizationId, lane, GENESIS_HASH],
    );
    const [head] = await manager.query(`SELECT seq, hash FROM audit_lane_heads WHERE organization_id = $1 AND lane = $2 FOR UPDATE`, [
      input.organizationId,
      lane,
    ]);
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
      prevHash: head.hash as string,
    };
    const hash = chainHash(this.key, event);
    await manager.insert(AuditEventEntity, { ...event, hash });
    await manager.query(`UPDATE audit_lane_heads SET seq = $3, hash = $4 WHERE organization_id = $1 AND lane = $2`, [
      input.organizationId,
      lane,
      event.seq,
      hash,
    ]);
  }
}
