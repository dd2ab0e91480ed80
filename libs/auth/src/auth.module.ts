import { Module } from '@nestjs/common';
import { AdminRequestsService } from './admin-requests/admin-requests.service';
import { AuditAnchoring } from './audit/audit-anchoring';
import { auditChainKeyProvider } from './audit/audit-chain';
import { AuditLogService } from './audit/audit-log.service';
import { AuditVerifier } from './audit/audit-verifier';
import { AuditWriter } from './audit/audit.writer';
import { FieldEncryption } from './crypto-store/field-encryption.service';
import { DevicesService } from './devices/devices.service';
import { ExpiredRecords } from './idempotency/expired-records';
import { ClientChosenIdInterceptor } from './idempotency/client-chosen-id';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { DirectoryService } from './organizations/directory.service';
import { OrganizationsService } from './organizations/organizations.service';
import { ActorLoader } from './permissions/actor-loader';
import { PolicyGuard } from './permissions/policy.guard';
import { ScopedResources } from './permissions/scoped-resources';
import { AccountService } from './sessions/account.service';
import { SecondFactorService } from './sessions/second-factor.service';
import { SessionIssuer } from './sessions/session-issuer';
import { SessionRules } from './sessions/session-rules';
import { SignInDevices } from './sessions/sign-in-devices';
import { SignInService } from './sessions/sign-in.service';
import { TokenService } from './sessions/token.service';
import { UsersService } from './users/users.service';

const PROVIDERS = [
  AdminRequestsService,
  AuditAnchoring,
  AuditWriter,
  AuditVerifier,
  ExpiredRecords,
  ClientChosenIdInterceptor,
  IdempotencyInterceptor,
  AuditLogService,
  FieldEncryption,
  DevicesService,
  DirectoryService,
  OrganizationsService,
  ActorLoader,
  PolicyGuard,
  ScopedResources,
  AccountService,
  SecondFactorService,
  SessionIssuer,
  SessionRules,
  SignInDevices,
  SignInService,
  TokenService,
  UsersService,
];

/** The trust core: who the caller is, what they may do, and the record of what they did. */
@Module({ providers: [auditChainKeyProvider, ...PROVIDERS], exports: PROVIDERS })
export class AuthModule {}
