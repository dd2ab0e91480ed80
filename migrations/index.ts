import { Foundation1795434000000 } from './1795434000000-foundation';
import { TrustCore1795435960948 } from './1795435960948-trust-core';
import { IdempotencyKeys1795437600000 } from './1795437600000-idempotency-keys';
import { SessionMfaState1795437700000 } from './1795437700000-session-mfa-state';
import { Domain1796219411061 } from './1796219411061-domain';
import { SessionSecondFactorAndLifetime1796514219856 } from './1796514219856-session-second-factor-and-lifetime';
import { SignInDevices1796514900000 } from './1796514900000-sign-in-devices';
import { AuditClientRequestId1796600100000 } from './1796600100000-audit-client-request-id';
import { WorklistOrder1796600200000 } from './1796600200000-worklist-order';
import { ReportCountedCases1796600300000 } from './1796600300000-report-counted-cases';
import { AdminRequests1796600400000 } from './1796600400000-admin-requests';
import { RefreshTokenParent1796700100000 } from './1796700100000-refresh-token-parent';
import { CaseStatDeltas1796700400000 } from './1796700400000-case-stat-deltas';
import { Devices1796800100000 } from './1796800100000-devices';
import { AuditSyncReads1796800200000 } from './1796800200000-audit-sync-reads';
import { CaseListIndexes1796900100000 } from './1796900100000-case-list-indexes';
import { DeviceReadsReceived1797000100000 } from './1797000100000-device-reads-received';

/** Applied in this order. `npm run migration:generate` writes a new file; add its class here. */
export const MIGRATIONS = [
  Foundation1795434000000,
  TrustCore1795435960948,
  IdempotencyKeys1795437600000,
  SessionMfaState1795437700000,
  Domain1796219411061,
  SessionSecondFactorAndLifetime1796514219856,
  SignInDevices1796514900000,
  AuditClientRequestId1796600100000,
  WorklistOrder1796600200000,
  ReportCountedCases1796600300000,
  AdminRequests1796600400000,
  RefreshTokenParent1796700100000,
  CaseStatDeltas1796700400000,
  Devices1796800100000,
  AuditSyncReads1796800200000,
  CaseListIndexes1796900100000,
  DeviceReadsReceived1797000100000,
];
