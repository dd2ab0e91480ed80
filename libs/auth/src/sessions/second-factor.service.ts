import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, totpUri, verifyTotp } from '../authentication';
import { FieldEncryption } from '../crypto-store/field-encryption.service';
import { RequestAuth } from '../permissions/request-auth';
import { updateSignInState } from '../users/sign-in-state';
import { UserEntity } from '../users/user.entity';
import { RecoveryCodeEntity } from './session.entities';
import { SessionIssuer, TokenPair } from './session-issuer';
import { SignInService } from './sign-in.service';

export const TOTP_ISSUER = 'Pendamping';

/** TOTP enrolment (SPEC §8): a secret kept encrypted, a verified first code, ten recovery codes. */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly encryption: FieldEncryption,
    private readonly sessions: SessionIssuer,
    private readonly signIn: SignInService,
    private readonly audit: AuditWriter,
  ) {}

  async enroll(auth: RequestAuth): Promise<{ secret: string; otpauthUrl: string }> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(UserEntity, {
        where: { id: auth.actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (user.totpEnrolledAt)
        throw new DomainError('conflict', 'A second factor is already set up. An administrator can reset it.');
      const owner = { table: 'users', id: user.id };
      const dataKey = await this.encryption.ensureDataKey(manager, owner, user.organizationId);
      const secret = generateTotpSecret();
      await updateSignInState(manager, user.id, {
        totpSecret: this.encryption.encrypt(dataKey, { table: 'users', column: 'totp_secret', rowId: user.id }, secret),
        totpLastStep: null,
      });
      await this.audit.record(manager, this.event(auth, 'totp_enroll', 'success'));
      return { secret, otpauthUrl: totpUri({ secret, accountName: user.email, issuer: TOTP_ISSUER }) };
    });
  }

  /** The first code proves the app holds the secret; its step is then spent, like any other. */
  async verify(auth: RequestAuth, code: string, deviceId?: string): Promise<TokenPair & { recoveryCodes: string[] }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(UserEntity, {
        where: { id: auth.actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (user.totpEnrolledAt) return { error: new DomainError('conflict', 'The second factor is already set up.') };
      const secret = await this.signIn.totpSecret(manager, user);
      if (!secret) return { error: new DomainError('conflict', 'Start with POST /api/v1/auth/totp/enroll.') };
      const verdict = verifyTotp({
        secret,
        code,
        now: new Date(),
        lastAcceptedStep: user.totpLastStep === null ? null : Number(user.totpLastStep),
      });
      if (!verdict.ok) {
        await this.audit.record(manager, this.event(auth, 'totp_verify', 'failure'));
        return {
          error: new DomainError(
            'business-rule',
            'The code does not match. Check the time on your phone and try the next code.',
          ),
        };
      }
      const recoveryCodes = generateRecoveryCodes();
      await updateSignInState(manager, user.id, { totpEnrolledAt: new Date(), totpLastStep: String(verdict.step) });
      await manager.delete(RecoveryCodeEntity, { userId: user.id });
      await manager.insert(
        RecoveryCodeEntity,
        recoveryCodes.map((recovery) => ({ userId: user.id, codeHash: hashRecoveryCode(recovery), usedAt: null })),
      );
      // Every session of the user ends, above all other password-only ones.
      await this.sessions.endAllOf(manager, user.id);
      // A phone that cannot take the session refuses the enrolment as a whole (SPEC §12): nothing is saved.
      const phoneRefused = deviceId ? await this.sessions.bindablePhone(manager, user.id, deviceId) : null;
      if (phoneRefused) throw phoneRefused;
      await this.audit.record(manager, this.event(auth, 'totp_verify', 'success'));
      const tokens = await this.sessions.start(manager, user, 'verified', new Date(), deviceId ?? null);
      return { value: { ...tokens, recoveryCodes } };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  private event(auth: RequestAuth, action: string, outcome: 'success' | 'failure') {
    return {
      organizationId: auth.actor.organizationId,
      actor: { id: auth.actor.userId, role: auth.actor.role },
      action,
      subject: 'User',
      subjectId: auth.actor.userId,
      outcome,
      requestId: auth.requestId,
      clientRequestId: auth.clientRequestId,
    } as const;
  }
}
