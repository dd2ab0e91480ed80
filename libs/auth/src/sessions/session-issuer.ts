import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './session.entities';
import { MfaState, REFRESH_TOKEN_TTL_SECONDS, TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  mfa?: 'enrollment_required';
}

/** Starts and continues sessions: a refresh-token family, and access tokens bound to it. */
@Injectable()
export class SessionIssuer {
  constructor(private readonly tokens: TokenService) {}

  async start(manager: EntityManager, user: { id: string; organizationId: string }, mfa: MfaState): Promise<TokenPair> {
    return this.issue(manager, user, randomUUID(), mfa);
  }

  async issue(manager: EntityManager, user: { id: string; organizationId: string }, familyId: string, mfa: MfaState): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken();
    await manager.insert(RefreshTokenEntity, {
      userId: user.id,
      familyId,
      mfa,
      tokenHash: refresh.hash,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    const accessToken = await this.tokens.issueAccessToken({ userId: user.id, organizationId: user.organizationId, sessionId: familyId, mfa });
    return { accessToken, refreshToken: refresh.token, ...(mfa === 'enrollment_required' ? { mfa } : {}) };
  }

  async endFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /** Password change, second-factor reset and deactivation end every session of the user at once. */
  async endAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
