import { SetMetadata } from '@nestjs/common';
import { Action } from './rules-table';
import { SubjectName } from './subjects';

export const POLICY = Symbol('POLICY');

export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'authenticated'; duringMfaEnrollment: boolean }
  | { kind: 'ability'; action: Action; subject: SubjectName };

/** Every route states exactly one policy; the global guard denies a route that states none. */
export const Policy = (action: Action, subject: SubjectName) =>
  SetMetadata(POLICY, { kind: 'ability', action, subject } satisfies RoutePolicy);

/** Open to anyone: sign-in, token refresh, health. */
export const PublicRoute = () => SetMetadata(POLICY, { kind: 'public' } satisfies RoutePolicy);

/**
 * Any signed-in user, whatever their rules (their own profile, their abilities, sign-out).
 * `duringMfaEnrollment` opens the route to a limited session too: one that must enrol a second
 * factor, or change a temporary password, before anything else (SPEC §8, §9).
 */
export const SignedIn = (options: { duringMfaEnrollment?: boolean } = {}) =>
  SetMetadata(POLICY, {
    kind: 'authenticated',
    duringMfaEnrollment: options.duringMfaEnrollment ?? false,
  } satisfies RoutePolicy);
