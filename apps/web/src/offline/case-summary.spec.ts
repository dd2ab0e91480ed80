import { fieldsOf } from '@pendamping/auth';
import type { components } from '../api/schema';
import { type CaseSummary, inWorklistOrder, summaryOf } from './case-summary';
import { vaultOpened } from './open-vault';
import { storedSummaries } from './phone-store';
import type { PhoneVault } from './phone-vault';

jest.mock('../api/client', () => ({ api: {} }));

type SyncedCase = components['schemas']['SyncedCaseView'];

const CANARY = 'Sekar CANARY-51e0';

const synced = (id: string, caseNumber: string, nextFollowUpDue: string | null): SyncedCase => ({
  id,
  caseNumber,
  status: 'open',
  riskLevel: 'high',
  nextFollowUpDue,
  narrative: `Dipukul ${CANARY}`,
  survivor: { name: CANARY, phone: '0812-CANARY', sex: 'female' },
  followUps: [{ notes: CANARY }],
  referrals: [],
  allowed: { actions: ['read'], writableFields: [] },
});

/**
 * The vault's sealed store in memory, as the sync leaves it: what `storedSummaries` asks of it.
 * Every name opened is recorded, so a test sees which values the worklist decrypted.
 */
function heldVault(values: Record<string, unknown>) {
  const opened: string[] = [];
  const vault = {
    unlocked: true,
    names: async (prefix: string) => Object.keys(values).filter((name) => name.startsWith(prefix)),
    get: async (name: string) => {
      opened.push(name);
      return values[name];
    },
  };
  vaultOpened(vault as unknown as PhoneVault);
  return opened;
}

const ids = (summaries: CaseSummary[]) => summaries.map((summary) => summary.id);

describe('the case summary the offline worklist draws (SPEC §11, §12)', () => {
  it('holds coded fields only, and none of the case’s identifying or sensitive values', () => {
    const summary = summaryOf(synced('c1', 'KPG-2026-0001', '2026-12-09'));
    expect(summary).toEqual({
      id: 'c1',
      caseNumber: 'KPG-2026-0001',
      status: 'open',
      riskLevel: 'high',
      nextFollowUpDue: '2026-12-09',
    });
    const coded = fieldsOf('Case', ['coded']);
    for (const field of Object.keys(summary)) expect(coded).toContain(field);
    expect(JSON.stringify(summary)).not.toContain('CANARY');
  });

  it('orders as the server’s worklist: not closed first, the soonest follow-up due, none last, then the number as numbers', () => {
    const summaries: CaseSummary[] = [
      { id: 'none', caseNumber: 'KPG-2026-0001', status: 'open', nextFollowUpDue: null },
      { id: 'closed', caseNumber: 'KPG-2026-0002', status: 'closed', nextFollowUpDue: '2026-01-01' },
      { id: 'later', caseNumber: 'KPG-2026-0003', status: 'open', nextFollowUpDue: '2026-12-20' },
      { id: 'big-number', caseNumber: 'SOE-2026-10000', status: 'open', nextFollowUpDue: '2026-12-10' },
      { id: 'small-number', caseNumber: 'SOE-2026-9999', status: 'open', nextFollowUpDue: '2026-12-10' },
      { id: 'last-year', caseNumber: 'SOE-2025-0500', status: 'open', nextFollowUpDue: '2026-12-10' },
    ];
    expect(ids([...summaries].sort(inWorklistOrder))).toEqual([
      'last-year',
      'small-number',
      'big-number',
      'later',
      'none',
      'closed',
    ]);
  });

  it('is all the worklist opens: no case is decrypted whole to draw the list', async () => {
    const first = synced('a1', 'KPG-2026-0001', '2026-12-20');
    const second = synced('b2', 'KPG-2026-0002', '2026-12-09');
    const opened = heldVault({
      'case/a1': first,
      'case-summary/a1': summaryOf(first),
      'case/b2': second,
      'case-summary/b2': summaryOf(second),
      'sync/cursor': 'cursor',
    });
    const summaries = await storedSummaries();
    expect(ids(summaries)).toEqual(['b2', 'a1']);
    expect(opened.sort()).toEqual(['case-summary/a1', 'case-summary/b2']);
    expect(JSON.stringify(summaries)).not.toContain('CANARY');
  });

  it('opens whole only a case held without its summary (synced before summaries), and never shows a summary without its case', async () => {
    const summarised = synced('a1', 'KPG-2026-0001', '2026-12-20');
    const unsummarised = synced('b2', 'KPG-2026-0002', '2026-12-09');
    const opened = heldVault({
      'case/a1': summarised,
      'case-summary/a1': summaryOf(summarised),
      'case/b2': unsummarised,
      'case-summary/c3': summaryOf(synced('c3', 'KPG-2026-0003', null)),
    });
    const summaries = await storedSummaries();
    expect(ids(summaries)).toEqual(['b2', 'a1']);
    expect(summaries[0]).toEqual(summaryOf(unsummarised));
    expect(opened.sort()).toEqual(['case-summary/a1', 'case/b2']);
  });
});
