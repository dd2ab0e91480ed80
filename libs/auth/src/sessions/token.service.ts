import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import { jwtVerify, SignJWT } from 'jose';
import { AuthError } from '../auth-errors';
import { VerifiedTokens } from './verified-tokens';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
const ISSUER = 'pendamping';
const AUDIENCE = 'pendamping-api';
const ALGORITHMS = ['HS256'];
/** Far more than the access tokens one process sees live in ten minutes; a bound, not a working size. */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface AccessClaims {
  userId: string;
  organizationId: string;
  /**
   * The refresh-token family: logging out revokes it, and with it this access token. What the
   * session proved and when it started are read from that family on each request, not from here.
   */
  sessionId: string;
  issuedAt: Date;
}

/** Short-lived access JWTs (HS256 only; iss, aud and exp always checked) and opaque refresh tokens. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly verified = new VerifiedTokens<AccessClaims>(VERIFIED_TOKENS_KEPT);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new Uint8Array(Buffer.from(config.JWT_SECRET, 'base64'));
  }

  /** Expires after the usual ten minutes, or at the session's absolute end if that comes first. */
  async issueAccessToken(claims: Omit<AccessClaims, 'issuedAt'>, sessionEndsAt: Date): Promise<string> {
    const expiresAt = Math.min(
      Math.floor(Date.now() / 1000) + ACCESS_TOKEN_TTL_SECONDS,
      Math.floor(sessionEndsAt.getTime() / 1000),
    );
    return new SignJWT({ org: claims.organizationId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.key);
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ALGORITHMS,
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const { sub, org, sid, iat, exp } = payload as Record<string, unknown>;
      if (
        typeof sub !== 'string' ||
        typeof org !== 'string' ||
        typeof sid !== 'string' ||
        typeof iat !== 'number' ||
        typeof exp !== 'number'
      )
        throw new Error('malformed claims');
      const claims = Object.freeze({
        userId: sub,
        organizationId: org,
        sessionId: sid,
        issuedAt: new Date(iat * 1000),
      });
      this.verified.remember(token, claims, exp * 1000);
      return claims;
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
