/**
 * Whether the browser keeps this origin's storage when the phone runs short of space (SPEC §12):
 * `granted` (persistent), `refused` (best effort: the browser may clear it), `unavailable` (the
 * browser has no such choice, or not in this context).
 */
export type StorageKeeping = 'granted' | 'refused' | 'unavailable';

let asked: Promise<StorageKeeping> | undefined;

/**
 * Asks the browser, once per page, to keep the storage of a companion's phone: her store and the
 * service worker's precache live there. Chromium answers without a prompt, granting it to a site
 * it counts as engaged (installed from its manifest, bookmarked, often visited) and refusing it
 * otherwise; an answer already granted is kept.
 */
export function keepStorage(): Promise<StorageKeeping> {
  return (asked ??= ask());
}

async function ask(): Promise<StorageKeeping> {
  if (!('storage' in navigator) || !('persist' in navigator.storage)) return 'unavailable';
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist()) ? 'granted' : 'refused';
  } catch {
    return 'unavailable';
  }
}
