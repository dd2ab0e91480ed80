import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';
import { UserEntity } from '../users/user.entity';
import type { SecondFactor } from './session-rules';

/**
 * Refresh tokens are stored as hashes and rotated on every use. A token of a family used twice
 * means it was stolen: the whole family is revoked.
 */
@Entity({ name: 'refresh_tokens' })
@Index('UQ_refresh_tokens_hash', ['tokenHash'], { unique: true })
@Index('IDX_refresh_tokens_family', ['familyId'])
@Index('IDX_refresh_tokens_user', ['userId'])
@Index('IDX_refresh_tokens_parent', ['parentId'])
@Index('IDX_refresh_tokens_device', ['deviceId'])
@Check('CHK_refresh_tokens_second_factor', `"second_factor" IN ('verified', 'none')`)
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /**
   * The token this one was issued in exchange for (null for a session's first), so that the
   * refresh grace can find the successor a lost response never delivered.
   */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => RefreshTokenEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: RefreshTokenEntity;

  /**
   * The phone a family is bound to (SPEC §12): its tokens travel in the body only, and the
   * phone's revocation ends it. Null for a browser's or an API client's session.
   */
  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId!: string | null;

  @ManyToOne(() => DeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_refresh_tokens_device' })
  device?: DeviceEntity;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /**
   * Fixed when the session starts and carried over on rotation: whether it proved a second
   * factor. What that allows is decided per request against the user's current role.
   */
  @Column({ name: 'second_factor', type: 'text' })
  secondFactor!: SecondFactor;

  /** The original sign-in, carried over on rotation: the session's absolute lifetime counts from it. */
  @Column({ name: 'session_started_at', type: 'timestamptz' })
  sessionStartedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Failed sign-ins by address, for the per-address block; kept in PostgreSQL so a Redis outage lifts nothing. */
@Entity({ name: 'login_failures' })
@Index('IDX_login_failures_address_time', ['address', 'occurredAt'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}

@Entity({ name: 'recovery_codes' })
export class RecoveryCodeEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @PrimaryColumn({ name: 'code_hash', type: 'text' })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}

/**
 * A browser that signed a user in before (SPEC §8, OWASP's device cookie), keyed by the nonce
 * of its cookie: its failed attempts for that user have their own counter and lock. A row exists
 * only while failures are counted; a success removes it.
 */
@Entity({ name: 'sign_in_devices' })
export class SignInDeviceEntity {
  @PrimaryColumn({ type: 'text' })
  nonce!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
