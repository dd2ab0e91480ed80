import type { PhoneVault } from './phone-vault';

/**
 * The vault this page unlocked, for what reads or queues on the phone (the synced cases, the
 * outbox): set once the phone-bound session is open (set-up, PIN unlock, recovery). A locked vault
 * (DK dropped) is no longer handed out.
 */
let opened: PhoneVault | undefined;
const listeners = new Set<(vault: PhoneVault) => void>();

export function vaultOpened(vault: PhoneVault): void {
  opened = vault;
  for (const listener of listeners) listener(vault);
}

export const openVault = (): PhoneVault | undefined => (opened?.unlocked ? opened : undefined);

/** Runs `listener` with the vault now if it is open, and at every later opening; returns the unsubscribe. */
export function whenVaultOpens(listener: (vault: PhoneVault) => void): () => void {
  listeners.add(listener);
  const vault = openVault();
  if (vault) listener(vault);
  return () => void listeners.delete(listener);
}
