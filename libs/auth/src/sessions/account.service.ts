import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { checkPassword, hashPassword, verifyPassword } from '../authentication';
import { RequestAuth } from '../permissions/request-auth';
import { countFailedSignIn } from '../users/sign-in-state';
import { UserEntity } from '../users/user.entity';
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
    };
  }

  /** A new password ends every session, this one included, and starts a fresh one. */
  async changePassword(auth: RequestAuth, currentPassword: string, newPassword: string): Promise<TokenPair> {
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: auth.actor.userId });
    const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
    const matches = await verifyPassword(currentPassword, user.passwordHash);
    if (locked || !matches) {
      // A stolen access token must not become a way around the sign-in lockout.
      await this.dataSource.transaction(async (manager) => {
        const current = await manager.findOneOrFail(UserEntity, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
        await countFailedSignIn(manager, current);
        await this.audit.record(manager, { ...this.event(auth, user), outcome: 'failure' });
      });
      throw new DomainError('validation-failed', 'The current password is wrong.', { errors: [{ field: 'currentPassword', message: 'is wrong' }] });
    }
    const problems = checkPassword(newPassword, { email: user.email, name: user.name });
    if (problems.length > 0) throw new DomainError('validation-failed', 'The new password does not meet the policy.', { errors: problems.map((message) => ({ field: 'newPassword', message })) });
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash });
      await this.sessions.endAllOf(manager, user.id);
      await this.audit.record(manager, { ...this.event(auth, user), outcome: 'success' });
      // The new session keeps what the old one proved and when it began: a password change never extends a session.
      return this.sessions.start(manager, user, auth.sessionOrigin.secondFactor, auth.sessionOrigin.startedAt);
    });
  }

  private event(auth: RequestAuth, user: UserEntity) {
    return {
      organizationId: user.organizationId,
      actor: { id: user.id, role: user.role },
      action: 'password_change',
      subject: 'User',
      subjectId: user.id,
      fields: ['password'],
      requestId: auth.requestId,
      clientRequestId: auth.clientRequestId,
    };
  }
}
