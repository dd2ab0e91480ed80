import { DomainError } from '@pendamping/core';

export type AuthErrorKind =
  | 'invalid-credentials'
  | 'mfa-required'
  | 'mfa-enrollment-required'
  | 'password-change-required'
  | 'unauthenticated'
  | 'forbidden'
  | 'address-blocked'
  | 'device-revoked'
  | 'recent-sign-in-required';

/**
 * Authentication and authorisation failures. The problem `type` ends with the kind (for example
 * `…:mfa-required`), so a client can tell a missing second factor from a wrong password.
 */
export class AuthError extends DomainError {
  constructor(kind: AuthErrorKind, detail: string) {
    super(kind, detail);
  }
}
