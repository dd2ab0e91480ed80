import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantRecord } from '../organizations/tenant-record';
import type { Role } from '../users/roles';
import { UserEntity } from '../users/user.entity';

export const ADMIN_REQUEST_KINDS = [
  'create_user',
  'change_role',
  'change_active',
  'reset_password',
  'reset_totp',
] as const;
export type AdminRequestKind = (typeof ADMIN_REQUEST_KINDS)[number];
export const ADMIN_REQUEST_STATES = ['pending', 'approved', 'refused'] as const;
export type AdminRequestState = (typeof ADMIN_REQUEST_STATES)[number];

/** What the request would do; never a secret. */
export interface AdminRequestPayload {
  email?: string;
  name?: string;
  role?: Role;
  groupIds?: string[];
  regionIds?: string[];
  active?: boolean;
}

const inList = (column: string, values: readonly string[]) =>
  `"${column}" IN (${values.map((value) => `'${value}'`).join(', ')})`;

/**
 * SPEC §8 "no administrator alone gets into case content": a creation of a user, a change of
 * role, scope or activity, or a reset of a password or second factor, waiting for a second
 * org_admin (or the operator's CLI) to approve or refuse it.
 */
@Entity({ name: 'admin_requests' })
@Index('IDX_admin_requests_org_created', ['organizationId', 'createdAt'])
@Check('CHK_admin_requests_kind', inList('kind', ADMIN_REQUEST_KINDS))
@Check('CHK_admin_requests_state', inList('state', ADMIN_REQUEST_STATES))
export class AdminRequestEntity extends TenantRecord {
  @Column({ type: 'text' })
  kind!: AdminRequestKind;

  @Column({ type: 'text', default: 'pending' })
  state!: AdminRequestState;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_admin_requests_requested_by' })
  requester?: UserEntity;

  /** The user the request is about; for a creation, set when the user is created at approval. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'FK_admin_requests_subject' })
  subject?: UserEntity;

  @Column({ type: 'jsonb', default: {} })
  payload!: AdminRequestPayload;

  /** The org_admin who approved or refused; null while pending or when the operator decided. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_admin_requests_decided_by' })
  decider?: UserEntity;

  @Column({ name: 'decided_by_operator', type: 'boolean', default: false })
  decidedByOperator!: boolean;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /**
   * The requester's half of a temporary password, sealed under the request's own data key until
   * she collects it once; then cleared.
   */
  @Column({ name: 'requester_half', type: 'bytea', nullable: true })
  requesterHalf!: Buffer | null;
}
