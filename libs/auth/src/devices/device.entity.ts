import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A phone set up for offline capture (SPEC §12). Its id is chosen by the phone. W, the server
 * wrapping key, is kept only wrapped by the master key with the device id as associated data,
 * and is deleted when the phone is revoked: a revoked phone's copy of DK under W opens no more.
 */
@Entity({ name: 'devices' })
@Index('IDX_devices_user', ['userId'])
@Index('IDX_devices_organization', ['organizationId', 'createdAt'])
@Check(
  'CHK_devices_wrapping_key',
  `("revoked_at" IS NULL) = ("wrapping_key" IS NOT NULL AND "wrapping_key_master_key_id" IS NOT NULL)`,
)
export class DeviceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_devices' })
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'FK_devices_organization' })
  organization?: OrganizationEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_devices_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  label!: string;

  /** The public half of the phone's sealing pair (SPEC §12 "capture only"), as the phone sent it. */
  @Column({ name: 'sealing_public_key', type: 'text' })
  sealingPublicKey!: string;

  @Column({ name: 'wrapping_key_master_key_id', type: 'text', nullable: true })
  wrappingKeyMasterKeyId!: string | null;

  @Column({ name: 'wrapping_key', type: 'bytea', nullable: true })
  wrappingKey!: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set by each sync of a session bound to the phone (GET /sync/cases, `markPhoneSynced`). */
  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
