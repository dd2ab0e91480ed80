import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import type { Role } from '../users/roles';

/** What a session proved at sign-in: a TOTP or recovery code, or nothing beyond the password. */
export type SecondFactor = 'verified' | 'none';

/** Where a session comes from: what it proved and when it started. Both are fixed at sign-in. */
export interface SessionOrigin {
  secondFactor: SecondFactor;
  startedAt: Date;
  /** The phone the family is bound to (SPEC §12), carried over on rotation; absent for a browser or an API client. */
  deviceId?: string | null;
}

export interface SessionLifetimes {
  mfaRoles: string[];
  mfaRoleHours: number;
  otherHours: number;
}

/** What a session may do under the user's current role: everything, or only enrol the second factor. */
export type MfaState = 'complete' | 'enrollment_required';

/**
 * SPEC §8: what a session is worth is decided by the user's role *now*, not by the role she had
 * at sign-in. A promotion to a role that needs a second factor limits a session that never
 * proved one, and shortens its absolute lifetime.
 */
@Injectable()
export class SessionRules {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  requiresSecondFactor(role: Role): boolean {
    return this.config.MFA_REQUIRED_ROLES.includes(role);
  }

  mfaState(role: Role, secondFactor: SecondFactor): MfaState {
    return secondFactor === 'none' && this.requiresSecondFactor(role) ? 'enrollment_required' : 'complete';
  }

  lifetimeHours(role: Role): number {
    return this.requiresSecondFactor(role)
      ? this.config.SESSION_LIFETIME_HOURS_MFA_ROLES
      : this.config.SESSION_LIFETIME_HOURS;
  }

  /** The absolute end of a session: no refresh token or access token outlives it. */
  endOf(startedAt: Date, role: Role): Date {
    return new Date(startedAt.getTime() + this.lifetimeHours(role) * 3_600_000);
  }

  /** What the ActorLoader's query needs to compute the same end in SQL. */
  lifetimes(): SessionLifetimes {
    return {
      mfaRoles: this.config.MFA_REQUIRED_ROLES,
      mfaRoleHours: this.config.SESSION_LIFETIME_HOURS_MFA_ROLES,
      otherHours: this.config.SESSION_LIFETIME_HOURS,
    };
  }
}
