import { navigate } from '../router';
import { capturedCount } from './capture-store';
import type { PhoneVault } from './phone-vault';

/**
 * Once DK is back (an unlock, or recovery after an online sign-in), records taken in capture-only
 * mode wait for her review (SPEC §12): the page goes to the review list when there are any.
 */
export async function reviewCapturedIfAny(vault: PhoneVault): Promise<void> {
  if (vault.unlocked && (await capturedCount(vault)) > 0) navigate('/captured');
}
