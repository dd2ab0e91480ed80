import { openVault } from './open-vault';
import { Outbox } from './outbox';
import { deliverNow } from './outbox-delivery';
import type { OutboxRecord, OutboxRequest } from './outbox-record';
import { VaultError } from './vault-error';

/**
 * What a form of a phone-bound session does on save (SPEC §12): the record is sealed into the
 * outbox first, then sent at once if it can be. `delivered`: the server has it; `kept`: it waits
 * on the phone, and the outbox sends it when it can. `correcting` replaces a refused record's request.
 */
export async function keepAndSend(
  id: string,
  request: OutboxRequest,
  correcting = false,
): Promise<'delivered' | 'kept'> {
  const vault = openVault();
  if (!vault) throw new VaultError('locked');
  const outbox = new Outbox(vault);
  if (correcting) await outbox.correct(id, request);
  else await outbox.add(id, request);
  await deliverNow();
  return (await outbox.find(id)) ? 'kept' : 'delivered';
}

/** A record still kept after its try, to tell the form why (a refusal it can show field by field). */
export async function keptRecord(id: string): Promise<OutboxRecord | undefined> {
  const vault = openVault();
  return vault ? new Outbox(vault).find(id) : undefined;
}
