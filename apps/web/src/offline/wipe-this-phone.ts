import { phoneWiped } from '../session/session';

async function wipe(): Promise<void> {
  const { PhoneVault } = await import('./phone-vault');
  await (await PhoneVault.open(phoneWiped)).wipe();
}

/**
 * This very phone revoked from its own phones list (SPEC §12): revoked means wiped, so its store
 * goes now rather than at its next renewal or lock, and a fresh page starts from the sign-in. The
 * store's code loads only now.
 */
export async function wipeThisPhone(): Promise<void> {
  // Should the wipe fail, the fresh page still comes: its lock screen asks the phone's status,
  // finds it revoked and wipes it there.
  await wipe().catch(() => undefined);
  phoneWiped();
}
