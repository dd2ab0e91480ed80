import { NetworkFailure } from '../api/problem';
import { tokens } from './tokens';

export type PhoneStore = typeof import('../offline/phone-store');

/**
 * Where a screen reads (SPEC §12): a browser from the API alone. A phone-bound session reads the
 * API while it can, since only the API has what the phone does not keep (a case's history, the
 * directory): with no access token (an offline unlock) it reads the phone's store, and with one it
 * falls back to the store when the API is unreachable. The store's code is loaded on a phone only.
 */
export async function fromApiOrPhone<Read>(
  fromApi: () => Promise<Read>,
  fromPhone: (store: PhoneStore) => Promise<Read>,
): Promise<Read> {
  if (!tokens.phone()) return fromApi();
  const phone = async () => fromPhone(await import('../offline/phone-store'));
  if (!tokens.access()) return phone();
  try {
    return await fromApi();
  } catch (error) {
    if (error instanceof NetworkFailure) return phone();
    throw error;
  }
}
