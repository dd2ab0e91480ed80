import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import { jwtVerify, SignJWT } from 'jose';
import { AuthError } from '../auth-errors';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
const ISSUER = 'pendamping';
const AUDIENCE = 'pendamping-api';
const ALGORITHMS = ['HS256'];

export type MfaState = 'complete' | 'enrollment_required';

export interface AccessClaims {
  userId: string;
  organizationId: string;
  /** The refresh-token family: logging out revokes it, and with it this access token. */
  sessionId: string;
  mfa: MfaState;
  issuedAt: Date;
}

/** Short-lived access JWTs (HS256 only; iss, aud and exp always checked) and opaque refresh tokens. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new Uint8Array(Buffer.from(config.JWT_SECRET, 'base64'));
  }

  async issueAccessToken(claims: Omit<AccessClaims, 'issuedAt'>): Promise<string> {
    return new SignJWT({ org: claims.organizationId, sid: claims.sessionId, mfa: claims.mfa })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ALGORITHMS, issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['exp', 'iat', 'sub'] });
      const { sub, org, sid, mfa, iat } = payload as Record<string, unknown>;
      if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string' || (mfa !== 'complete' && mfa !== 'enrollment_required') || typeof iat !== 'number') {
        throw new Error('malformed claims');
      }
      return { userId: sub, organizationId: org, sessionId: sid, mfa, issuedAt: new Date(iat * 1000) };
    } catch {
      throw new AuthError('unauthenticated', 'The access token is missing, invalid or expired.');
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

/** Refresh tokens have 256 bits of entropy, so a plain SHA-256 is enough to store them safely. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
