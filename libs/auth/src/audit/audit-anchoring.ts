import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_CHAIN_KEY, anchorMac } from './audit-chain';
import { AuditAnchorEntity } from './audit.entities';

/**
 * Every few minutes, records each lane head that moved since its last anchor, with a keyed MAC.
 * Deleting the newest events and rewinding a head then contradicts an anchor, which
 * /audit/verify reports.
 */
@Injectable()
export class AuditAnchoring {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_CHAIN_KEY) private readonly key: Buffer,
  ) {}

  async anchorMovedHeads(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const moved: { organization_id: string; lane: number; seq: string; hash: string }[] = await manager.query(
        `SELECT h.organization_id, h.lane, h.seq, h.hash
           FROM audit_lane_heads h
          WHERE h.seq > COALESCE((SELECT max(a.seq) FROM audit_anchors a WHERE a.organization_id = h.organization_id AND a.lane = h.lane), 0)`,
      );
      const anchoredAt = new Date();
      const anchors = moved.map((head) => {
        const anchor = {
          organizationId: head.organization_id,
          lane: head.lane,
          seq: head.seq,
          hash: head.hash,
          anchoredAt,
        };
        return { ...anchor, mac: anchorMac(this.key, anchor) };
      });
      if (anchors.length > 0) await manager.insert(AuditAnchorEntity, anchors);
      return anchors.length;
    });
  }
}
