import { createHmac } from 'node:crypto';
import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';

/** The key of the chains and anchors (AUDIT_CHAIN_KEY), decoded once for the writer, the verifier and the anchoring job. */
export const AUDIT_CHAIN_KEY = Symbol('AUDIT_CHAIN_KEY');

export const auditChainKeyProvider: Provider = {
  provide: AUDIT_CHAIN_KEY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => Buffer.from(config.AUDIT_CHAIN_KEY, 'base64'),
};

/** The prev_hash of a lane's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  organizationId: string;
  lane: number;
  seq: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subject: string;
  subjectId: string | null;
  fields: string[];
  outcome: string;
  requestId: string | null;
  clientRequestId: string | null;
  subjectIds?: string[] | null;
  deviceReadAt?: Date | null;
  prevHash: string;
}

/**
 * HMAC over an unambiguous encoding (a JSON array in fixed order) of every column but the hash:
 * changing, removing or moving any event breaks the link after it, and without the key a
 * forger cannot recompute the chain.
 */
export function chainHash(key: Buffer, event: ChainedEvent): string {
  // The client's request id came later: events without one hash as they always did.
  const clientRequestId = event.clientRequestId === null ? [] : [event.clientRequestId];
  // So did the sync's case ids and a device read's time: tagged, so that neither is taken for the other.
  const subjectIds = event.subjectIds ? [{ subjectIds: event.subjectIds }] : [];
  const deviceReadAt = event.deviceReadAt ? [{ deviceReadAt: event.deviceReadAt.toISOString() }] : [];
  const canonical = JSON.stringify([
    event.prevHash,
    event.organizationId,
    event.lane,
    event.seq,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorRole,
    event.action,
    event.subject,
    event.subjectId,
    event.fields,
    event.outcome,
    event.requestId,
    ...clientRequestId,
    ...subjectIds,
    ...deviceReadAt,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export function anchorMac(
  key: Buffer,
  anchor: { organizationId: string; lane: number; seq: string; hash: string; anchoredAt: Date },
): string {
  const canonical = JSON.stringify([
    'anchor',
    anchor.organizationId,
    anchor.lane,
    anchor.seq,
    anchor.hash,
    anchor.anchoredAt.toISOString(),
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}
