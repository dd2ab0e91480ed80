import type { components } from '../api/schema';

/**
 * The administration responses these screens read, as the API answers them today (the users,
 * administration-request and audit services' views). They stand in until the OpenAPI document
 * describes these responses, when the generated types replace them.
 */
export interface Allowance {
  actions: string[];
  writableFields: string[];
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  groupIds: string[];
  regionIds: string[];
  mfaEnrolled: boolean;
  version: number;
  allowed: Allowance;
}

export interface AdminRequestView {
  id: string;
  kind: string;
  state: 'pending' | 'approved' | 'refused';
  subjectId: string | null;
  email: string | null;
  name: string | null;
  role: string | null;
  groupIds: string[] | null;
  regionIds: string[] | null;
  active: boolean | null;
  requestedBy: string;
  decidedBy: string | null;
  decidedByOperator: boolean;
  decidedAt: string | null;
  requesterHalfWaiting: boolean;
  createdAt: string;
  allowed: Allowance;
}

/** An approval that made a temporary password carries the approver's half, once. */
export interface ApprovedRequest extends AdminRequestView {
  temporaryPassword?: { secondHalf: string };
}

/** An audit event: who did what to which record, and the names of the fields, never their values (SPEC §8). */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subject: string;
  subjectId: string | null;
  fields: string[];
  outcome: string;
}

export interface VerificationReport {
  valid: boolean;
  eventsChecked: number;
  lanes: number;
  firstBroken?: { lane: number; seq: string; reason: string };
}

export type RegionView = components['schemas']['RegionView'];
export type VillageView = components['schemas']['VillageView'];
export type GroupView = components['schemas']['GroupView'];
export type ServiceProviderView = components['schemas']['ServiceProviderView'];
