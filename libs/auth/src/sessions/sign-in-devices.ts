import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import { EntityManager } from 'typeorm';
import { SignInDeviceEntity } from './session.entities';

export const DEVICE_LOCK_FAILURES = 10;
export const DEVICE_LOCK_MINUTES = 15;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NONCE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Sign-in device cookies (SPEC §8, OWASP "Slow down online guessing attacks with device
 * cookies"): `userId.nonce.mac`, the MAC an HMAC-SHA256 under SIGN_IN_DEVICE_KEY. The cookie
 * names the user by id, not by email, so it carries nothing identifying. A cookie that does not
 * verify, or that was issued to another user, counts as no cookie at all.
 */
@Injectable()
export class SignInDevices {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(config.SIGN_IN_DEVICE_KEY, 'base64');
  }

  /** The nonce of a cookie this server issued to this user, or undefined. */
  nonceFor(cookie: string | undefined, userId: string): string | undefined {
    const [owner, nonce, mac, ...rest] = (cookie ?? '').split('.');
    if (rest.length > 0 || owner !== userId || !UUID.test(owner) || !NONCE.test(nonce ?? '') || mac === undefined)
      return undefined;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(owner, nonce);
    return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : undefined;
  }

  /** The cookie for a user: the same device keeps its nonce, a new one gets a fresh nonce. */
  cookieFor(userId: string, nonce: string = randomBytes(16).toString('base64url')): string {
    return `${userId}.${nonce}.${this.mac(userId, nonce).toString('base64url')}`;
  }

  async isLocked(manager: EntityManager, nonce: string): Promise<boolean> {
    const device = await manager.findOneBy(SignInDeviceEntity, { nonce });
    return device?.lockedUntil != null && device.lockedUntil > new Date();
  }

  /** Counts a failure of this device; the tenth in a row locks it, as the account lock does. */
  async countFailure(manager: EntityManager, nonce: string, userId: string): Promise<void> {
    await manager.query(
      `INSERT INTO sign_in_devices AS d (nonce, user_id, failed_attempts) VALUES ($1, $2, 1)
       ON CONFLICT (nonce) DO UPDATE
          SET failed_attempts = CASE WHEN d.failed_attempts + 1 >= $3 THEN 0 ELSE d.failed_attempts + 1 END,
              locked_until = CASE WHEN d.failed_attempts + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE d.locked_until END`,
      [nonce, userId, DEVICE_LOCK_FAILURES, DEVICE_LOCK_MINUTES],
    );
  }

  /** A success on the device starts its count again. */
  async clear(manager: EntityManager, nonce: string): Promise<void> {
    await manager.delete(SignInDeviceEntity, { nonce });
  }

  private mac(userId: string, nonce: string): Buffer {
    return createHmac('sha256', this.key).update(`pendamping-sign-in-device\n${userId}\n${nonce}`).digest();
  }
}
