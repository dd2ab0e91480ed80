import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { type Argon2Params } from './argon2-params';
import { PHONE_DB } from './phone-db-name';
import type { OfflineWindow } from './offline-window';
import { type Sealed } from './sealed-value';

/**
 * The phone's store (SPEC §12), one IndexedDB database in three object stores:
 * - `keys`: what unlocking needs before DK is had: the two wrapped copies of DK, the PIN salt and
 *   Argon2 parameters, the wrong-PIN count, the device id and the sealing public key (all either
 *   sealed or free of anything about a person or a case);
 * - `sealed`: every other value, sealed under DK, under a key the caller chooses that must never
 *   hold an identifying value (a record's id, never a name);
 * - `forms`: the only things kept outside DK, what forms need in capture-only mode and what reveals
 *   no case (code lists, villages, groups, plan items' ids and titles).
 * No index anywhere: an index would hold values in clear.
 */
export { PHONE_DB };
const VERSION = 1;

export interface PinCopy extends Sealed {
  salt: Uint8Array<ArrayBuffer>;
  params: Argon2Params;
}

export interface KeyRecords {
  'device-id': string;
  'dk-by-pin': PinCopy;
  'dk-by-w': Sealed;
  'sealing-private': Sealed;
  'sealing-public': Uint8Array<ArrayBuffer>;
  'wrong-pins': number;
  /** Times of the phone's clock, nothing about a person: read before DK is had, to refuse an unlock. */
  'offline-window': OfflineWindow;
}

export type KeyName = keyof KeyRecords;

/** A plan item as the phone keeps it outside DK: ids and its title, what the activity report form needs. */
export interface PlanItemTitle {
  id: string;
  planId: string;
  title: string;
}

/** What may lie outside DK, by name: nothing else can be written there. */
export interface FormLists {
  'code-lists': unknown;
  villages: unknown;
  groups: unknown;
  'plan-items': PlanItemTitle[];
}

export type FormListName = keyof FormLists;

export interface PhoneSchema extends DBSchema {
  keys: { key: KeyName; value: KeyRecords[KeyName] };
  sealed: { key: string; value: Sealed };
  forms: { key: FormListName; value: FormLists[FormListName] };
}

export type PhoneDb = IDBPDatabase<PhoneSchema>;

/** Set while this page deletes the database: its own connections close then, but the page stays for the wipe's caller. */
let deletingHere = false;

export interface ClosingHandlers {
  /** Drops what the connection's holder decrypted. */
  onClosing(): void;
  /** Another tab wiped the phone (or a newer version of the app upgrades its store): this page must go too. */
  onWipedElsewhere(): void;
}

/**
 * When another tab deletes the database (a wipe), this connection closes at once so the wipe is
 * not blocked, and its holder drops what it decrypted and leaves.
 */
export const openPhoneDb = ({ onClosing, onWipedElsewhere }: ClosingHandlers): Promise<PhoneDb> =>
  openDB<PhoneSchema>(PHONE_DB, VERSION, {
    upgrade(db) {
      db.createObjectStore('keys');
      db.createObjectStore('sealed');
      db.createObjectStore('forms');
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      onClosing();
      if (!deletingHere) onWipedElsewhere();
    },
  });

/** Everything the store holds, cleared in one transaction: without the wrapped copies of DK no sealed value opens. */
export async function clearPhoneDb(db: PhoneDb): Promise<void> {
  const transaction = db.transaction(['keys', 'sealed', 'forms'], 'readwrite');
  await Promise.all([
    transaction.objectStore('keys').clear(),
    transaction.objectStore('sealed').clear(),
    transaction.objectStore('forms').clear(),
    transaction.done,
  ]);
}

/**
 * The whole database goes, not only its contents: nothing is left for a later reader. A tab that
 * cannot let go of its connection (frozen, it runs no script until it resumes) blocks the deletion;
 * it then stays queued, outlives this page, and completes once that tab resumes (and closes its
 * connection) or is closed. A blocked deletion resolves at once: the wipe cleared the contents
 * before, so nothing readable is left waiting, and this page need not wait on a frozen one. A store
 * opened meanwhile, by the next page, waits behind the deletion and then opens empty.
 */
export function deletePhoneDb(): Promise<void> {
  deletingHere = true;
  return new Promise((resolve, reject) => {
    deleteDB(PHONE_DB, { blocked: () => resolve() })
      .then(resolve, reject)
      .finally(() => {
        deletingHere = false;
      });
  });
}

export async function readKey<Name extends KeyName>(db: PhoneDb, name: Name): Promise<KeyRecords[Name] | undefined> {
  return (await db.get('keys', name)) as KeyRecords[Name] | undefined;
}
