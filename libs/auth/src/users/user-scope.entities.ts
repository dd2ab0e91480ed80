import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupEntity } from '../organizations/group.entity';
import { RegionEntity } from '../organizations/region.entity';
import { UserEntity } from './user.entity';

/** A companion's membership of a group. */
@Entity({ name: 'user_groups' })
@Index('IDX_user_groups_group', ['groupId'])
export class UserGroupEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => GroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;
}

/** A coordinator's region. */
@Entity({ name: 'user_regions' })
@Index('IDX_user_regions_region', ['regionId'])
export class UserRegionEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;
}
