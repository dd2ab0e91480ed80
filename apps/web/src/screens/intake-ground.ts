import { api } from '../api/client';
import { answered } from '../api/problem';
import { fromApiOrPhone } from '../session/api-or-phone';
import type { CodeLists } from '../ui/labels';
import { type Place, placesOf } from './intake-place';

/** What the intake's form is drawn from; `fromPhone` when the server could not be reached. */
export interface Ground {
  codes: CodeLists;
  places: Place[];
  fromPhone: boolean;
}

/** A phone with no signal that has never stored the form's lists: one online sync is needed first. */
export class NeedsFirstSync extends Error {}

async function fromApi(): Promise<Ground> {
  const page = { params: { query: { limit: 200 } } };
  const [codes, groups, villages, regions] = await Promise.all([
    answered(api.GET('/api/v1/code-lists')),
    answered(api.GET('/api/v1/groups', page)),
    answered(api.GET('/api/v1/villages', page)),
    answered(api.GET('/api/v1/regions', page)),
  ]);
  return { codes, places: placesOf(groups.items, villages.items, regions.items), fromPhone: false };
}

/**
 * The lists the phone's last sync kept (SPEC §12): her groups with their villages, but no regions,
 * which the phone does not hold, so a walk-in case waits for signal.
 */
async function fromPhone(): Promise<Ground> {
  const { phoneFormLists } = await import('../offline/phone-form-lists');
  const lists = await phoneFormLists();
  if (!lists) throw new NeedsFirstSync();
  return { codes: lists.codes, places: placesOf(lists.groups, lists.villages, []), fromPhone: true };
}

/** The server's lists while it answers; a phone with no signal, or unlocked offline, draws the form from its own. */
export const loadGround = (): Promise<Ground> => fromApiOrPhone(fromApi, fromPhone);
