import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import { tokens } from '../session/tokens';
import { fieldsOpened } from './device-read-fields';
import {
  asSent,
  DEVICE_READ_PREFIX,
  type LoggedRead,
  REFUSED_READ_PREFIX,
  type ReadsAnswer,
  type SentRead,
  sendSplittingRefused,
} from './device-read-sending';
import { openVault } from './open-vault';
import type { PhoneVault } from './phone-vault';

/**
 * Device reads (SPEC §12 "Sync"): opening a case's identifying or sensitive fields from the phone's
 * store is logged there, sealed under DK, and sent with the next sync (`POST /sync/reads`). Best
 * effort: a phone that never returns, or is wiped first, takes its unsent log with it.
 */

/** The most reads one request may carry (the server's `MAX_DEVICE_READS`). */
const READS_PER_REQUEST = 500;
/** A weak signal can swallow a request unanswered: the sync's reads wait no longer than the outbox's records. */
const SEND_TIMEOUT_MS = 30_000;
/** Before a sign-out or a revocation's wipe: the log is best effort, the wipe is not, so it waits this long at most. */
const BEFORE_WIPE_MS = 5_000;
/** One tab sends at a time, so two tabs never send the same reads twice. */
const LOCK = 'pendamping-device-reads';

/**
 * Logs a case opened from the store, before it is shown: no log, no read. A case holding none of
 * the audited fields logs nothing, as the server records no read of it.
 */
export async function logDeviceRead(
  vault: PhoneVault,
  caseId: string,
  synced: Parameters<typeof fieldsOpened>[0],
): Promise<void> {
  const fields = fieldsOpened(synced);
  if (fields.length === 0) return;
  const read: LoggedRead = { caseId, fields, at: new Date().toISOString() };
  await vault.put(DEVICE_READ_PREFIX + crypto.randomUUID(), read);
}

interface Logged {
  name: string;
  read: LoggedRead;
}

/** The logged reads under `names`, unsealed: a name deleted meanwhile (another tab sent it) is skipped. */
async function readsNamed(vault: PhoneVault, names: string[]): Promise<Logged[]> {
  const reads = await Promise.all(names.map((name) => vault.get<LoggedRead>(name)));
  return names.flatMap((name, index) => {
    const read = reads[index];
    return read === undefined ? [] : [{ name, read }];
  });
}

/** A read the server will not take: kept sealed under another name, so that it holds up no later read. */
async function setAside(vault: PhoneVault, { name, read }: Logged): Promise<void> {
  await vault.put(REFUSED_READ_PREFIX + name.slice(DEVICE_READ_PREFIX.length), read);
  await vault.delete(name);
}

/** 2xx: recorded; 400 `validation-failed`: refused; anything else throws, and the reads wait. */
async function postReads(reads: readonly SentRead[], timeoutMs: number): Promise<ReadsAnswer> {
  const { response, error } = await api.POST('/api/v1/sync/reads', {
    body: { reads: [...reads] },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.ok) return 'recorded';
  const problem = ApiProblem.from(response.status, error);
  if (problem.status === 400 && problem.kind === 'validation-failed') return 'refused';
  throw problem;
}

/**
 * Sends every logged read, in requests of at most 500, each with the id of its name, and deletes
 * a request's reads once the server answered 2xx. A request the server refuses (400) is split
 * until the refused reads are found; those are set aside, so a read the server will never take
 * does not hold up the others forever. Any other failure (no signal, a 401, a 5xx) keeps the
 * reads for the next sync, and throws.
 */
export function sendDeviceReads(vault: PhoneVault, timeoutMs = SEND_TIMEOUT_MS): Promise<void> {
  const send = async () => {
    const names = await vault.names(DEVICE_READ_PREFIX);
    for (let start = 0; start < names.length; start += READS_PER_REQUEST) {
      const sendable: { logged: Logged; sent: SentRead }[] = [];
      for (const logged of await readsNamed(vault, names.slice(start, start + READS_PER_REQUEST))) {
        const sent = asSent(logged.name, logged.read);
        if (sent) sendable.push({ logged, sent });
        else await setAside(vault, logged);
      }
      await sendSplittingRefused(
        sendable,
        (part) =>
          postReads(
            part.map(({ sent }) => sent),
            timeoutMs,
          ),
        async (part, answer) => {
          for (const { logged } of part)
            if (answer === 'recorded') await vault.delete(logged.name);
            else await setAside(vault, logged);
        },
      );
    }
  };
  return navigator.locks ? navigator.locks.request(LOCK, send) : send();
}

/**
 * Before this phone's store is wiped on purpose (sign-out, her revoking this very phone, a role that
 * no longer works offline), while the session still lives: its pending reads, for a few seconds at most. A locked page, or one with no
 * access token, has nothing it could send them with.
 */
export async function sendReadsBeforeWipe(): Promise<void> {
  const vault = openVault();
  if (!vault || !tokens.access()) return;
  await Promise.race([
    sendDeviceReads(vault, BEFORE_WIPE_MS).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, BEFORE_WIPE_MS)),
  ]);
}

/**
 * A phone answered `device-revoked` by a refresh while unlocked (SPEC §12 "Resets, role changes,
 * revocation"): its session is gone, so its last reads go with the refresh token it just presented
 * (`POST /devices/:id/final-reads`, which takes that token once), before the store is wiped. At most
 * one request's worth (500) and a few seconds: the wipe does not wait on a weak signal. Nothing is
 * deleted, since the wipe follows; no Web Lock, since the token is taken once whichever tab sends.
 */
export async function sendReadsOfRevokedPhone(vault: PhoneVault, deviceId: string, refreshToken: string) {
  if (!vault.unlocked) return;
  try {
    const logged = await readsNamed(vault, (await vault.names(DEVICE_READ_PREFIX)).slice(0, READS_PER_REQUEST));
    const reads = logged.flatMap(({ name, read }) => asSent(name, read) ?? []);
    if (reads.length === 0) return;
    await api.POST('/api/v1/devices/{id}/final-reads', {
      params: { path: { id: deviceId } },
      body: { refreshToken, reads },
      signal: AbortSignal.timeout(BEFORE_WIPE_MS),
    });
  } catch {
    // Best effort: no signal, a timeout or a refusal loses the log with the store, as SPEC §12 allows.
  }
}
