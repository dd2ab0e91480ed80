import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import { DataSource, In } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { checkPassword, hashPassword, verifyPassword } from '../authentication';
import { RequestAuth } from '../permissions/request-auth';
import { countFailedSignIn } from '../users/sign-in-state';
import { ResetNotice, UserEntity } from '../users/user.entity';
import { SessionIssuer, TokenPair } from './session-issuer';
import { MfaState } from './session-rules';

export interface Profile {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: string;
  groupIds: string[];
  regionIds: string[];
  mfa: MfaState;
  mfaEnrolled: boolean;
  passwordChange?: 'required';
  resetNotice?: {
    kind: ResetNotice['kind'];
    requestId: string;
    requestedBy: { id: string; name: string };
    /** Null when the deployment's operator approved. */
    approvedBy: { id: string; name: string } | null;
    at: string;
  };
}

/** The signed-in user's own account: their profile and their password. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionIssuer,
    private readonly audit: AuditWriter,
  ) {}

  async profile(auth: RequestAuth): Promise<Profile> {
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: auth.actor.userId });
    return {
      id: user.id,
      organizationId: user.organizationId,
      email: user.email,
      name: user.name,
      role: user.role,
      groupIds: auth.actor.memberGroupIds,
      regionIds: auth.actor.coordinatedRegionIds,
      mfa: auth.mfa,
      mfaEnrolled: user.totpEnrolledAt !== null,
      ...(user.passwordChangeRequired ? { passwordChange: 'required' as const } : {}),
      ...(user.resetNotice ? { resetNotice: await this.describe(user.resetNotice) } : {}),
    };
  }

  /** The reset notice stays until she acknowledges it, which she can only once she set her own password. */
  async acknowledgeResetNotice(auth: RequestAuth): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(UserEntity, {
        where: { id: auth.actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user.resetNotice) throw new DomainError('conflict', 'There is no reset notice to acknowledge.');
      await manager
        .createQueryBuilder()
        .update(UserEntity)
        .set({ resetNotice: null, version: () => 'version' })
        .where('id = :id', { id: user.id })
        .execute();
      await this.audit.record(manager, {
        ...this.event(auth, user, 'acknowledge_reset_notice', []),
        outcome: 'success',
      });
    });
  }

  private async describe(notice: ResetNotice): Promise<NonNullable<Profile['resetNotice']>> {
    const ids = [notice.requestedBy, ...(notice.approvedBy ? [notice.approvedBy] : [])];
    const people = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { id: In(ids) }, select: { id: true, name: true } });
    const person = (id: string) => ({ id, name: people.find((candidate) => candidate.id === id)?.name ?? '' });
    return {
      kind: notice.kind,
      requestId: notice.requestId,
      requestedBy: person(notice.requestedBy),
      approvedBy: notice.approvedBy ? person(notice.approvedBy) : null,
      at: notice.at,
    };
  }

  /** A new password ends every session, this one included, and starts a fresh one. */
  async changePassword(
    auth: RequestAuth,
    currentPassword: string,
    newPassword: string,
    deviceId?: string,
  ): Promise<TokenPair> {
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: auth.actor.userId });
    const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
    const matches = await verifyPassword(currentPassword, user.passwordHash);
    if (locked || !matches) {
      // A stolen access token must not become a way around the sign-in lockout.
      await this.dataSource.transaction(async (manager) => {
        const current = await manager.findOneOrFail(UserEntity, {
          where: { id: user.id },
          lock: { mode: 'pessimistic_write' },
        });
        await countFailedSignIn(manager, current);
        await this.audit.record(manager, {
          ...this.event(auth, user, 'password_change', ['password']),
          outcome: 'failure',
        });
      });
      throw new DomainError('validation-failed', 'The current password is wrong.', {
        errors: [{ field: 'currentPassword', message: 'is wrong' }],
      });
    }
    const problems = checkPassword(newPassword, { email: user.email, name: user.name });
    // A temporary password is known to the two administrators who each hold half of it: it cannot be kept.
    if (user.passwordChangeRequired && newPassword === currentPassword)
      problems.push('must differ from the temporary password');
    if (problems.length > 0)
      throw new DomainError('validation-failed', 'The new password does not meet the policy.', {
        errors: problems.map((message) => ({ field: 'newPassword', message })),
      });
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash, passwordChangeRequired: false });
      await this.sessions.endAllOf(manager, user.id);
      // A phone that cannot take the session refuses the whole change (SPEC §12): nothing is saved.
      const phoneRefused = deviceId ? await this.sessions.bindablePhone(manager, user.id, deviceId) : null;
      if (phoneRefused) throw phoneRefused;
      await this.audit.record(manager, {
        ...this.event(auth, user, 'password_change', ['password']),
        outcome: 'success',
      });
      // The new session keeps what the old one proved and when it began: a password change never extends a session.
      return this.sessions.start(
        manager,
        { ...user, passwordChangeRequired: false },
        auth.sessionOrigin.secondFactor,
        auth.sessionOrigin.startedAt,
        deviceId ?? null,
      );
    });
  }

  private event(auth: RequestAuth, user: UserEntity, action: string, fields: string[]) {
    return {
      organizationId: user.organizationId,
      actor: { id: user.id, role: user.role },
      action,
      subject: 'User',
      subjectId: user.id,
      fields,
      requestId: auth.requestId,
      clientRequestId: auth.clientRequestId,
    };
  }
}
