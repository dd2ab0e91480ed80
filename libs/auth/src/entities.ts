import { AdminRequestEntity } from './admin-requests/admin-request.entity';
import { AuditAnchorEntity, AuditEventEntity, AuditLaneHeadEntity } from './audit/audit.entities';
import { DeviceEntity } from './devices/device.entity';
import { DataKeyEntity } from './crypto-store/data-key.entity';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { GroupEntity } from './organizations/group.entity';
import { OrganizationEntity } from './organizations/organization.entity';
import { RegionEntity } from './organizations/region.entity';
import { ServiceProviderEntity } from './organizations/service-provider.entity';
import { VillageEntity } from './organizations/village.entity';
import {
  LoginFailureEntity,
  RecoveryCodeEntity,
  RefreshTokenEntity,
  SignInDeviceEntity,
} from './sessions/session.entities';
import { UserEntity } from './users/user.entity';
import { UserGroupEntity, UserRegionEntity } from './users/user-scope.entities';

export {
  AdminRequestEntity,
  AuditAnchorEntity,
  AuditEventEntity,
  AuditLaneHeadEntity,
  DataKeyEntity,
  DeviceEntity,
  GroupEntity,
  IdempotencyKeyEntity,
  LoginFailureEntity,
  OrganizationEntity,
  RecoveryCodeEntity,
  RefreshTokenEntity,
  RegionEntity,
  ServiceProviderEntity,
  SignInDeviceEntity,
  UserEntity,
  UserGroupEntity,
  UserRegionEntity,
  VillageEntity,
};

export const AUTH_ENTITIES = [
  OrganizationEntity,
  RegionEntity,
  VillageEntity,
  GroupEntity,
  ServiceProviderEntity,
  UserEntity,
  UserGroupEntity,
  UserRegionEntity,
  RefreshTokenEntity,
  LoginFailureEntity,
  RecoveryCodeEntity,
  DataKeyEntity,
  AuditEventEntity,
  AuditLaneHeadEntity,
  AuditAnchorEntity,
  IdempotencyKeyEntity,
  SignInDeviceEntity,
  AdminRequestEntity,
  DeviceEntity,
];
