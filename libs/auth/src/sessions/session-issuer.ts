import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../users/roles';
import { RefreshTokenEntity } from './session.entities';
import { SecondFactor, SessionOrigin, SessionRules } from './session-rules';
import { REFRESH_TOKEN_TTL_SECONDS, TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  mfa?: 'enrollment_required';
  passwordChange?: 'required';
}

type SessionUser = { id: string; organizationId: string; role: Role; passwordChangeRequired?: boolean };

/** Starts and continues sessions: a refresh-token family, and access tokens bound to it. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly tokens: TokenService,
    private readonly rules: SessionRules,
  ) {}

  async start(
    manager: EntityManager,
    user: SessionUser,
    secondFactor: SecondFactor,
    startedAt = new Date(),
  ): Promise<TokenPair> {
    return this.issue(manager, user, randomUUID(), { secondFactor, startedAt });
  }

  /**
   * Neither token outlives the session's absolute end under the user's current role. `parentId`
   * is the refresh token this pair replaces, when it continues a session.
   */
  async issue(
    manager: EntityManager,
    user: SessionUser,
    familyId: string,
    origin: SessionOrigin,
    parentId: string | null = null,
  ): Promise<TokenPair> {
    const endsAt = this.rules.endOf(origin.startedAt, user.role);
    const refresh = this.tokens.newRefreshToken();
    await manager.insert(RefreshTokenEntity, {
      userId: user.id,
      familyId,
      parentId,
      secondFactor: origin.secondFactor,
      sessionStartedAt: origin.startedAt,
      tokenHash: refresh.hash,
      expiresAt: new Date(Math.min(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000, endsAt.getTime())),
    });
    const accessToken = await this.tokens.issueAccessToken(
      { userId: user.id, organizationId: user.organizationId, sessionId: familyId },
      endsAt,
    );
    const mfa = this.rules.mfaState(user.role, origin.secondFactor);
    return {
      accessToken,
      refreshToken: refresh.token,
      ...(mfa === 'enrollment_required' ? { mfa } : {}),
      ...(user.passwordChangeRequired ? { passwordChange: 'required' as const } : {}),
    };
  }

  async endFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
    ]);
  }

  /** A password change or reset, a second-factor reset, a role change and deactivation end every session of the user at once. */
  async endAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }
}
