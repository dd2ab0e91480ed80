import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_CHAIN_KEY, anchorMac, chainHash, GENESIS_HASH } from './audit-chain';
import { AuditAnchorEntity, AuditEventEntity, AuditLaneHeadEntity } from './audit.entities';

export interface BrokenLink {
  lane: number;
  seq: string;
  reason:
    | 'hash-mismatch'
    | 'broken-link'
    | 'sequence-gap'
    | 'missing-newest'
    | 'missing-head'
    | 'anchor-mismatch'
    | 'anchor-forged';
}

export interface VerificationReport {
  valid: boolean;
  eventsChecked: number;
  lanes: number;
  firstBroken?: BrokenLink;
}

const BATCH = 2_000;

/**
 * Walks each lane in sequence order, recomputing every keyed link; then checks the lane head and
 * the anchors, so that edited, deleted, reordered and cut-off events are all found. Rows are read
 * in keyset batches: memory stays flat however long the log grows.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_CHAIN_KEY) private readonly key: Buffer,
  ) {}

  /**
   * One REPEATABLE READ snapshot for heads, anchors and events, so events committed meanwhile
   * are not mistaken for missing ones. Lanes are the union of those that have events, anchors or
   * a head: deleting a head row cannot hide a lane.
   */
  async verify(organizationId: string): Promise<VerificationReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const lanes: { lane: number }[] = await manager.query(
        `SELECT lane FROM audit_lane_heads WHERE organization_id = $1
         UNION SELECT DISTINCT lane FROM audit_events WHERE organization_id = $1
         UNION SELECT DISTINCT lane FROM audit_anchors WHERE organization_id = $1
         ORDER BY lane`,
        [organizationId],
      );
      let eventsChecked = 0;
      for (const { lane } of lanes) {
        const head = await manager.findOneBy(AuditLaneHeadEntity, { organizationId, lane });
        if (!head)
          return {
            valid: false,
            eventsChecked,
            lanes: lanes.length,
            firstBroken: { lane, seq: '1', reason: 'missing-head' as const },
          };
        const result = await this.verifyLane(manager, organizationId, head);
        eventsChecked += result.checked;
        if (result.broken) return { valid: false, eventsChecked, lanes: lanes.length, firstBroken: result.broken };
      }
      return { valid: true, eventsChecked, lanes: lanes.length };
    });
  }

  private async verifyLane(
    manager: EntityManager,
    organizationId: string,
    head: AuditLaneHeadEntity,
  ): Promise<{ checked: number; broken?: BrokenLink }> {
    const events = manager.getRepository(AuditEventEntity);
    const hashesAtAnchors = new Map<string, string>();
    const anchors = await manager.getRepository(AuditAnchorEntity).find({ where: { organizationId, lane: head.lane } });
    for (const anchor of anchors) {
      if (anchorMac(this.key, anchor) !== anchor.mac)
        return { checked: 0, broken: { lane: head.lane, seq: anchor.seq, reason: 'anchor-forged' } };
      hashesAtAnchors.set(anchor.seq, anchor.hash);
    }

    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const batch = await events
        .createQueryBuilder('event')
        .where('event.organizationId = :organizationId AND event.lane = :lane AND event.seq >= :from', {
          organizationId,
          lane: head.lane,
          from: String(expectedSeq),
        })
        .orderBy('event.seq', 'ASC')
        .take(BATCH)
        .getMany();
      for (const event of batch) {
        const broken = (reason: BrokenLink['reason']) => ({
          checked,
          broken: { lane: head.lane, seq: event.seq, reason },
        });
        if (BigInt(event.seq) !== expectedSeq)
          return { checked, broken: { lane: head.lane, seq: String(expectedSeq), reason: 'sequence-gap' } };
        if (event.prevHash !== prevHash) return broken('broken-link');
        if (chainHash(this.key, event) !== event.hash) return broken('hash-mismatch');
        const anchored = hashesAtAnchors.get(event.seq);
        if (anchored !== undefined && anchored !== event.hash) return broken('anchor-mismatch');
        prevHash = event.hash;
        expectedSeq += 1n;
        checked += 1;
      }
      if (batch.length < BATCH) break;
    }
    const lastSeq = expectedSeq - 1n;
    const newestAnchored = [...hashesAtAnchors.keys()].reduce(
      (max, seq) => (BigInt(seq) > max ? BigInt(seq) : max),
      0n,
    );
    if (BigInt(head.seq) !== lastSeq || head.hash !== prevHash || newestAnchored > lastSeq) {
      return { checked, broken: { lane: head.lane, seq: String(lastSeq + 1n), reason: 'missing-newest' } };
    }
    return { checked };
  }
}
