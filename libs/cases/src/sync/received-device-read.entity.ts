import { UserEntity } from '@pendamping/auth/entities';
import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A device read already recorded, by the id her phone gave it (docs/offline.md, "Device reads"):
 * a batch resent after its answer was lost records nothing twice. Ids only, no case, no time.
 */
@Entity({ name: 'device_reads_received' })
export class ReceivedDeviceReadEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_device_reads_received' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_device_reads_received_user' })
  user?: UserEntity;

  @PrimaryColumn({ name: 'read_id', type: 'uuid', primaryKeyConstraintName: 'PK_device_reads_received' })
  readId!: string;
}
