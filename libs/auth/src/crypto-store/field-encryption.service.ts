import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pendamping/core';
import { EntityManager, In } from 'typeorm';
import {
  DataKeyOwner,
  decryptField,
  encryptField,
  FieldContext,
  generateDataKey,
  MasterKeyring,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../crypto';
import { DeviceEntity } from '../devices/device.entity';
import { DataKeyEntity } from './data-key.entity';

/**
 * Envelope encryption backed by the data_keys table. Modules declare a field identifying or
 * sensitive and call encrypt/decrypt here; none of them handles a key. A value of an owner
 * whose data key was destroyed reads as undefined: it is erased.
 */
@Injectable()
export class FieldEncryption {
  readonly keyring: MasterKeyring;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keyring = MasterKeyring.fromConfig(config.FIELD_ENCRYPTION_KEYS);
  }

  async ensureDataKey(manager: EntityManager, owner: DataKeyOwner, organizationId: string): Promise<Buffer> {
    const existing = await this.dataKey(manager, owner);
    if (existing) return existing;
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(this.keyring, dataKey, owner);
    await manager.insert(DataKeyEntity, {
      ownerTable: owner.table,
      ownerId: owner.id,
      organizationId,
      masterKeyId: wrapped.masterKeyId,
      wrappedKey: wrapped.wrapped,
    });
    return dataKey;
  }

  async dataKey(manager: EntityManager, owner: DataKeyOwner): Promise<Buffer | undefined> {
    const row = await manager.findOneBy(DataKeyEntity, { ownerTable: owner.table, ownerId: owner.id });
    return row
      ? unwrapDataKey(this.keyring, { masterKeyId: row.masterKeyId, wrapped: row.wrappedKey }, owner)
      : undefined;
  }

  /** The data keys of several owners of one table in one query, by owner id; a shredded owner is absent. */
  async dataKeys(manager: EntityManager, table: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
    if (ids.length === 0) return new Map();
    return this.unwrapDataKeys(
      table,
      await manager.findBy(DataKeyEntity, { ownerTable: table, ownerId: In([...new Set(ids)]) }),
    );
  }

  /** The data keys of owners of one table whose wrapped keys were read with them, by owner id. */
  unwrapDataKeys(table: string, rows: readonly DataKeyEntity[]): Map<string, Buffer> {
    return new Map(
      rows.map((row) => [
        row.ownerId,
        unwrapDataKey(
          this.keyring,
          { masterKeyId: row.masterKeyId, wrapped: row.wrappedKey },
          { table, id: row.ownerId },
        ),
      ]),
    );
  }

  /** `field` names the row that holds the value (a follow-up of a case binds the follow-up's id). */
  encrypt(dataKey: Buffer, field: FieldContext, plaintext: string): Buffer {
    return encryptField(dataKey, plaintext, field);
  }

  decrypt(dataKey: Buffer, field: FieldContext, ciphertext: Buffer): string {
    return decryptField(dataKey, ciphertext, field);
  }

  /** Crypto-shredding: every field encrypted under this owner's key becomes unreadable, in backups too. */
  async shred(manager: EntityManager, owner: DataKeyOwner): Promise<void> {
    await manager.delete(DataKeyEntity, { ownerTable: owner.table, ownerId: owner.id });
  }

  /**
   * After a new master key is put first in FIELD_ENCRYPTION_KEYS: rewraps every data key under it,
   * and every phone's wrapping key W (SPEC §12), so that the old master key can go.
   */
  async rewrapAll(manager: EntityManager, batchSize = 500): Promise<number> {
    return (await this.rewrapDataKeys(manager, batchSize)) + (await this.rewrapPhoneKeys(manager, batchSize));
  }

  /** A revoked phone has no W left to rewrap. */
  private async rewrapPhoneKeys(manager: EntityManager, batchSize: number): Promise<number> {
    let rewrapped = 0;
    for (;;) {
      const stale = await manager
        .createQueryBuilder(DeviceEntity, 'device')
        .where('device.wrappingKeyMasterKeyId <> :current', { current: this.keyring.currentKeyId })
        .orderBy('device.id')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .getMany();
      if (stale.length === 0) return rewrapped;
      for (const device of stale) {
        const next = rewrapDataKey(
          this.keyring,
          { masterKeyId: device.wrappingKeyMasterKeyId as string, wrapped: device.wrappingKey as Buffer },
          { table: 'devices', id: device.id },
        );
        await manager.update(
          DeviceEntity,
          { id: device.id },
          { wrappingKeyMasterKeyId: next.masterKeyId, wrappingKey: next.wrapped },
        );
      }
      rewrapped += stale.length;
    }
  }

  private async rewrapDataKeys(manager: EntityManager, batchSize: number): Promise<number> {
    let rewrapped = 0;
    for (;;) {
      const stale = await manager
        .createQueryBuilder(DataKeyEntity, 'key')
        .where('key.masterKeyId <> :current', { current: this.keyring.currentKeyId })
        .orderBy('key.ownerTable')
        .addOrderBy('key.ownerId')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .getMany();
      if (stale.length === 0) return rewrapped;
      for (const row of stale) {
        const owner = { table: row.ownerTable, id: row.ownerId };
        const next = rewrapDataKey(this.keyring, { masterKeyId: row.masterKeyId, wrapped: row.wrappedKey }, owner);
        await manager.update(
          DataKeyEntity,
          { ownerTable: row.ownerTable, ownerId: row.ownerId },
          { masterKeyId: next.masterKeyId, wrappedKey: next.wrapped },
        );
      }
      rewrapped += stale.length;
    }
  }
}
