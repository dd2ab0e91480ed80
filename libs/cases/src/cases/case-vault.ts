import { Injectable } from '@nestjs/common';
import { DataKeyEntity, FieldEncryption } from '@pendamping/auth';
import { EntityManager } from 'typeorm';

/** Where a sealed value sits: the table and row that hold it, and its field. */
export interface SealedPlace {
  table: string;
  rowId: string;
  field: string;
}

const CASES_TABLE = 'cases';

/**
 * Every identifying or sensitive value of a case (its own fields, its perpetrators, history,
 * referrals and follow-ups) is sealed under the case's data key: shredding that one key erases
 * the case everywhere, backups included.
 */
@Injectable()
export class CaseVault {
  constructor(private readonly encryption: FieldEncryption) {}

  keyFor(manager: EntityManager, caseId: string, organizationId: string): Promise<Buffer> {
    return this.encryption.ensureDataKey(manager, { table: CASES_TABLE, id: caseId }, organizationId);
  }

  keysFor(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, Buffer>> {
    return this.encryption.dataKeys(manager, CASES_TABLE, caseIds);
  }

  /** The keys of cases whose wrapped keys were read in the same statement as the cases. */
  keysOf(wrapped: readonly DataKeyEntity[]): Map<string, Buffer> {
    return this.encryption.unwrapDataKeys(CASES_TABLE, wrapped);
  }

  seal(key: Buffer, place: SealedPlace, value: string | null): Buffer | null {
    return value === null
      ? null
      : this.encryption.encrypt(key, { table: place.table, column: place.field, rowId: place.rowId }, value);
  }

  /** undefined when the case's key was shredded: the value is erased, not empty. */
  open(key: Buffer | undefined, place: SealedPlace, sealed: Buffer | null): string | null | undefined {
    if (sealed === null) return null;
    if (!key) return undefined;
    return this.encryption.decrypt(key, { table: place.table, column: place.field, rowId: place.rowId }, sealed);
  }
}
