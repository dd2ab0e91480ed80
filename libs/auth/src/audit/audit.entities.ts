import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Events that belong to no organisation (a sign-in with an unknown email) use this id. */
export const DEPLOYMENT_ORGANIZATION_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Append-only (a trigger rejects UPDATE, DELETE and TRUNCATE) and hash-chained per
 * (organisation, lane). Field names only, never values.
 */
@Entity({ name: 'audit_events' })
@Index('UQ_audit_events_chain', ['organizationId', 'lane', 'seq'], { unique: true })
@Index('IDX_audit_events_org_time', ['organizationId', 'occurredAt'])
@Check('CHK_audit_events_outcome', `"outcome" IN ('success', 'denied', 'failure')`)
@Check('CHK_audit_events_client_request_id', `"client_request_id" ~ '^[A-Za-z0-9._:-]{1,64}$'`)
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'smallint' })
  lane!: number;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** What the client sent as X-Request-Id, cleaned: never our key for anything. */
  @Column({ name: 'client_request_id', type: 'text', nullable: true })
  clientRequestId!: string | null;

  /** The cases one event names at once (a phone's sync); `subjectId` names one. */
  @Column({ name: 'subject_ids', type: 'uuid', array: true, nullable: true })
  subjectIds!: string[] | null;

  /** A read made on a phone: when the phone says it happened (`occurredAt` is when the server received it). */
  @Column({ name: 'device_read_at', type: 'timestamptz', nullable: true })
  deviceReadAt!: Date | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}

/** The newest link of each lane; locking this row orders the writers of one lane. */
@Entity({ name: 'audit_lane_heads' })
export class AuditLaneHeadEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ type: 'smallint' })
  lane!: number;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text' })
  hash!: string;
}

/** Periodic, keyed snapshots of lane heads: cutting the newest events off a chain is detected. */
@Entity({ name: 'audit_anchors' })
@Index('IDX_audit_anchors_lane', ['organizationId', 'lane', 'seq'])
export class AuditAnchorEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'smallint' })
  lane!: number;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'anchored_at', type: 'timestamptz' })
  anchoredAt!: Date;

  @Column({ type: 'text' })
  mac!: string;
}
