import { SERVICE_TYPES } from '@pendamping/auth/organizations/service-provider.entity';
import { CodeList, LOCALES } from './code-list';
import { CODE_LIST_NAMES, CODE_LISTS, CodeListName } from './code-lists';
import * as barrel from './index';

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Age groups keep the bands' own notation ("13-17", "60+"), as the case resource of SPEC §9 shows. */
const AGE_BAND = /^(?:\d{1,3}-\d{1,3}|\d{1,3}\+|unknown)$/;
const AGE_GROUP_LISTS: readonly CodeListName[] = ['ageGroup', 'perpetratorAgeGroup', 'gbvimsAgeGroup'];

const lists = Object.entries(CODE_LISTS) as [CodeListName, CodeList][];
const codes = (name: CodeListName) => (CODE_LISTS[name] as CodeList).map((entry) => entry.code);

describe('every code list', () => {
  it.each(lists)('%s has unique codes in the expected form', (name, list) => {
    expect(list.length).toBeGreaterThan(1);
    const all = list.map((entry) => entry.code);
    expect(new Set(all).size).toBe(all.length);
    for (const code of all) expect(code).toMatch(AGE_GROUP_LISTS.includes(name) ? AGE_BAND : SNAKE_CASE);
  });

  it.each(lists)(
    '%s has a label in Indonesian and in English for every code, distinct within the list',
    (_name, list) => {
      for (const entry of list) {
        expect(Object.keys(entry.label).sort()).toEqual([...LOCALES].sort());
        for (const locale of LOCALES) {
          const label = entry.label[locale];
          expect(typeof label).toBe('string');
          expect(label.trim()).toBe(label);
          expect(label.length).toBeGreaterThan(0);
          expect(label).not.toMatch(/\s{2}/);
        }
      }
      for (const locale of LOCALES) {
        const labels = list.map((entry) => entry.label[locale].toLowerCase());
        expect(new Set(labels).size).toBe(labels.length);
      }
    },
  );

  it('is served under the JSON names of SPEC §9', () => {
    expect(CODE_LIST_NAMES).toEqual([
      'violenceTypes',
      'tpksForms',
      'gbvimsTypes',
      'placeType',
      'referralSource',
      'relationship',
      'sex',
      'disability',
      'maritalStatus',
      'serviceType',
      'referralStatus',
      'followUpType',
      'closureReason',
      'riskLevel',
      'caseStatus',
      'consentGivenBy',
      'justicePathwayStage',
      'ageGroup',
      'perpetratorAgeGroup',
      'gbvimsAgeGroup',
      'planItemCategory',
      'planItemStatus',
      'workPlanStatus',
      'drppaIndicators',
    ]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CODE_LISTS)).toBe(true);
    for (const [, list] of lists) {
      expect(Object.isFrozen(list)).toBe(true);
      for (const entry of list) {
        expect(Object.isFrozen(entry)).toBe(true);
        expect(Object.isFrozen(entry.label)).toBe(true);
      }
    }
    expect(() => ((CODE_LISTS.sex[0].label as { id: string }).id = 'x')).toThrow(TypeError);
    expect(() => (CODE_LISTS.riskLevel as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('survives a JSON round trip unchanged (what GET /code-lists sends)', () => {
    expect(JSON.parse(JSON.stringify(CODE_LISTS))).toEqual(CODE_LISTS);
  });
});

describe('the codes of SPEC §9', () => {
  it.each([
    ['violenceTypes', 'fisik psikis seksual eksploitasi trafficking penelantaran lainnya'],
    ['placeType', 'home school workplace public_place online other'],
    ['referralSource', 'self family neighbour village_head police health_worker teacher religious_leader ngo other'],
    [
      'relationship',
      'husband_partner former_partner parent step_parent other_family neighbour teacher employer religious_leader stranger other',
    ],
    ['sex', 'female male'],
    ['disability', 'none physical sensory intellectual psychosocial multiple'],
    ['maritalStatus', 'single married divorced widowed'],
    [
      'serviceType',
      'police health legal_aid psychosocial shelter uptd_ppa customary_religious_leader village_government social_services education economic_support',
    ],
    ['referralStatus', 'pending accepted in_service completed declined cancelled'],
    [
      'followUpType',
      'home_visit phone_call accompaniment_police accompaniment_court accompaniment_health counselling family_mediation other',
    ],
    ['closureReason', 'needs_met survivor_withdrew transferred unreachable deceased duplicate'],
    [
      'planItemCategory',
      'awareness_session prevention_campaign case_handling training advocacy network_meeting economic_empowerment community_meeting other',
    ],
    ['planItemStatus', 'planned in_progress done cancelled'],
    ['workPlanStatus', 'draft submitted returned approved'],
    ['riskLevel', 'low medium high critical'],
    ['caseStatus', 'open active closure_requested closed'],
    ['consentGivenBy', 'survivor guardian best_interest'],
    ['justicePathwayStage', 'police_report visum_et_repertum bap p21 trial verdict restitution_lpsk'],
  ] as [CodeListName, string][])('%s is exactly the list of the spec, in its order', (name, expected) => {
    expect(codes(name)).toEqual(expected.split(' '));
  });

  it('serviceType is the service-provider directory list of @pendamping/auth, in the same order', () => {
    expect(codes('serviceType')).toEqual([...SERVICE_TYPES]);
  });
});

describe('the labels', () => {
  it('use the usual Indonesian terms', () => {
    const id = (name: CodeListName, code: string) =>
      (CODE_LISTS[name] as CodeList).find((entry) => entry.code === code)?.label.id;
    expect(id('violenceTypes', 'fisik')).toBe('Kekerasan fisik');
    expect(id('violenceTypes', 'trafficking')).toBe('Perdagangan orang (TPPO)');
    expect(id('serviceType', 'police')).toBe('Kepolisian (Unit PPA)');
    expect(id('serviceType', 'uptd_ppa')).toBe('UPTD PPA / P2TP2A');
    expect(id('justicePathwayStage', 'p21')).toBe('Berkas perkara lengkap (P21)');
    expect(id('maritalStatus', 'widowed')).toBe('Cerai mati');
  });
});

describe('the barrel', () => {
  it('exports the lists, their codes and the functions', () => {
    for (const name of [
      'CODE_LISTS',
      'labelOf',
      'codesOf',
      'isCode',
      'gbvimsTypesOf',
      'gbvimsPrimaryType',
      'simfoniAgeGroup',
      'gbvimsAgeGroup',
      'isChild',
      'VIOLENCE_TYPE_CODES',
      'SERVICE_TYPE_LIST',
    ]) {
      expect(barrel).toHaveProperty(name);
    }
  });
});
