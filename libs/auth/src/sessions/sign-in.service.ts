import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { DEPLOYMENT_ORGANIZATION_ID } from '../audit/audit.entities';
import { AuthError, AuthErrorKind } from '../auth-errors';
import {
  hashRecoveryCode,
  normaliseRecoveryCode,
  verifyPassword,
  verifyPasswordAgainstDummy,
  verifyTotp,
} from '../authentication';
import { DeviceEntity } from '../devices/device.entity';
import { FieldEncryption } from '../crypto-store/field-encryption.service';
import { countFailedSignIn, updateSignInState } from '../users/sign-in-state';
import { UserEntity } from '../users/user.entity';
import { LoginFailureEntity, RecoveryCodeEntity, RefreshTokenEntity } from './session.entities';
import { SessionIssuer, TokenPair } from './session-issuer';
import { SessionRules } from './session-rules';
import { SignInDevices } from './sign-in-devices';
import { hashRefreshToken } from './token.service';

export const ADDRESS_BLOCK_FAILURES = 100;
export const ADDRESS_WINDOW_MINUTES = 15;
/** How long a rotated refresh token may still stand in for a response that was lost (SPEC §11). */
export const REFRESH_GRACE_SECONDS = 30;

export interface RefreshOptions {
  /**
   * Whether the client may have lost the answer to its last refresh and so present the rotated
   * token again: a browser, whose tabs share one cookie (SPEC §11), and later a phone bound to
   * the family (§12). Other clients keep the strict rule: any reuse revokes the family.
   */
  lostResponseGrace: boolean;
  /**
   * The phone presenting the token (SPEC §12). A phone family's token is accepted only with its
   * phone's id, and no other token with one; a revoked phone answers `device-revoked`.
   */
  deviceId?: string;
}

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
  /** The sign-in device cookie the client presented, if any (SignInDevices). */
  deviceCookie?: string;
  /** A phone set up for offline capture (SPEC §12): the session is bound to it, one family per phone. */
  deviceId?: string;
  address: string;
  requestId: string;
}

/** The session, and the sign-in device cookie the client should keep for this user. */
export interface SignInResult {
  tokens: TokenPair;
  deviceCookie: string;
}

/**
 * Which throttle an attempt answers to: with the nonce of a valid device cookie for the user, the
 * device's own counter and lock; without one, the account lock and the address limit.
 */
interface Throttle {
  device?: string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

const WRONG_CREDENTIALS = () => new AuthError('invalid-credentials', 'Wrong email or password.');

/**
 * Sign-in, refresh and sign-out. Failures are committed (counters, audit) before the error is
 * answered, so the work runs in a transaction that returns an outcome instead of throwing.
 * A locked, inactive or unknown account, or a locked device, answers exactly like a wrong
 * password, after the same argon2 work.
 */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionIssuer,
    private readonly sessionRules: SessionRules,
    private readonly devices: SignInDevices,
    private readonly encryption: FieldEncryption,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * The password is checked before the transaction: argon2 takes tens of milliseconds, and a
   * pooled connection holding the user's row lock that long would let parallel guesses stall
   * the API. The transaction then locks the row and re-reads its state before deciding.
   */
  async signIn(input: SignInInput): Promise<SignInResult> {
    const candidate = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ email: input.email.trim().toLowerCase() });
    const throttle: Throttle = {
      device: candidate ? this.devices.nonceFor(input.deviceCookie, candidate.id) : undefined,
    };
    const passwordMatches =
      candidate && this.usable(candidate, throttle)
        ? await verifyPassword(input.password, candidate.passwordHash)
        : await verifyPasswordAgainstDummy(input.password);
    return this.unwrap(
      await this.dataSource.transaction((manager) =>
        this.attempt(manager, input, throttle, candidate?.id, passwordMatches),
      ),
    );
  }

  /** The account lock holds only attempts without a device cookie; a device's own lock is checked in the transaction. */
  private usable(user: UserEntity, throttle: Throttle): boolean {
    return user.active && (throttle.device !== undefined || !(user.lockedUntil && user.lockedUntil > new Date()));
  }

  async refresh(refreshToken: string, requestId: string, options: RefreshOptions): Promise<TokenPair> {
    return this.unwrap(
      await this.dataSource.transaction((manager) => this.rotate(manager, refreshToken, requestId, options)),
    );
  }

  async signOut(
    familyId: string,
    actor: { id: string; role: string; organizationId: string },
    requestId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.endFamily(manager, familyId);
      await this.audit.record(manager, {
        organizationId: actor.organizationId,
        actor,
        action: 'logout',
        subject: 'Session',
        outcome: 'success',
        requestId,
      });
    });
  }

  private unwrap<T>(outcome: Outcome<T>): T {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private async attempt(
    manager: EntityManager,
    input: SignInInput,
    throttle: Throttle,
    userId: string | undefined,
    passwordMatches: boolean,
  ): Promise<Outcome<SignInResult>> {
    if (!throttle.device && (await this.addressBlocked(manager, input.address))) {
      await this.recordAttempt(manager, undefined, 'failure', input.requestId);
      return {
        ok: false,
        error: new AuthError('address-blocked', 'Too many failed sign-ins from this address. Try again later.'),
      };
    }

    const user = userId
      ? await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } })
      : null;
    const usable =
      user !== null &&
      this.usable(user, throttle) &&
      !(throttle.device && (await this.devices.isLocked(manager, throttle.device)));
    if (!usable || !passwordMatches)
      return this.fail(manager, usable ? user : undefined, input, throttle, WRONG_CREDENTIALS());

    // An enrolled user always proves her second factor; whether an unproved session may do more
    // than enrol is decided per request against her role then (SessionRules.mfaState).
    if (user.totpEnrolledAt && !(await this.secondFactorAccepted(manager, user, input))) {
      return this.fail(
        manager,
        user,
        input,
        throttle,
        new AuthError('mfa-required', 'Enter the 6-digit code from your authenticator app, or a recovery code.'),
      );
    }

    // The credentials were right: a phone that cannot take the session counts no failure.
    const phoneRefused = input.deviceId ? await this.sessions.bindablePhone(manager, user.id, input.deviceId) : null;
    if (phoneRefused) {
      await this.recordAttempt(manager, user, 'denied', input.requestId);
      return { ok: false, error: phoneRefused };
    }
    await this.resetThrottle(manager, user, throttle);
    await this.recordAttempt(manager, user, 'success', input.requestId);
    const tokens = await this.sessions.start(
      manager,
      user,
      user.totpEnrolledAt ? 'verified' : 'none',
      new Date(),
      input.deviceId ?? null,
    );
    return { ok: true, value: { tokens, deviceCookie: this.devices.cookieFor(user.id, throttle.device) } };
  }

  private async addressBlocked(manager: EntityManager, address: string): Promise<boolean> {
    const recentFailures = await manager
      .createQueryBuilder(LoginFailureEntity, 'failure')
      .where('failure.address = :address', { address })
      .andWhere(`failure.occurredAt > now() - make_interval(mins => :minutes)`, { minutes: ADDRESS_WINDOW_MINUTES })
      .getCount();
    return recentFailures >= ADDRESS_BLOCK_FAILURES;
  }

  /** A success starts again the count it was subject to, and only that one. */
  private async resetThrottle(manager: EntityManager, user: UserEntity, throttle: Throttle): Promise<void> {
    if (throttle.device) await this.devices.clear(manager, throttle.device);
    else await updateSignInState(manager, user.id, { failedLogins: 0, lockedUntil: null });
  }

  private async secondFactorAccepted(manager: EntityManager, user: UserEntity, input: SignInInput): Promise<boolean> {
    if (input.recoveryCode !== undefined) {
      if (normaliseRecoveryCode(input.recoveryCode) === null) return false;
      const used = await manager
        .createQueryBuilder()
        .update(RecoveryCodeEntity)
        .set({ usedAt: () => 'now()' })
        .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', {
          userId: user.id,
          hash: hashRecoveryCode(input.recoveryCode),
        })
        .execute();
      return (used.affected ?? 0) === 1;
    }
    if (input.totp === undefined || !user.totpSecret) return false;
    const secret = await this.totpSecret(manager, user);
    if (!secret) return false;
    const verdict = verifyTotp({
      secret,
      code: input.totp,
      now: new Date(),
      lastAcceptedStep: user.totpLastStep === null ? null : Number(user.totpLastStep),
    });
    if (!verdict.ok) return false;
    await updateSignInState(manager, user.id, { totpLastStep: String(verdict.step) });
    return true;
  }

  async totpSecret(manager: EntityManager, user: UserEntity): Promise<string | undefined> {
    const owner = { table: 'users', id: user.id };
    const dataKey = await this.encryption.dataKey(manager, owner);
    return dataKey && user.totpSecret
      ? this.encryption.decrypt(dataKey, { table: 'users', column: 'totp_secret', rowId: user.id }, user.totpSecret)
      : undefined;
  }

  /** A device's failures count on the device alone; without one, on the address and the account. */
  private async fail(
    manager: EntityManager,
    user: UserEntity | undefined,
    input: SignInInput,
    throttle: Throttle,
    error: AuthError,
  ): Promise<Outcome<SignInResult>> {
    if (throttle.device) {
      if (user) await this.devices.countFailure(manager, throttle.device, user.id);
    } else {
      await manager.insert(LoginFailureEntity, { address: input.address });
      if (user) await countFailedSignIn(manager, user);
    }
    await this.recordAttempt(manager, user, 'failure', input.requestId);
    return { ok: false, error };
  }

  private recordAttempt(
    manager: EntityManager,
    user: UserEntity | undefined,
    outcome: 'success' | 'failure' | 'denied',
    requestId: string,
  ) {
    return this.audit.record(manager, {
      organizationId: user?.organizationId ?? DEPLOYMENT_ORGANIZATION_ID,
      actor: user ? { id: user.id, role: user.role } : null,
      action: 'login',
      subject: 'Session',
      outcome,
      requestId,
    });
  }

  private async rotate(
    manager: EntityManager,
    refreshToken: string,
    requestId: string,
    options: RefreshOptions,
  ): Promise<Outcome<TokenPair>> {
    const refused = (kind: AuthErrorKind = 'unauthenticated') => ({
      ok: false as const,
      error: new AuthError(
        kind,
        kind === 'device-revoked'
          ? 'This phone was revoked. Wipe its store.'
          : 'The refresh token is not valid. Sign in again.',
      ),
    });
    const current = await manager
      .createQueryBuilder(RefreshTokenEntity, 'token')
      .setLock('pessimistic_write')
      .where('token.tokenHash = :hash', { hash: hashRefreshToken(refreshToken) })
      .getOne();
    if (!current) return refused();
    const user = await manager.findOneBy(UserEntity, { id: current.userId });
    if (!user) return refused();
    const audit = (outcome: 'success' | 'denied', action: string) =>
      this.audit.record(manager, {
        organizationId: user.organizationId,
        actor: { id: user.id, role: user.role },
        action,
        subject: 'Session',
        outcome,
        requestId,
      });

    // A phone's token travels only with its phone's id, and a phone's id only with its token.
    if (current.deviceId !== (options.deviceId ?? null)) return refused();
    if (current.deviceId) {
      const phone = await manager.findOneBy(DeviceEntity, { id: current.deviceId });
      if (!phone || phone.revokedAt) {
        await audit('denied', 'refresh_device_revoked');
        return refused('device-revoked');
      }
    }

    const now = new Date();
    const replacesLostResponse = await this.graceFor(manager, current, now, options);
    if (current.revokedAt || (current.rotatedAt && !replacesLostResponse)) {
      // A rotated token presented again means two holders: end the whole family.
      await this.sessions.endFamily(manager, current.familyId);
      await audit('denied', 'refresh_reuse');
      return refused();
    }
    if (current.expiresAt <= now || !user.active || this.sessionRules.endOf(current.sessionStartedAt, user.role) <= now)
      return refused();

    if (!replacesLostResponse) await manager.update(RefreshTokenEntity, { id: current.id }, { rotatedAt: now });
    // The session keeps what it proved and when it began: enrolling elsewhere does not upgrade a
    // session that only ever proved the password, and refreshing never extends its lifetime.
    const pair = await this.sessions.issue(
      manager,
      user,
      current.familyId,
      { secondFactor: current.secondFactor, startedAt: current.sessionStartedAt, deviceId: current.deviceId },
      current.id,
    );
    await audit('success', replacesLostResponse ? 'token_refresh_grace' : 'token_refresh');
    return { ok: true, value: pair };
  }

  /**
   * A token rotated less than REFRESH_GRACE_SECONDS ago whose successor was never used stands for
   * a lost response (or two tabs refreshing at once): it may mint a sibling in the same family,
   * and the unused successor is revoked so that the family keeps one live token. A successor
   * already used, or a later presentation, is reuse.
   */
  private async graceFor(
    manager: EntityManager,
    token: RefreshTokenEntity,
    now: Date,
    options: RefreshOptions,
  ): Promise<boolean> {
    if (!options.lostResponseGrace || token.revokedAt || !token.rotatedAt) return false;
    if (now.getTime() - token.rotatedAt.getTime() > REFRESH_GRACE_SECONDS * 1000) return false;
    const successor = await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where('parent_id = :parentId AND rotated_at IS NULL AND revoked_at IS NULL', { parentId: token.id })
      .execute();
    return (successor.affected ?? 0) > 0;
  }
}
