import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@pendamping/core';
import { EntityManager } from 'typeorm';
import { AuthError } from '../auth-errors';
import { DeviceEntity } from '../devices/device.entity';
import type { Role } from '../users/roles';
import { RefreshTokenEntity } from './session.entities';
import { SecondFactor, SessionOrigin, SessionRules } from './session-rules';
import { REFRESH_TOKEN_TTL_SECONDS, TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** The session's absolute end (ISO 8601): a phone's offline window closes then (SPEC §12). */
  sessionEndsAt: string;
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

  /**
   * With a `deviceId`, the new family is bound to that phone: the caller checked it with
   * `bindablePhone`, which also ended the phone's earlier family (one family per phone).
   */
  async start(
    manager: EntityManager,
    user: SessionUser,
    secondFactor: SecondFactor,
    startedAt = new Date(),
    deviceId: string | null = null,
  ): Promise<TokenPair> {
    return this.issue(manager, user, randomUUID(), { secondFactor, startedAt, deviceId });
  }

  /**
   * Whether a session of this user may be bound to the phone (SPEC §12): hers, registered and not
   * revoked. A phone of hers that was revoked answers `device-revoked`, any other id `not-found`.
   * A phone keeps one family: its earlier one ends here, in the caller's transaction.
   */
  async bindablePhone(manager: EntityManager, userId: string, deviceId: string): Promise<DomainError | null> {
    const phone = await manager.findOne(DeviceEntity, {
      where: { id: deviceId, userId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!phone) return new DomainError('not-found', 'No phone of yours has this id. Set it up with POST /devices.');
    if (phone.revokedAt)
      return new AuthError('device-revoked', 'This phone was revoked. Wipe its store and set it up again.');
    await this.endPhoneFamilies(manager, deviceId);
    return null;
  }

  async endPhoneFamilies(manager: EntityManager, deviceId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL`, [
      deviceId,
    ]);
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
      deviceId: origin.deviceId ?? null,
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
      sessionEndsAt: endsAt.toISOString(),
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
