import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, Page } from '@pendamping/core';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { AuthError } from '../auth-errors';
import { FieldEncryption } from '../crypto-store/field-encryption.service';
import { DataKeyOwner, unwrapDataKey, wrapDataKey } from '../crypto';
import { PhoneOwner } from '../permissions/ability.factory';
import { RequestAuth } from '../permissions/request-auth';
import { eachRow, NOT_FOUND, ResourceSpec, ScopedResources } from '../permissions/scoped-resources';
import { SessionIssuer, TokenPair } from '../sessions/session-issuer';
import { hashRefreshToken } from '../sessions/token.service';
import { UserEntity } from '../users/user.entity';
import { DeviceEntity } from './device.entity';

/** SPEC §12: set-up and recovery need a password sign-in at most this long ago, not refreshed since. */
export const RECENT_SIGN_IN_MINUTES = 5;
/** W: 256 random bits, handed to the phone as base64url. */
const WRAPPING_KEY_BYTES = 32;

export type DeviceStatus = 'active' | 'revoked';

export interface RegisterDeviceInput {
  deviceId: string;
  label: string;
  sealingPublicKey: string;
}

/** What set-up and recovery answer: W, and the first tokens of a session bound to the phone. */
export type PhoneKeys = TokenPair & { deviceId: string; wrappingKey: string };

const ID_TAKEN = () =>
  new DomainError('id-taken', 'This phone id is already registered. A wiped phone makes a new id.');

const statusOf = (device: DeviceEntity): DeviceStatus => (device.revokedAt ? 'revoked' : 'active');

/** The phone's view: never W, wrapped or not; the sealing key is a public key. */
const DEVICE_SPEC: ResourceSpec<DeviceEntity> = {
  entity: DeviceEntity,
  subject: 'Device',
  record: (row) => ({ ...row, status: statusOf(row) }),
  views: eachRow((row: DeviceEntity) => ({
    id: row.id,
    userId: row.userId,
    label: row.label,
    sealingPublicKey: row.sealingPublicKey,
    status: statusOf(row),
    createdAt: row.createdAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  })),
};

/**
 * W is bound to its phone: a wrapped W copied onto another phone's row does not open there.
 * (FieldEncryption.rewrapAll names the same owner when the master key rotates.)
 */
const wrappingKeyOwner = (deviceId: string): DataKeyOwner => ({ table: 'devices', id: deviceId });

/**
 * Phones set up for offline capture (SPEC §12): set-up, recovery of W, the list, revocation and
 * the sessionless status. Who may do what is decided by the rules table ('Device'); the keys are
 * audited by name only, never by value.
 */
@Injectable()
export class DevicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly encryption: FieldEncryption,
    private readonly sessions: SessionIssuer,
    private readonly resources: ScopedResources,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Set-up. A new phone gets a new W; the same companion setting up her own active phone again
   * (an answer lost on the way) gets the same W back, so a phone that did keep it loses nothing.
   * An id another user registered, or a revoked one, is never taken again: 409 id-taken.
   */
  async register(auth: RequestAuth, input: RegisterDeviceInput): Promise<PhoneKeys> {
    const deviceId = input.deviceId.toLowerCase();
    const record = { id: deviceId, organizationId: auth.actor.organizationId, userId: auth.actor.userId };
    await this.resources.refuseForbidden(auth, 'Device', null, () => {
      if (!auth.ability.can('create', asSubject('Device', { ...record, status: 'active' } as Record<string, unknown>)))
        throw new AuthError('forbidden', 'Only a companion sets up her own phone for offline capture.');
    });
    return this.dataSource.transaction(async (manager) => {
      await this.requireRecentSignIn(manager, auth);
      const existing = await manager.findOne(DeviceEntity, {
        where: { id: deviceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && (existing.userId !== auth.actor.userId || existing.revokedAt)) throw ID_TAKEN();
      let wrappingKey: Buffer;
      if (existing) {
        wrappingKey = this.unwrap(existing);
        await manager.update(
          DeviceEntity,
          { id: deviceId },
          { label: input.label, sealingPublicKey: input.sealingPublicKey },
        );
      } else {
        wrappingKey = randomBytes(WRAPPING_KEY_BYTES);
        const wrapped = wrapDataKey(this.encryption.keyring, wrappingKey, wrappingKeyOwner(deviceId));
        // Two set-ups of one new id at once: the second waits for the first and takes nothing.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(DeviceEntity)
          .values({
            ...record,
            label: input.label,
            sealingPublicKey: input.sealingPublicKey,
            wrappingKeyMasterKeyId: wrapped.masterKeyId,
            wrappingKey: wrapped.wrapped,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        if ((inserted.raw as unknown[]).length !== 1) throw ID_TAKEN();
      }
      await this.event(manager, auth, existing ? 'device_setup_again' : 'device_setup', deviceId, [
        'label',
        'sealingPublicKey',
        'wrappingKey',
      ]);
      return this.handOver(manager, auth, deviceId, wrappingKey);
    });
  }

  /** Recovery after a forgotten PIN (SPEC §12): the owner only, under the 5-minute rule, never for a revoked phone. */
  async recoverWrappingKey(auth: RequestAuth, id: string): Promise<PhoneKeys> {
    const device = await this.resources.findVisible(this.dataSource.manager, DEVICE_SPEC, auth, id, 'recover');
    if (device.revokedAt) await this.refuseRevoked(auth, device, 'device_wrapping_key');
    return this.dataSource.transaction(async (manager) => {
      await this.requireRecentSignIn(manager, auth);
      const locked = await manager.findOneOrFail(DeviceEntity, {
        where: { id: device.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (locked.revokedAt)
        throw new AuthError('device-revoked', 'This phone was revoked. Wipe its store and set it up again.');
      await this.event(manager, auth, 'device_wrapping_key', device.id, ['wrappingKey']);
      return this.handOver(manager, auth, device.id, this.unwrap(locked));
    });
  }

  list(auth: RequestAuth, page: { cursor?: string; limit?: number }): Promise<Page<Record<string, unknown>>> {
    return this.resources.list(DEVICE_SPEC, auth, page);
  }

  /**
   * Revocation (SPEC §12): W is deleted, so the phone's copy of DK under W opens no more; the
   * phone's session ends; its refresh, recovery and status requests answer device-revoked. A
   * phone already revoked answers as it is.
   */
  async revoke(auth: RequestAuth, id: string): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
      const device = await this.resources.findVisible(manager, DEVICE_SPEC, auth, id, 'revoke');
      if (!device.revokedAt) {
        await revokeDevices(manager, this.sessions, { id: device.id });
        await this.event(manager, auth, 'device_revoke', device.id, ['revokedAt', 'wrappingKey']);
      }
      const current = await manager.findOneByOrFail(DeviceEntity, { id: device.id });
      return this.resources.presentOne(manager, DEVICE_SPEC, auth, current, 'answer-to-change');
    });
  }

  /** Sessionless (SPEC §12: the lock screen asks it): active or revoked, nothing else. An unknown id: 404. */
  async status(id: string): Promise<{ status: DeviceStatus }> {
    const device = await this.dataSource.getRepository(DeviceEntity).findOneBy({ id });
    if (!device) throw NOT_FOUND();
    return { status: statusOf(device) };
  }

  /**
   * The session moves onto the phone: the calling session (the browser's cookie family, or the
   * sign-in used for recovery) ends, so does the phone's earlier family, and a new family bound
   * to the phone keeps what the sign-in proved and when it happened.
   */
  private async handOver(
    manager: EntityManager,
    auth: RequestAuth,
    deviceId: string,
    wrappingKey: Buffer,
  ): Promise<PhoneKeys> {
    await this.sessions.endFamily(manager, auth.sessionId);
    await this.sessions.endPhoneFamilies(manager, deviceId);
    const user = await manager.findOneByOrFail(UserEntity, { id: auth.actor.userId });
    const tokens = await this.sessions.start(
      manager,
      user,
      auth.sessionOrigin.secondFactor,
      auth.sessionOrigin.startedAt,
      deviceId,
    );
    const answer = { ...tokens, deviceId, wrappingKey: wrappingKey.toString('base64url') };
    wrappingKey.fill(0);
    return answer;
  }

  /**
   * SPEC §12's 5-minute rule: the session's password sign-in at most RECENT_SIGN_IN_MINUTES ago
   * and its family never refreshed (no token of it rotated). A password change keeps the
   * sign-in's time, so it does not renew the rule; a TOTP enrolment starts a new sign-in.
   */
  private async requireRecentSignIn(manager: EntityManager, auth: RequestAuth): Promise<void> {
    const [family] = (await manager.query(
      `SELECT min(session_started_at) > now() - make_interval(mins => $2) AS recent,
              bool_or(rotated_at IS NOT NULL) AS refreshed
         FROM refresh_tokens WHERE family_id = $1`,
      [auth.sessionId, RECENT_SIGN_IN_MINUTES],
    )) as { recent: boolean | null; refreshed: boolean | null }[];
    if (!family?.recent || family.refreshed !== false)
      throw new AuthError(
        'recent-sign-in-required',
        `Sign in with your password again: this needs a sign-in of the last ${RECENT_SIGN_IN_MINUTES} minutes.`,
      );
  }

  private unwrap(device: DeviceEntity): Buffer {
    if (!device.wrappingKey || !device.wrappingKeyMasterKeyId)
      throw new AuthError('device-revoked', 'This phone was revoked. Wipe its store and set it up again.');
    return unwrapDataKey(
      this.encryption.keyring,
      { masterKeyId: device.wrappingKeyMasterKeyId, wrapped: device.wrappingKey },
      wrappingKeyOwner(device.id),
    );
  }

  /** A revoked phone asking for W is refused, and the refusal is recorded. */
  private async refuseRevoked(auth: RequestAuth, device: DeviceEntity, action: string): Promise<never> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, this.eventInput(auth, action, device.id, ['wrappingKey'], 'denied')),
    );
    throw new AuthError('device-revoked', 'This phone was revoked. Wipe its store and set it up again.');
  }

  private event(manager: EntityManager, auth: RequestAuth, action: string, id: string, fields: string[]) {
    return this.audit.record(manager, this.eventInput(auth, action, id, fields, 'success'));
  }

  private eventInput(auth: RequestAuth, action: string, id: string, fields: string[], outcome: 'success' | 'denied') {
    return {
      organizationId: auth.actor.organizationId,
      actor: { id: auth.actor.userId, role: auth.actor.role },
      action,
      subject: 'Device',
      subjectId: id,
      fields,
      outcome,
      requestId: auth.requestId,
      clientRequestId: auth.clientRequestId,
    };
  }
}

/**
 * Revokes phones (one, or all of a user's): W deleted, revoked_at set, their sessions ended. Used
 * by revocation and by the deactivation of a user (SPEC §12), in the caller's transaction.
 * Returns the ids revoked.
 */
export async function revokeDevices(
  manager: EntityManager,
  sessions: SessionIssuer,
  which: { id: string } | { userId: string },
): Promise<string[]> {
  const [column, value] = 'id' in which ? ['id', which.id] : ['user_id', which.userId];
  const [rows] = (await manager.query(
    `UPDATE devices SET revoked_at = now(), wrapping_key = NULL, wrapping_key_master_key_id = NULL
      WHERE ${column} = $1 AND revoked_at IS NULL RETURNING id`,
    [value],
  )) as [{ id: string }[], number];
  for (const row of rows) await sessions.endPhoneFamilies(manager, row.id);
  return rows.map((row) => row.id);
}

/**
 * The phone the session is bound to has synced (SPEC §12: the phones screen shows its last sync,
 * since what it has not sent since is lost if it is revoked). Called by the sync in the
 * transaction of its audit event, so the time shown is that of a sync of record. A session bound
 * to no phone (a browser) marks nothing.
 */
export async function markPhoneSynced(manager: EntityManager, auth: RequestAuth): Promise<void> {
  await manager.query(
    `UPDATE devices SET last_sync_at = now()
      WHERE id IN (SELECT device_id FROM refresh_tokens WHERE family_id = $1)
        AND user_id = $2 AND revoked_at IS NULL`,
    [auth.sessionId, auth.actor.userId],
  );
}

/**
 * A revoked phone's last reads (SPEC §12 "Resets, role changes, revocation") are authenticated by
 * the refresh token it presented and was answered `device-revoked`: accepted only while the phone
 * is revoked, only for the latest token issued to the phone (its current family's current token),
 * unexpired, and only once: the token is consumed (`rotated_at` set, as for a token exchanged for
 * its successor), in the caller's transaction, so a request that fails later consumes nothing.
 * Any other token, phone or state gives undefined, whatever the reason. The owner is named with
 * her role as it is now, for her audit events and the rules that say which reads are recorded.
 */
export async function consumeRevokedPhoneToken(
  manager: EntityManager,
  deviceId: string,
  refreshToken: string,
): Promise<PhoneOwner | undefined> {
  const [rows] = (await manager.query(
    `UPDATE refresh_tokens t SET rotated_at = now()
       FROM devices d, users u
      WHERE t.token_hash = $2 AND t.device_id = $1::uuid
        AND d.id = t.device_id AND d.revoked_at IS NOT NULL AND d.user_id = t.user_id
        AND u.id = t.user_id
        AND t.rotated_at IS NULL AND t.expires_at > now()
        AND t.id = (SELECT latest.id FROM refresh_tokens latest WHERE latest.device_id = $1::uuid
                     ORDER BY latest.created_at DESC, latest.id DESC LIMIT 1)
      RETURNING u.id AS "userId", u.organization_id AS "organizationId", u.role`,
    [deviceId, hashRefreshToken(refreshToken)],
  )) as [PhoneOwner[], number];
  return rows[0];
}
