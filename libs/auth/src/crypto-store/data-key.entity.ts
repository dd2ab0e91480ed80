import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One data key per record owner (a case, a user), wrapped by a master key from configuration.
 * Deleting the row crypto-shreds every field encrypted under it, backups included.
 */
@Entity({ name: 'data_keys' })
@Index('IDX_data_keys_master', ['masterKeyId'])
export class DataKeyEntity {
  @PrimaryColumn({ name: 'owner_table', type: 'text' })
  ownerTable!: string;

  @PrimaryColumn({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId!: string;

  @Column({ name: 'wrapped_key', type: 'bytea' })
  wrappedKey!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
