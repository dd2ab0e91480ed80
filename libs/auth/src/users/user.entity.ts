import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantRecord } from '../organizations/tenant-record';
import { OrganizationEntity } from '../organizations/organization.entity';
import { ROLES, Role } from './roles';

/**
 * A person who signs in. One role within one organisation; the scope (groups or regions) lives in
 * user_groups / user_regions.
 */
@Entity({ name: 'users' })
@Index('UQ_users_email', ['email'], { unique: true })
@Index('IDX_users_org', ['organizationId'])
@Check('CHK_users_role', `"role" IN (${ROLES.map((role) => `'${role}'`).join(', ')})`)
export class UserEntity extends TenantRecord {
  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** Stored lower-cased; sign-in is by email across the deployment. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The TOTP secret, encrypted under the user's own data key. */
  @Column({ name: 'totp_secret', type: 'bytea', nullable: true })
  totpSecret!: Buffer | null;

  @Column({ name: 'totp_enrolled_at', type: 'timestamptz', nullable: true })
  totpEnrolledAt!: Date | null;

  /** The last accepted TOTP time step: that step and older ones are never accepted again. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** Set by a temporary password (approval, create-org): until she sets her own, she may only change it and enrol. */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired!: boolean;

  /** Who reset what and when, shown on /me until she acknowledges it (SPEC §8). */
  @Column({ name: 'reset_notice', type: 'jsonb', nullable: true })
  resetNotice!: ResetNotice | null;
}

export interface ResetNotice {
  kind: 'reset_password' | 'reset_totp';
  requestId: string;
  requestedBy: string;
  /** Null when the operator approved. */
  approvedBy: string | null;
  at: string;
}
