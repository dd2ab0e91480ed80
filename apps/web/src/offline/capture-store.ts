import type { PhoneVault } from './phone-vault';

/** What capture-only mode takes in (SPEC §12 "Capture only"). */
export type CaptureKind = 'intake' | 'follow-up' | 'activity';

/**
 * One record taken in while DK could not be had, sealed to the phone's public key at
 * `capture/<id>`: `draft` while its form is open (autosaved on each change), `done` once saved.
 * `note` is her own words for the case it belongs to (she cannot read the case list); `itemId` the
 * plan item an activity report is for, when she chose one. `form` is the form's own state.
 */
export interface Captured<Form = unknown> {
  id: string;
  kind: CaptureKind;
  state: 'draft' | 'done';
  note: string;
  itemId?: string;
  /** Absent while nothing was typed in the form itself (only her note). */
  form?: Form;
  /** Milliseconds since the epoch, the phone's clock. */
  savedAt: number;
}

export const CAPTURE_PREFIX = 'capture/';
export const captureName = (id: string) => `${CAPTURE_PREFIX}${id}`;

/** Sealed to the public half: works locked, and nothing of it can be read back before DK is recovered. */
export const keepCaptured = (vault: PhoneVault, captured: Captured): Promise<void> =>
  vault.keepForLater(captureName(captured.id), captured);

/** How many records wait for review: their names are ids, so counting needs no key. */
export const capturedCount = async (vault: PhoneVault): Promise<number> =>
  (await vault.namesForLater(CAPTURE_PREFIX)).length;

/** Every record taken in, oldest first; needs DK. */
export async function openCaptured(vault: PhoneVault): Promise<Captured[]> {
  const names = await vault.namesForLater(CAPTURE_PREFIX);
  const opened = await Promise.all(names.map((name) => vault.openForLater<Captured>(name)));
  return opened
    .filter((captured): captured is Captured => captured !== undefined)
    .sort((a, b) => a.savedAt - b.savedAt || a.id.localeCompare(b.id));
}

export const openOneCaptured = (vault: PhoneVault, id: string): Promise<Captured | undefined> =>
  vault.openForLater<Captured>(captureName(id));

/** Once the record is in the outbox (or she discarded it); needs DK. */
export const dropCaptured = (vault: PhoneVault, id: string): Promise<void> => vault.delete(captureName(id));
