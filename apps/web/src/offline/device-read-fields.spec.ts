import { fieldsOf } from '@pendamping/auth';
import { CASE_READ_FIELDS, fieldsOpened, FOLLOW_UP_READ_FIELDS, REFERRAL_READ_FIELDS } from './device-read-fields';

const audited = ['identifying', 'sensitive'] as const;

describe('the fields a device read names', () => {
  it('are exactly the identifying and sensitive fields of the server’s subjects table', () => {
    expect([...CASE_READ_FIELDS].sort()).toEqual(fieldsOf('Case', audited).sort());
    expect([...FOLLOW_UP_READ_FIELDS].sort()).toEqual(fieldsOf('FollowUp', audited).sort());
    expect([...REFERRAL_READ_FIELDS].sort()).toEqual(fieldsOf('Referral', audited).sort());
  });

  it('name the audited fields holding a value, nested and in lists, under the names a sync embeds them with', () => {
    const opened = fieldsOpened({
      id: 'c1',
      caseNumber: 'KPG-2026-0001',
      narrative: 'canary',
      safetyPlan: null,
      survivor: { name: 'Siti', phone: null, sex: 'female' },
      guardian: {},
      perpetrators: [{ relationship: 'neighbour' }, { name: 'Budi' }],
      followUps: [{ notes: null, type: 'home_visit' }, { notes: 'a visit' }],
      referrals: [{ note: null, outcomeNote: 'helped' }],
    });
    expect(opened.sort()).toEqual(
      ['followUps.notes', 'narrative', 'perpetrators.name', 'referrals.outcomeNote', 'survivor.name'].sort(),
    );
  });

  it('are none for a case with only coded fields, so nothing is logged', () => {
    expect(fieldsOpened({ status: 'open', survivor: { sex: 'male' }, followUps: [], referrals: [] })).toEqual([]);
  });
});
