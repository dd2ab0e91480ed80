import type { components } from '../api/schema';

/** The administration responses these screens read, named as the OpenAPI document names them. */
export type UserView = components['schemas']['UserView'];
export type AdminRequestView = components['schemas']['AdminRequestView'];
/** An audit event: who did what to which record, and the names of the fields, never their values (SPEC §8). */
export type AuditEventView = components['schemas']['AuditEventView'];
export type VerificationReport = components['schemas']['AuditVerification'];
export type RegionView = components['schemas']['RegionView'];
export type VillageView = components['schemas']['VillageView'];
export type GroupView = components['schemas']['GroupView'];
export type ServiceProviderView = components['schemas']['ServiceProviderView'];
