import type { ServiceType } from '@pendamping/auth';
import {
  ClosureReason,
  ConsentGivenBy,
  Disability,
  FollowUpType,
  JusticePathwayStage,
  MaritalStatus,
  PerpetratorAgeGroup,
  PlaceType,
  ReferralSource,
  ReferralStatus,
  Relationship,
  RiskLevel,
  Sex,
  simfoniAgeGroup,
  TpksForm,
  ViolenceType,
} from '@pendamping/cases/code-lists';
import {
  BOY_GIVEN_NAMES,
  DURATIONS,
  FAMILY_WORDS,
  FEMALE_GIVEN_NAMES,
  fitting,
  FOLLOW_UP_NOTES,
  GIRL_GIVEN_NAMES,
  INTERMEDIARIES,
  JUSTICE_STAGE_FOLLOW_UPS,
  KELURAHAN,
  MALE_GIVEN_NAMES,
  MEDICAL_NOTES,
  MUSLIM_BOY_GIVEN_NAMES,
  MUSLIM_FAMILY_NAMES,
  MUSLIM_FEMALE_GIVEN_NAMES,
  MUSLIM_GIRL_GIVEN_NAMES,
  MUSLIM_MALE_GIVEN_NAMES,
  NARRATIVES,
  NEXT_ACTIONS,
  NICKNAMES,
  OUTSIDE_PLACES,
  PERPETRATOR_WORDS,
  RECRUITER_WORDS,
  REFERRAL_COMPLETED,
  REFERRAL_NOTES,
  REFERRAL_OUTCOMES,
  ROTE_SABU_FAMILY_NAMES,
  SAFE_TIMES,
  SAFETY_PLANS,
  TextContext,
  TIMORESE_FAMILY_NAMES,
  TRANSITION_REASONS,
} from './demo-case-texts';
import { DEMO_PLACES, DEMO_SERVICE_PROVIDERS, DEMO_USERS } from './demo-data';
import { dayOf, DemoRandom, isoOf } from './demo-random';

/*
 * The demo organisation's cases: a deterministic generator (same seed, same cases) of a few
 * hundred case histories over two years, 2025-01-01 to 2026-11-30, as companions in Kupang and
 * SoE would record them. It produces plain data (the case as POST /cases takes it, then its
 * timeline of transitions, referrals and follow-ups); DemoCaseSeeder plays it through the services.
 *
 * The mix follows what NTT service NGOs report: most cases are domestic violence against wives
 * (psychological and physical, often with economic neglect by a husband working away), about a
 * fifth sexual violence against children, then child abuse and neglect, dating and online
 * violence, child marriage, trafficking of migrant workers, and a few others.
 */

export const DEMO_CASES_SEED = 0x5eed_2025;
export const DEMO_CASE_COUNT = 300;
/** The day the demo data is "as of": every event is on or before it; "overdue" is relative to it. */
export const DEMO_TODAY = '2026-12-02';
export const DEMO_FIRST_INTAKE = '2025-01-01';
export const DEMO_LAST_INTAKE = '2026-11-30';

export type DemoTransitionTarget = 'active' | 'closure_requested' | 'closed' | 'reopened';
export type DemoActor = 'companion' | 'coordinator';

export interface DemoJusticeEntry {
  stage: JusticePathwayStage;
  date: string;
}

export interface DemoPerpetrator {
  relationship: Relationship;
  sex?: Sex;
  ageGroup?: PerpetratorAgeGroup;
  name?: string;
  phone?: string;
}

/** The case as POST /cases takes it (SPEC §9), without the place ids, which the seeder looks up. */
export interface DemoCaseBody {
  intakeDate: string;
  incidentDate?: string;
  incidentDateApproximate?: boolean;
  placeType: PlaceType;
  referralSource: ReferralSource;
  riskLevel: RiskLevel;
  violenceTypes: ViolenceType[];
  tpksForms?: TpksForm[];
  survivor: {
    name: string;
    alias?: string;
    phone?: string;
    address?: string;
    birthDate?: string;
    nik?: string;
    sex: Sex;
    ageAtIntake: number;
    ageEstimated?: boolean;
    disability: Disability;
    maritalStatus: MaritalStatus;
  };
  guardian?: { name?: string; phone?: string };
  perpetrators: DemoPerpetrator[];
  narrative: string;
  safetyPlan?: string;
  medicalNotes?: string;
  safeContact?: { callSafe?: boolean; textSafe?: boolean; safeTimes?: string; intermediary?: string };
  consent: { record: true; refer: boolean; shareDeidentified: boolean; givenBy: ConsentGivenBy; givenAt: string };
  justicePathway?: DemoJusticeEntry[];
}

export type DemoCaseEvent = { date: string; by: DemoActor } &
  /** A closure request names its closure reason (the API requires it), and the closure confirms it. */
  (
    | { kind: 'transition'; to: DemoTransitionTarget; reason: string; closureReason?: ClosureReason }
    /** `referral` numbers the case's referrals, so that later status changes can name theirs. */
    | { kind: 'referral'; referral: number; serviceType: ServiceType; provider: string | null; note: string }
    | { kind: 'referral_status'; referral: number; status: ReferralStatus; outcomeNote?: string }
    | { kind: 'follow_up'; type: FollowUpType; notes: string; nextAction?: string; dueDate?: string }
    /** The justice pathway grew: the whole pathway so far, as an update of the case sends it. */
    | { kind: 'justice'; justicePathway: DemoJusticeEntry[] }
    /** The coordinator restricts the case and excludes another companion of the region (by email). */
    | { kind: 'restrict'; excludeCompanion: string }
  );

export interface DemoCaseScenario {
  /** 1-based, in intake order (and so in case-number order within a region and year). */
  index: number;
  regionCode: string;
  /** Null for a walk-in or hotline case from outside the group villages: the coordinator takes it in. */
  village: string | null;
  group: string | null;
  /** The group whose companion is assigned: the case's own group, or for a walk-in one of the region's. */
  companionGroup: string;
  /** Who records the case: the companion, or the coordinator for a walk-in (naming the companion). */
  createdBy: DemoActor;
  body: DemoCaseBody;
  /** In the order they happened (and are to be replayed). */
  events: DemoCaseEvent[];
  /** The status the timeline ends in; the seeder checks it against what the service says. */
  finalStatus: 'open' | 'active' | 'closure_requested' | 'closed';
}

// --- templates --------------------------------------------------------------------------------

type SafetyKind = keyof typeof SAFETY_PLANS;
type MedicalKind = keyof typeof MEDICAL_NOTES;
type NarrativeKind = keyof typeof NARRATIVES;

interface Draft {
  narrative: NarrativeKind;
  violenceTypes: ViolenceType[];
  tpksForms?: TpksForm[];
  sex: Sex;
  age: number;
  maritalStatus: MaritalStatus;
  disability?: Disability;
  perpetrators: { relationship: Relationship; sex: Sex; age: number | null }[];
  placeType: PlaceType;
  referralSource: ReferralSource;
  riskLevel: RiskLevel;
  /** Days between the incident and intake; a chronic situation's incident date is mostly approximate. */
  incidentLag: [number, number];
  chronic: boolean;
  /** Chance the case goes the criminal-justice way, and whether a visum is part of it. */
  justice: number;
  visum: boolean;
  /** Services the survivor may be referred to, each with its chance. */
  services: [ServiceType, number][];
  followUps: [FollowUpType, number][];
  safety: SafetyKind;
  medical?: MedicalKind;
  /** How long the case usually stays open, in days. */
  duration: [number, number];
}

type Template = (r: DemoRandom) => Draft;

const ADULT_REFERRAL_SOURCES: [ReferralSource, number][] = [
  ['self', 30],
  ['family', 20],
  ['neighbour', 12],
  ['village_head', 14],
  ['religious_leader', 10],
  ['health_worker', 6],
  ['police', 5],
  ['ngo', 3],
];
const CHILD_REFERRAL_SOURCES: [ReferralSource, number][] = [
  ['family', 38],
  ['teacher', 16],
  ['health_worker', 10],
  ['police', 9],
  ['village_head', 11],
  ['neighbour', 10],
  ['self', 3],
  ['religious_leader', 3],
];

const ageNear = (r: DemoRandom, base: number, spread: number, min = 18, max = 80) =>
  Math.max(min, Math.min(max, base + r.int(-spread, spread)));

const TEMPLATES: [Template, number][] = [
  // Domestic violence against a wife: physical and/or psychological.
  [
    (r) => {
      const age = r.int(19, 56);
      const types = r.weighted<ViolenceType[]>([
        [['fisik', 'psikis'], 60],
        [['fisik'], 14],
        [['psikis'], 26],
      ]);
      const physical = types.includes('fisik');
      return {
        narrative: physical ? 'kdrt_fisik' : 'kdrt_psikis',
        violenceTypes: types,
        sex: 'female',
        age,
        maritalStatus: 'married',
        perpetrators: [{ relationship: 'husband_partner', sex: 'male', age: ageNear(r, age + 4, 5) }],
        placeType: 'home',
        referralSource: r.weighted(ADULT_REFERRAL_SOURCES),
        riskLevel: r.weighted<RiskLevel>(
          physical
            ? [
                ['low', 8],
                ['medium', 42],
                ['high', 38],
                ['critical', 12],
              ]
            : [
                ['low', 30],
                ['medium', 50],
                ['high', 20],
              ],
        ),
        incidentLag: [0, 30],
        chronic: true,
        justice: physical ? 0.28 : 0.04,
        visum: physical,
        services: [
          ['health', physical ? 0.45 : 0.05],
          ['legal_aid', 0.22],
          ['psychosocial', 0.35],
          ['shelter', physical ? 0.12 : 0.02],
          ['village_government', 0.1],
          ['customary_religious_leader', 0.15],
          ['economic_support', 0.08],
        ],
        followUps: [
          ['home_visit', 40],
          ['phone_call', 30],
          ['counselling', 20],
          ['family_mediation', 8],
          ['other', 2],
        ],
        safety: 'household',
        medical: physical && r.chance(0.5) ? 'physical' : undefined,
        duration: [30, 160],
      };
    },
    34,
  ],
  // Economic neglect by a husband who left or works away.
  [
    (r) => {
      const age = r.int(22, 50);
      return {
        narrative: 'kdrt_penelantaran',
        violenceTypes: r.chance(0.6) ? ['penelantaran', 'psikis'] : ['penelantaran'],
        sex: 'female',
        age,
        maritalStatus: 'married',
        perpetrators: [
          { relationship: 'husband_partner', sex: 'male', age: r.chance(0.3) ? null : ageNear(r, age + 4, 5) },
        ],
        placeType: 'home',
        referralSource: r.weighted(ADULT_REFERRAL_SOURCES),
        riskLevel: r.weighted<RiskLevel>([
          ['low', 55],
          ['medium', 40],
          ['high', 5],
        ]),
        incidentLag: [30, 200],
        chronic: true,
        justice: 0,
        visum: false,
        services: [
          ['legal_aid', 0.35],
          ['social_services', 0.5],
          ['economic_support', 0.4],
          ['village_government', 0.3],
          ['education', 0.1],
        ],
        followUps: [
          ['home_visit', 45],
          ['phone_call', 25],
          ['other', 20],
          ['counselling', 10],
        ],
        safety: 'general',
        duration: [45, 200],
      };
    },
    9,
  ],
  // A former husband or partner who threatens, stalks or beats.
  [
    (r) => {
      const age = r.int(20, 42);
      return {
        narrative: 'former_partner',
        violenceTypes: r.chance(0.4) ? ['psikis', 'fisik'] : ['psikis'],
        sex: 'female',
        age,
        maritalStatus: r.chance(0.7) ? 'divorced' : 'single',
        perpetrators: [{ relationship: 'former_partner', sex: 'male', age: ageNear(r, age + 3, 4) }],
        placeType: r.weighted<PlaceType>([
          ['home', 60],
          ['public_place', 40],
        ]),
        referralSource: r.weighted(ADULT_REFERRAL_SOURCES),
        riskLevel: r.weighted<RiskLevel>([
          ['medium', 45],
          ['high', 45],
          ['critical', 10],
        ]),
        incidentLag: [0, 14],
        chronic: false,
        justice: 0.3,
        visum: false,
        services: [
          ['police', 0.4],
          ['legal_aid', 0.4],
          ['psychosocial', 0.3],
          ['village_government', 0.15],
        ],
        followUps: [
          ['phone_call', 40],
          ['home_visit', 35],
          ['counselling', 15],
          ['other', 10],
        ],
        safety: 'general',
        duration: [30, 120],
      };
    },
    4,
  ],
  // Sexual violence against a child.
  [
    (r) => {
      const girl = r.chance(0.86);
      const age = girl ? r.int(5, 17) : r.int(6, 14);
      const relationship = r.weighted<Relationship>([
        ['neighbour', 30],
        ['other_family', 20],
        ['step_parent', 12],
        ['parent', 5],
        ['teacher', 7],
        ['husband_partner', age >= 13 ? 14 : 0],
        ['stranger', 6],
        ['religious_leader', 2],
        ['other', 4],
      ]);
      const forms =
        age < 13
          ? r.weighted<TpksForm[]>([
              [['perbuatan_cabul'], 50],
              [['persetubuhan_terhadap_anak'], 30],
              [['pelecehan_seksual_fisik'], 20],
            ])
          : r.weighted<TpksForm[]>([
              [['persetubuhan_terhadap_anak'], 48],
              [['perbuatan_cabul'], 18],
              [['pelecehan_seksual_fisik'], 16],
              [['perkosaan', 'persetubuhan_terhadap_anak'], 12],
              [['pelecehan_seksual_nonfisik'], 6],
            ]);
      const perpetratorAge =
        relationship === 'husband_partner' ? r.int(16, 24) : relationship === 'teacher' ? r.int(26, 55) : r.int(17, 62);
      return {
        narrative: 'child_sexual',
        violenceTypes: r.chance(0.35) ? ['seksual', 'psikis'] : ['seksual'],
        tpksForms: forms,
        sex: girl ? 'female' : 'male',
        age,
        maritalStatus: 'single',
        disability: r.chance(0.1) ? 'intellectual' : undefined,
        perpetrators: [{ relationship, sex: 'male', age: perpetratorAge }],
        placeType:
          relationship === 'teacher'
            ? 'school'
            : r.weighted<PlaceType>([
                ['home', 62],
                ['public_place', 22],
                ['other', 12],
                ['school', 4],
              ]),
        referralSource: r.weighted(CHILD_REFERRAL_SOURCES),
        riskLevel: r.weighted<RiskLevel>([
          ['medium', 18],
          ['high', 55],
          ['critical', 27],
        ]),
        incidentLag: [0, 40],
        chronic: false,
        justice: 0.78,
        visum: !forms.includes('pelecehan_seksual_nonfisik'),
        services: [
          ['police', 0.65],
          ['health', 0.7],
          ['psychosocial', 0.6],
          ['uptd_ppa', 0.5],
          ['legal_aid', 0.35],
          ['shelter', ['parent', 'step_parent', 'other_family'].includes(relationship) ? 0.45 : 0.05],
          ['education', 0.15],
          ['social_services', 0.12],
        ],
        followUps: [
          ['home_visit', 35],
          ['counselling', 30],
          ['phone_call', 25],
          ['other', 10],
        ],
        safety: 'child',
        medical: r.chance(0.6) ? 'sexual' : undefined,
        duration: [60, 240],
      };
    },
    18,
  ],
  // Sexual violence against an adult woman.
  [
    (r) => {
      const age = r.int(18, 48);
      const forms = r.weighted<TpksForm[]>([
        [['perkosaan'], 48],
        [['pelecehan_seksual_fisik'], 36],
        [['pelecehan_seksual_nonfisik'], 16],
      ]);
      return {
        narrative: 'adult_sexual',
        violenceTypes: ['seksual'],
        tpksForms: forms,
        sex: 'female',
        age,
        maritalStatus: r.weighted<MaritalStatus>([
          ['single', 50],
          ['married', 30],
          ['divorced', 10],
          ['widowed', 10],
        ]),
        disability: r.chance(0.12) ? r.pick<Disability>(['intellectual', 'psychosocial', 'sensory']) : undefined,
        perpetrators: [
          {
            relationship: r.weighted<Relationship>([
              ['neighbour', 35],
              ['stranger', 20],
              ['other_family', 15],
              ['former_partner', 10],
              ['employer', 8],
              ['religious_leader', 4],
              ['other', 8],
            ]),
            sex: 'male',
            age: r.int(20, 60),
          },
        ],
        placeType: r.weighted<PlaceType>([
          ['home', 45],
          ['public_place', 35],
          ['workplace', 10],
          ['other', 10],
        ]),
        referralSource: r.weighted(ADULT_REFERRAL_SOURCES),
        riskLevel: r.weighted<RiskLevel>([
          ['medium', 30],
          ['high', 55],
          ['critical', 15],
        ]),
        incidentLag: [0, 20],
        chronic: false,
        justice: 0.5,
        visum: forms.includes('perkosaan'),
        services: [
          ['police', 0.5],
          ['health', 0.6],
          ['psychosocial', 0.6],
          ['legal_aid', 0.35],
          ['shelter', 0.1],
        ],
        followUps: [
          ['counselling', 35],
          ['home_visit', 30],
          ['phone_call', 30],
          ['other', 5],
        ],
        safety: 'general',
        medical: forms.includes('perkosaan') ? 'sexual' : undefined,
        duration: [45, 210],
      };
    },
    5,
  ],
  // Dating and technology-facilitated sexual violence.
  [
    (r) => {
      const age = r.int(14, 25);
      const relationship = r.weighted<Relationship>([
        ['husband_partner', 60],
        ['former_partner', 30],
        ['stranger', 10],
      ]);
      return {
        narrative: 'ksbe',
        violenceTypes: ['seksual', 'psikis'],
        tpksForms: r.chance(0.4)
          ? ['kekerasan_seksual_berbasis_elektronik', 'pelecehan_seksual_nonfisik']
          : ['kekerasan_seksual_berbasis_elektronik'],
        sex: 'female',
        age,
        maritalStatus: 'single',
        perpetrators: [
          { relationship, sex: 'male', age: relationship === 'stranger' ? null : ageNear(r, age + 2, 3, 15) },
        ],
        placeType: 'online',
        referralSource: r.weighted<ReferralSource>([
          ['self', 40],
          ['family', 25],
          ['teacher', 20],
          ['ngo', 15],
        ]),
        riskLevel: r.weighted<RiskLevel>([
          ['low', 10],
          ['medium', 55],
          ['high', 35],
        ]),
        incidentLag: [0, 20],
        chronic: false,
        justice: 0.3,
        visum: false,
        services: [
          ['police', 0.45],
          ['psychosocial', 0.6],
          ['legal_aid', 0.35],
          ['education', age < 18 ? 0.2 : 0],
        ],
        followUps: [
          ['phone_call', 40],
          ['counselling', 35],
          ['home_visit', 20],
          ['other', 5],
        ],
        safety: 'online',
        duration: [30, 120],
      };
    },
    5,
  ],
  // Physical abuse of a child by a parent, step-parent, relative or teacher.
  [
    (r) => {
      const age = r.int(3, 15);
      const relationship = r.weighted<Relationship>([
        ['parent', 45],
        ['step_parent', 25],
        ['other_family', 20],
        ['teacher', 10],
      ]);
      return {
        narrative: 'child_physical',
        violenceTypes: r.chance(0.6) ? ['fisik', 'psikis'] : ['fisik'],
        sex: r.chance(0.55) ? 'female' : 'male',
        age,
        maritalStatus: 'single',
        perpetrators: [
          {
            relationship,
            sex: r.chance(relationship === 'teacher' ? 0.5 : 0.7) ? 'male' : 'female',
            age: r.int(24, 55),
          },
        ],
        placeType: relationship === 'teacher' ? 'school' : 'home',
        referralSource: r.weighted(CHILD_REFERRAL_SOURCES),
        riskLevel: r.weighted<RiskLevel>([
          ['medium', 45],
          ['high', 45],
          ['critical', 10],
        ]),
        incidentLag: [0, 14],
        chronic: true,
        justice: 0.2,
        visum: true,
        services: [
          ['health', 0.45],
          ['uptd_ppa', 0.4],
          ['psychosocial', 0.4],
          ['social_services', 0.2],
          ['education', relationship === 'teacher' ? 0.4 : 0.1],
        ],
        followUps: [
          ['home_visit', 45],
          ['counselling', 25],
          ['phone_call', 15],
          ['family_mediation', 10],
          ['other', 5],
        ],
        safety: 'child',
        medical: r.chance(0.4) ? 'physical' : undefined,
        duration: [30, 150],
      };
    },
    8,
  ],
  // Neglect of a child, often left behind by migrating parents.
  [
    (r) => ({
      narrative: 'child_neglect',
      violenceTypes: r.chance(0.3) ? ['penelantaran', 'psikis'] : ['penelantaran'],
      sex: r.chance(0.5) ? 'female' : 'male',
      age: r.int(1, 12),
      maritalStatus: 'single',
      perpetrators: [
        { relationship: 'parent', sex: 'male', age: r.chance(0.4) ? null : r.int(25, 45) },
        ...(r.chance(0.5) ? [{ relationship: 'parent' as const, sex: 'female' as const, age: r.int(22, 42) }] : []),
      ],
      placeType: 'home',
      referralSource: r.weighted<ReferralSource>([
        ['health_worker', 30],
        ['village_head', 25],
        ['teacher', 20],
        ['neighbour', 15],
        ['family', 10],
      ]),
      riskLevel: r.weighted<RiskLevel>([
        ['low', 25],
        ['medium', 55],
        ['high', 20],
      ]),
      incidentLag: [30, 180],
      chronic: true,
      justice: 0,
      visum: false,
      services: [
        ['social_services', 0.6],
        ['health', 0.5],
        ['education', 0.35],
        ['village_government', 0.35],
      ],
      followUps: [
        ['home_visit', 60],
        ['accompaniment_health', 15],
        ['other', 15],
        ['phone_call', 10],
      ],
      safety: 'child_care',
      medical: r.chance(0.4) ? 'neglect' : undefined,
      duration: [45, 200],
    }),
    6,
  ],
  // Child marriage, forced by the family.
  [
    (r) => {
      const age = r.int(14, 17);
      const relationship = r.weighted<Relationship>([
        ['parent', 50],
        ['other_family', 30],
        ['husband_partner', 20],
      ]);
      return {
        narrative: 'child_marriage',
        violenceTypes: ['seksual', 'psikis'],
        tpksForms: r.chance(0.4) ? ['pemaksaan_perkawinan', 'persetubuhan_terhadap_anak'] : ['pemaksaan_perkawinan'],
        sex: 'female',
        age,
        maritalStatus: r.chance(0.5) ? 'married' : 'single',
        perpetrators: [
          { relationship, sex: 'male', age: relationship === 'husband_partner' ? r.int(22, 45) : r.int(35, 60) },
        ],
        placeType: 'home',
        referralSource: r.weighted<ReferralSource>([
          ['teacher', 35],
          ['self', 20],
          ['religious_leader', 15],
          ['village_head', 20],
          ['ngo', 10],
        ]),
        riskLevel: r.weighted<RiskLevel>([
          ['medium', 40],
          ['high', 50],
          ['critical', 10],
        ]),
        incidentLag: [0, 60],
        chronic: false,
        justice: 0.15,
        visum: false,
        services: [
          ['uptd_ppa', 0.6],
          ['legal_aid', 0.3],
          ['education', 0.5],
          ['customary_religious_leader', 0.4],
          ['village_government', 0.3],
        ],
        followUps: [
          ['home_visit', 45],
          ['counselling', 20],
          ['phone_call', 20],
          ['other', 15],
        ],
        safety: 'child',
        duration: [45, 180],
      };
    },
    3,
  ],
  // Trafficking of a migrant worker, with labour or sexual exploitation.
  [
    (r) => {
      const age = r.int(16, 32);
      const sexual = r.chance(0.25);
      return {
        narrative: 'trafficking',
        violenceTypes: sexual ? ['trafficking', 'eksploitasi', 'seksual'] : ['trafficking', 'eksploitasi'],
        tpksForms: sexual ? ['eksploitasi_seksual'] : undefined,
        sex: r.chance(0.85) ? 'female' : 'male',
        age,
        maritalStatus: r.chance(0.7) ? 'single' : 'married',
        perpetrators: [
          {
            relationship: r.weighted<Relationship>([
              ['other', 45],
              ['stranger', 25],
              ['employer', 15],
              ['other_family', 15],
            ]),
            sex: r.chance(0.8) ? 'male' : 'female',
            age: r.chance(0.3) ? null : r.int(28, 55),
          },
        ],
        placeType: r.weighted<PlaceType>([
          ['workplace', 60],
          ['other', 40],
        ]),
        referralSource: r.weighted<ReferralSource>([
          ['family', 40],
          ['police', 25],
          ['ngo', 25],
          ['self', 10],
        ]),
        riskLevel: r.weighted<RiskLevel>([
          ['medium', 25],
          ['high', 55],
          ['critical', 20],
        ]),
        incidentLag: [30, 240],
        chronic: true,
        justice: 0.55,
        visum: false,
        services: [
          ['police', 0.6],
          ['uptd_ppa', 0.6],
          ['legal_aid', 0.45],
          ['shelter', 0.25],
          ['health', 0.4],
          ['economic_support', 0.35],
          ['social_services', 0.3],
        ],
        followUps: [
          ['home_visit', 35],
          ['phone_call', 30],
          ['counselling', 20],
          ['other', 15],
        ],
        safety: 'general',
        duration: [60, 240],
      };
    },
    4,
  ],
  // Economic exploitation of a child (unpaid domestic or market work, out of school).
  [
    (r) => ({
      narrative: 'child_labour',
      violenceTypes: r.chance(0.5) ? ['eksploitasi', 'penelantaran'] : ['eksploitasi'],
      sex: r.chance(0.7) ? 'female' : 'male',
      age: r.int(12, 16),
      maritalStatus: 'single',
      perpetrators: [
        {
          relationship: r.weighted<Relationship>([
            ['employer', 55],
            ['parent', 25],
            ['other_family', 20],
          ]),
          sex: r.chance(0.5) ? 'female' : 'male',
          age: r.int(30, 55),
        },
      ],
      placeType: r.weighted<PlaceType>([
        ['workplace', 60],
        ['public_place', 20],
        ['home', 20],
      ]),
      referralSource: r.weighted<ReferralSource>([
        ['teacher', 40],
        ['family', 30],
        ['ngo', 20],
        ['village_head', 10],
      ]),
      riskLevel: r.weighted<RiskLevel>([
        ['low', 20],
        ['medium', 60],
        ['high', 20],
      ]),
      incidentLag: [30, 200],
      chronic: true,
      justice: 0.1,
      visum: false,
      services: [
        ['uptd_ppa', 0.5],
        ['education', 0.6],
        ['social_services', 0.4],
      ],
      followUps: [
        ['home_visit', 50],
        ['phone_call', 25],
        ['other', 25],
      ],
      safety: 'child_care',
      duration: [45, 160],
    }),
    2,
  ],
  // An older widow neglected or abused by her children or in-laws.
  [
    (r) => ({
      narrative: 'elderly',
      violenceTypes: r.weighted<ViolenceType[]>([
        [['penelantaran', 'psikis'], 60],
        [['penelantaran', 'psikis', 'fisik'], 25],
        [['penelantaran'], 15],
      ]),
      sex: 'female',
      age: r.int(60, 82),
      maritalStatus: 'widowed',
      disability: r.chance(0.3) ? r.pick<Disability>(['physical', 'sensory', 'multiple']) : undefined,
      perpetrators: [{ relationship: 'other_family', sex: r.chance(0.6) ? 'male' : 'female', age: r.int(30, 55) }],
      placeType: 'home',
      referralSource: r.weighted<ReferralSource>([
        ['neighbour', 40],
        ['village_head', 30],
        ['religious_leader', 20],
        ['health_worker', 10],
      ]),
      riskLevel: r.weighted<RiskLevel>([
        ['low', 25],
        ['medium', 55],
        ['high', 20],
      ]),
      incidentLag: [30, 200],
      chronic: true,
      justice: 0,
      visum: false,
      services: [
        ['social_services', 0.7],
        ['health', 0.5],
        ['village_government', 0.5],
        ['customary_religious_leader', 0.25],
      ],
      followUps: [
        ['home_visit', 60],
        ['family_mediation', 15],
        ['accompaniment_health', 15],
        ['other', 10],
      ],
      safety: 'general',
      medical: r.chance(0.5) ? 'neglect' : undefined,
      duration: [45, 200],
    }),
    3,
  ],
  // Sexual harassment at work.
  [
    (r) => ({
      narrative: 'workplace',
      violenceTypes: ['seksual', 'psikis'],
      tpksForms: r.chance(0.6) ? ['pelecehan_seksual_nonfisik'] : ['pelecehan_seksual_fisik'],
      sex: 'female',
      age: r.int(18, 35),
      maritalStatus: r.chance(0.6) ? 'single' : 'married',
      perpetrators: [{ relationship: 'employer', sex: 'male', age: r.int(30, 58) }],
      placeType: 'workplace',
      referralSource: r.weighted<ReferralSource>([
        ['self', 60],
        ['family', 20],
        ['ngo', 20],
      ]),
      riskLevel: r.weighted<RiskLevel>([
        ['low', 30],
        ['medium', 60],
        ['high', 10],
      ]),
      incidentLag: [0, 30],
      chronic: false,
      justice: 0.15,
      visum: false,
      services: [
        ['legal_aid', 0.5],
        ['psychosocial', 0.5],
        ['economic_support', 0.2],
      ],
      followUps: [
        ['phone_call', 45],
        ['counselling', 35],
        ['home_visit', 20],
      ],
      safety: 'general',
      duration: [30, 120],
    }),
    2,
  ],
  // Accused of witchcraft (suanggi) and driven out of the hamlet.
  [
    (r) => ({
      narrative: 'suanggi',
      violenceTypes: r.chance(0.5) ? ['lainnya', 'psikis'] : ['lainnya', 'psikis', 'fisik'],
      sex: 'female',
      age: r.int(45, 75),
      maritalStatus: r.pick<MaritalStatus>(['married', 'widowed']),
      perpetrators: [{ relationship: 'neighbour', sex: 'male', age: null }],
      placeType: 'public_place',
      referralSource: r.weighted<ReferralSource>([
        ['family', 50],
        ['religious_leader', 30],
        ['village_head', 20],
      ]),
      riskLevel: r.weighted<RiskLevel>([
        ['high', 70],
        ['critical', 30],
      ]),
      incidentLag: [0, 14],
      chronic: false,
      justice: 0.3,
      visum: false,
      services: [
        ['police', 0.4],
        ['customary_religious_leader', 0.7],
        ['village_government', 0.6],
      ],
      followUps: [
        ['home_visit', 50],
        ['family_mediation', 20],
        ['phone_call', 30],
      ],
      safety: 'general',
      duration: [30, 120],
    }),
    1,
  ],
];

// --- people and places ------------------------------------------------------------------------

type Community = 'timorese' | 'rote_sabu' | 'muslim';

const COMMUNITIES: Record<string, [Community, number][]> = {
  KPG: [
    ['rote_sabu', 44],
    ['timorese', 44],
    ['muslim', 12],
  ],
  SOE: [
    ['timorese', 88],
    ['rote_sabu', 8],
    ['muslim', 4],
  ],
};

function familyName(r: DemoRandom, community: Community): string {
  if (community === 'muslim') return r.pick(MUSLIM_FAMILY_NAMES);
  return r.pick(community === 'timorese' ? TIMORESE_FAMILY_NAMES : ROTE_SABU_FAMILY_NAMES);
}

function givenName(r: DemoRandom, community: Community, sex: Sex, child: boolean): string {
  if (community === 'muslim') {
    if (sex === 'female') return r.pick(child ? MUSLIM_GIRL_GIVEN_NAMES : MUSLIM_FEMALE_GIVEN_NAMES);
    return r.pick(child ? MUSLIM_BOY_GIVEN_NAMES : MUSLIM_MALE_GIVEN_NAMES);
  }
  if (sex === 'female') {
    const first = r.pick(child ? GIRL_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    // Baptismal double names ("Maria Yosefina") are common among older women.
    return !child && r.chance(0.2) ? `${r.pick(['Maria', 'Anna', 'Yohana'])} ${first}` : first;
  }
  return r.pick(child ? BOY_GIVEN_NAMES : MALE_GIVEN_NAMES);
}

/** A mobile number in a block kept for the demo (0812-0000-xxxx): obviously not anyone's. */
const phone = (r: DemoRandom) => `0812-0000-${r.digits(4)}`;

function address(r: DemoRandom, regionCode: string, village: string | null): string {
  const rt = `RT ${String(r.int(1, 24)).padStart(3, '0')}/RW ${String(r.int(1, 8)).padStart(3, '0')}`;
  if (village === null) return `${rt}, ${r.pick(OUTSIDE_PLACES[regionCode])}`;
  if (KELURAHAN.has(village)) return `${rt}, Kelurahan ${village}`;
  return `Dusun ${r.pick(['I', 'II', 'III', 'IV'])}, ${rt}, Desa ${village}`;
}

/** Whole years between two ISO dates. */
function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** A birth date that makes the survivor `age` on the intake date. */
function birthDateFor(r: DemoRandom, age: number, intakeDate: string): string {
  const intake = dayOf(intakeDate);
  const latest = dayOf(`${Number(intakeDate.slice(0, 4)) - age}${intakeDate.slice(4)}`);
  let birth = latest - r.int(0, 360);
  while (yearsBetween(isoOf(birth), intakeDate) > age) birth += 1;
  while (yearsBetween(isoOf(birth), intakeDate) < age && birth > intake - 200 * 366) birth -= 1;
  return isoOf(birth);
}

/** A NIK in the Dukcapil layout: province 53 (NTT), regency, district, birth date (day + 40 for women), serial. */
function nikFor(r: DemoRandom, regionCode: string, birthDate: string, sex: Sex): string {
  const regency = regionCode === 'SOE' ? '02' : '01';
  const district = String(r.int(1, 24)).padStart(2, '0');
  const day = Number(birthDate.slice(8, 10)) + (sex === 'female' ? 40 : 0);
  return `53${regency}${district}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(r.int(1, 120)).padStart(4, '0')}`;
}

// --- the timeline -----------------------------------------------------------------------------

const PROVIDERS_BY_TYPE = new Map<string, string[]>();
for (const provider of DEMO_SERVICE_PROVIDERS) {
  const key = `${provider.region ?? '*'}:${provider.serviceType}`;
  PROVIDERS_BY_TYPE.set(key, [...(PROVIDERS_BY_TYPE.get(key) ?? []), provider.name]);
}

/**
 * The demo directory's provider for a service near the case, else one elsewhere (a shelter in
 * Kupang for SoE), else none (a village government or a church is not in the directory). A visum
 * is done at a hospital, other health care mostly at the puskesmas.
 */
function providerFor(r: DemoRandom, regionCode: string, serviceType: ServiceType, visum: boolean): string | null {
  const candidates =
    PROVIDERS_BY_TYPE.get(`${regionCode}:${serviceType}`) ??
    PROVIDERS_BY_TYPE.get(`*:${serviceType}`) ??
    [...PROVIDERS_BY_TYPE.entries()].find(([key]) => key.endsWith(`:${serviceType}`))?.[1] ??
    [];
  if (candidates.length === 0) return null;
  if (serviceType === 'health') {
    const hospitals = candidates.filter((name) => name.startsWith('RSUD'));
    const clinics = candidates.filter((name) => !name.startsWith('RSUD'));
    if (visum && hospitals.length > 0) return r.pick(hospitals);
    if (clinics.length > 0 && r.chance(0.75)) return r.pick(clinics);
  }
  return r.pick(candidates);
}

const EVENT_ORDER: Record<DemoCaseEvent['kind'], number> = {
  restrict: 0,
  justice: 2,
  referral: 3,
  follow_up: 4,
  referral_status: 5,
  transition: 1,
};

/** Events in the order they happened: by day, then activation first, closure last. */
function ordered(events: DemoCaseEvent[]): DemoCaseEvent[] {
  const rank = (event: DemoCaseEvent) => {
    if (event.kind !== 'transition') return EVENT_ORDER[event.kind];
    return event.to === 'active' || event.to === 'reopened' ? 1 : 9;
  };
  return events
    .map((event, position) => ({ event, position }))
    .sort(
      (a, b) => a.event.date.localeCompare(b.event.date) || rank(a.event) - rank(b.event) || a.position - b.position,
    )
    .map(({ event }) => event);
}

function justicePathway(
  r: DemoRandom,
  draft: Draft,
  intake: number,
  referralSource: ReferralSource,
  withdrew: boolean,
): DemoJusticeEntry[] {
  const stages: DemoJusticeEntry[] = [];
  let day = referralSource === 'police' ? intake - r.int(0, 4) : intake + r.int(0, 6);
  stages.push({ stage: 'police_report', date: isoOf(day) });
  if (draft.visum) stages.push({ stage: 'visum_et_repertum', date: isoOf(day + r.int(0, 2)) });
  day += r.int(3, 21);
  stages.push({ stage: 'bap', date: isoOf(day) });
  // Many cases stop here: the report is withdrawn, or the investigation stalls.
  if (withdrew || r.chance(0.3)) return stages;
  day += r.int(30, 100);
  stages.push({ stage: 'p21', date: isoOf(day) });
  day += r.int(14, 35);
  stages.push({ stage: 'trial', date: isoOf(day) });
  const trial = day;
  day += r.int(30, 80);
  stages.push({ stage: 'verdict', date: isoOf(day) });
  if (draft.tpksForms && draft.sex === 'female' && draft.age < 18 && r.chance(0.3))
    stages.push({ stage: 'restitution_lpsk', date: isoOf(trial + r.int(0, 20)) });
  return stages.sort((a, b) => a.date.localeCompare(b.date));
}

interface Built {
  body: DemoCaseBody;
  events: DemoCaseEvent[];
  finalStatus: DemoCaseScenario['finalStatus'];
  contexts: ReadonlySet<TextContext>;
}

const FAMILY_RELATIONSHIPS: readonly Relationship[] = ['parent', 'step_parent', 'other_family'];

/** How the narrative names the main perpetrator: by relationship, sex and, for other family, who the survivor is. */
function perpetratorWord(r: DemoRandom, draft: Draft): string {
  const { relationship, sex } = draft.perpetrators[0];
  if (draft.narrative === 'trafficking' && relationship !== 'other_family') return r.pick(RECRUITER_WORDS);
  if (relationship === 'other_family') {
    const words = FAMILY_WORDS[draft.narrative === 'elderly' ? 'elderly' : draft.age < 18 ? 'child' : 'adult'];
    return r.pick(words[sex]);
  }
  return r.pick(PERPETRATOR_WORDS[relationship][sex]);
}

function buildCase(r: DemoRandom, draft: Draft, regionCode: string, village: string | null, intakeDate: string): Built {
  const today = dayOf(DEMO_TODAY);
  const intake = dayOf(intakeDate);
  const child = draft.age < 18;
  const community = r.weighted(COMMUNITIES[regionCode]);
  const survivorFamily = familyName(r, community);
  const mainRelationship = draft.perpetrators[0].relationship;

  // How the case ends is decided first, because it shapes the rest: how long it runs, how far the justice pathway goes.
  const duplicate = r.chance(0.01);
  let closureReason: ClosureReason = duplicate
    ? 'duplicate'
    : r.weighted<ClosureReason>([
        ['needs_met', 72],
        ['survivor_withdrew', 12],
        ['unreachable', 9],
        ['transferred', 5],
        ['deceased', draft.narrative === 'elderly' ? 12 : 0],
      ]);
  const shortened =
    closureReason === 'survivor_withdrew' || closureReason === 'unreachable' || closureReason === 'transferred';
  const stages =
    !duplicate && r.chance(draft.justice)
      ? justicePathway(r, draft, intake, draft.referralSource, closureReason === 'survivor_withdrew')
      : [];

  const penetration = (draft.tpksForms ?? []).some(
    (form) => form === 'perkosaan' || form === 'persetubuhan_terhadap_anak',
  );
  const contexts = new Set<TextContext>([
    child ? 'child' : 'adult',
    draft.sex,
    ...(stages.length > 0 ? (['justice'] as const) : []),
    ...(mainRelationship === 'husband_partner' && !child ? (['husband'] as const) : []),
    ...(FAMILY_RELATIONSHIPS.includes(mainRelationship) ? (['family'] as const) : []),
    ...(mainRelationship === 'teacher' ? (['teacher'] as const) : []),
    ...(draft.sex === 'female' && draft.age >= 12 && penetration && r.chance(0.4) ? (['pregnancy'] as const) : []),
  ]);
  const text = (texts: Parameters<typeof fitting>[1]) => fitting((items) => r.pick(items), texts, contexts);

  // Survivor.
  const given = givenName(r, community, draft.sex, child);
  const hasBirthDate = r.chance(child ? 0.85 : 0.55);
  const birthDate = hasBirthDate ? birthDateFor(r, draft.age, intakeDate) : undefined;
  const ageEstimated = !hasBirthDate && !child && r.chance(0.5);
  const age = ageEstimated ? Math.max(18, Math.round(draft.age / 5) * 5) : draft.age;
  const nickname = NICKNAMES[given.split(' ').pop()!];
  const alias =
    !child && draft.maritalStatus !== 'single' && r.chance(0.3)
      ? `Mama ${r.pick(community === 'muslim' ? MUSLIM_GIRL_GIVEN_NAMES : GIRL_GIVEN_NAMES)}`
      : nickname && r.chance(0.4)
        ? nickname
        : undefined;
  const survivor: DemoCaseBody['survivor'] = {
    name: `${given} ${survivorFamily}`,
    ...(alias ? { alias } : {}),
    ...((!child || draft.age >= 15) && r.chance(child ? 0.4 : 0.75) ? { phone: phone(r) } : {}),
    address: address(r, regionCode, village),
    ...(birthDate ? { birthDate } : {}),
    ...(birthDate && !child && r.chance(0.45) ? { nik: nikFor(r, regionCode, birthDate, draft.sex) } : {}),
    sex: draft.sex,
    ageAtIntake: age,
    ...(ageEstimated ? { ageEstimated: true } : {}),
    disability:
      draft.disability ??
      (r.chance(0.04) ? r.pick<Disability>(['physical', 'sensory', 'intellectual', 'psychosocial']) : 'none'),
    maritalStatus: draft.maritalStatus,
  };

  // Perpetrators: named when the survivor knows them; a father shares the child's family name.
  const perpetrators: DemoPerpetrator[] = draft.perpetrators.map((perpetrator) => {
    const sameFamily =
      perpetrator.relationship === 'parent' || (perpetrator.relationship === 'other_family' && r.chance(0.5));
    const known = perpetrator.relationship !== 'stranger' && r.chance(0.75);
    const perpetratorChild = perpetrator.age !== null && perpetrator.age < 18;
    return {
      relationship: perpetrator.relationship,
      sex: perpetrator.sex,
      ageGroup: perpetrator.age === null ? 'unknown' : simfoniAgeGroup(perpetrator.age),
      ...(known
        ? {
            name: `${givenName(r, community, perpetrator.sex, perpetratorChild)} ${sameFamily && perpetrator.sex === 'male' ? survivorFamily : familyName(r, community)}`,
          }
        : {}),
      ...(known && r.chance(0.25) ? { phone: phone(r) } : {}),
    };
  });

  // Consent: the survivor, or for a child the guardian, or a best-interest decision when the guardian is the one who hurt the child.
  const guardianIsPerpetrator = child && (mainRelationship === 'parent' || mainRelationship === 'step_parent');
  const givenBy: ConsentGivenBy = !child
    ? 'survivor'
    : guardianIsPerpetrator
      ? r.chance(0.6)
        ? 'best_interest'
        : 'guardian'
      : r.chance(0.9)
        ? 'guardian'
        : 'best_interest';
  const consent: DemoCaseBody['consent'] = {
    record: true,
    refer: r.chance(0.88),
    shareDeidentified: r.chance(0.9),
    givenBy,
    givenAt: intakeDate,
  };
  const guardian = child
    ? {
        name: `${givenName(r, community, 'female', false)} ${familyName(r, community)}`,
        ...(r.chance(0.7) ? { phone: phone(r) } : {}),
      }
    : undefined;

  const narrative = text(NARRATIVES[draft.narrative])
    .replace('{pelaku}', perpetratorWord(r, draft))
    .replace('{durasi}', r.pick(DURATIONS))
    .replace('{bulan}', String(r.int(3, 14)));

  const incidentLag = r.int(draft.incidentLag[0], draft.incidentLag[1]);
  const body: DemoCaseBody = {
    intakeDate,
    incidentDate: isoOf(intake - incidentLag),
    ...(draft.chronic || incidentLag > 20 ? { incidentDateApproximate: r.chance(0.7) } : {}),
    placeType: draft.placeType,
    referralSource: draft.referralSource,
    riskLevel: draft.riskLevel,
    violenceTypes: draft.violenceTypes,
    ...(draft.tpksForms ? { tpksForms: draft.tpksForms } : {}),
    survivor,
    ...(guardian ? { guardian } : {}),
    perpetrators,
    narrative,
    ...(draft.riskLevel !== 'low' || r.chance(0.3) ? { safetyPlan: text(SAFETY_PLANS[draft.safety]) } : {}),
    ...(draft.medical ? { medicalNotes: text(MEDICAL_NOTES[draft.medical]) } : {}),
    safeContact: child
      ? { callSafe: true, textSafe: true, intermediary: 'Orang tua / wali korban' }
      : {
          callSafe: draft.riskLevel === 'low' || r.chance(0.5),
          textSafe: r.chance(0.6),
          ...(draft.riskLevel !== 'low' ? { safeTimes: text(SAFE_TIMES) } : {}),
          ...(r.chance(0.6) ? { intermediary: r.pick(INTERMEDIARIES) } : {}),
        },
    consent,
  };

  let end = duplicate
    ? intake + r.int(2, 8)
    : intake + Math.round(r.int(draft.duration[0], draft.duration[1]) * (shortened ? 0.5 : 1));
  const lastStage = stages.length > 0 ? dayOf(stages[stages.length - 1].date) : null;
  if (lastStage !== null && closureReason === 'needs_met') end = Math.max(end, lastStage + r.int(10, 45));

  let finalStatus: Built['finalStatus'];
  if (end + 35 <= today) finalStatus = 'closed';
  else if (end <= today) finalStatus = 'closure_requested';
  else finalStatus = intake >= today - 7 && r.chance(0.5) ? 'open' : 'active';
  // What the case's timeline stops at: its closure request, or today.
  const stop = finalStatus === 'closed' || finalStatus === 'closure_requested' ? end : today;
  if (finalStatus !== 'closed' && finalStatus !== 'closure_requested') closureReason = 'needs_met';

  // Justice stages known at intake go in the body; later ones arrive as updates when they happen.
  const known = stages.filter((stage) => dayOf(stage.date) <= intake);
  const later = stages.filter((stage) => dayOf(stage.date) > intake && dayOf(stage.date) <= stop);
  if (known.length > 0) body.justicePathway = known;

  const events: DemoCaseEvent[] = [];
  // The companion's work starts when the case is activated (or at intake while it is still open), and stops at `stop`.
  const activation = finalStatus === 'open' ? intake : Math.min(stop, intake + r.int(0, 2));
  const companion = (date: number) => ({
    date: isoOf(Math.max(activation, Math.min(date, stop))),
    by: 'companion' as const,
  });
  if (finalStatus !== 'open')
    events.push({
      ...companion(activation),
      kind: 'transition',
      to: 'active',
      reason: r.pick(TRANSITION_REASONS.activate),
    });
  // The companion brings the pathway up to date when it moves, stages a few days apart together (a report, its visum, the BAP).
  for (let index = 0; index < later.length; index += 1) {
    if (index + 1 < later.length && dayOf(later[index + 1].date) - dayOf(later[index].date) <= 7) continue;
    events.push({
      ...companion(dayOf(later[index].date)),
      kind: 'justice',
      justicePathway: [...known, ...later.slice(0, index + 1)],
    });
  }

  // Referrals, with consent only, each moving on as the service answers.
  const stageDay = (stage: JusticePathwayStage) => {
    const found = stages.find((entry) => entry.stage === stage);
    return found ? dayOf(found.date) : null;
  };
  if (consent.refer && !duplicate && finalStatus !== 'open') {
    // A survivor is rarely referred to more than two or three services.
    const services = r.shuffle(r.some(draft.services)).slice(0, 2);
    if (stages.length > 0 && !services.includes('police')) services.unshift('police');
    let referral = 0;
    for (const serviceType of services) {
      const startDay = Math.max(
        intake,
        serviceType === 'police'
          ? (stageDay('police_report') ?? intake + r.int(0, 10))
          : serviceType === 'health'
            ? (stageDay('visum_et_repertum') ?? intake + r.int(0, 10))
            : intake + r.int(1, 25),
      );
      if (startDay > stop) continue;
      referral += 1;
      events.push({
        ...companion(startDay),
        kind: 'referral',
        referral,
        serviceType,
        provider: providerFor(
          r,
          regionCode,
          serviceType,
          serviceType === 'health' && stageDay('visum_et_repertum') !== null,
        ),
        note: text(REFERRAL_NOTES[serviceType]),
      });
      const elapsed = stop - startDay;
      const outcome: ReferralStatus =
        finalStatus === 'closed' || finalStatus === 'closure_requested'
          ? r.weighted<ReferralStatus>([
              ['completed', 74],
              ['cancelled', 10],
              ['declined', 8],
              ['in_service', 8],
            ])
          : elapsed < 7
            ? r.weighted<ReferralStatus>([
                ['pending', 60],
                ['accepted', 40],
              ])
            : elapsed < 30
              ? r.weighted<ReferralStatus>([
                  ['accepted', 40],
                  ['in_service', 50],
                  ['declined', 10],
                ])
              : r.weighted<ReferralStatus>([
                  ['in_service', 45],
                  ['completed', 42],
                  ['declined', 6],
                  ['cancelled', 7],
                ]);
      // The referral's own workflow: pending → accepted → in_service → completed, or declined / cancelled on the way.
      const steps: ReferralStatus[] = ['accepted', 'in_service', 'completed'];
      const path: ReferralStatus[] =
        outcome === 'pending'
          ? []
          : outcome === 'declined'
            ? ['declined']
            : outcome === 'cancelled'
              ? r.chance(0.5)
                ? ['accepted', 'cancelled']
                : ['cancelled']
              : steps.slice(0, steps.indexOf(outcome) + 1);
      let day = startDay;
      for (const status of path) {
        day = Math.min(stop, day + (status === 'completed' ? r.int(7, 45) : r.int(1, 6)));
        const note =
          status === 'completed'
            ? text(REFERRAL_COMPLETED[serviceType])
            : status === 'declined' || status === 'cancelled'
              ? r.pick(REFERRAL_OUTCOMES[status])
              : (status === 'accepted' || status === 'in_service') && status === outcome && r.chance(0.3)
                ? r.pick(REFERRAL_OUTCOMES[status])
                : undefined;
        events.push({
          ...companion(day),
          kind: 'referral_status',
          referral,
          status,
          ...(note ? { outcomeNote: note } : {}),
        });
      }
    }
  }

  // Follow-ups: the accompaniments the justice pathway needed, and the companion's visits and calls in between.
  const followUps: { day: number; type: FollowUpType; notes?: string; nextAction?: string }[] = [];
  for (const stage of [...known, ...later]) {
    const accompaniment = JUSTICE_STAGE_FOLLOW_UPS[stage.stage];
    if (accompaniment) followUps.push({ day: Math.max(intake, dayOf(stage.date)), ...accompaniment });
  }
  // A companion who has fallen behind: the last contact was a while ago, its next action overdue.
  const lagging = finalStatus === 'active' && r.chance(0.3);
  const lastContact = lagging ? today - r.int(20, 75) : stop;
  if (!duplicate && finalStatus !== 'open') {
    let day = intake + r.int(1, 7);
    let gap = 21;
    while (day <= lastContact) {
      followUps.push({ day, type: r.weighted(draft.followUps) });
      gap = Math.min(60, gap + r.int(2, 8));
      day += r.int(Math.round(gap * 0.6), gap);
    }
  } else if (finalStatus === 'open' && r.chance(0.5)) {
    followUps.push({ day: Math.min(today, intake + r.int(0, 3)), type: 'phone_call' });
  }
  followUps.sort((a, b) => a.day - b.day);
  const sexual = draft.violenceTypes.includes('seksual');
  followUps.forEach((followUp, index) => {
    // UU TPKS art. 23: no family mediation in a sexual violence case.
    const type: FollowUpType = sexual && followUp.type === 'family_mediation' ? 'counselling' : followUp.type;
    const closing = index === followUps.length - 1 && (finalStatus === 'closed' || finalStatus === 'closure_requested');
    const nextAction = closing ? undefined : (followUp.nextAction ?? r.pick(NEXT_ACTIONS[type]));
    events.push({
      ...companion(followUp.day),
      kind: 'follow_up',
      type,
      notes: followUp.notes ?? text(FOLLOW_UP_NOTES[type]),
      ...(nextAction
        ? { nextAction, dueDate: isoOf(Math.max(activation, Math.min(followUp.day, stop)) + r.int(5, 21)) }
        : {}),
    });
  });

  if (finalStatus === 'closed' || finalStatus === 'closure_requested') {
    events.push({
      ...companion(end),
      kind: 'transition',
      to: 'closure_requested',
      reason: text(TRANSITION_REASONS.request_closure[closureReason]),
      closureReason,
    });
  }
  if (finalStatus === 'closed') {
    const closedAt = Math.min(today, end + r.int(1, 12));
    events.push({
      date: isoOf(closedAt),
      by: 'coordinator',
      kind: 'transition',
      to: 'closed',
      reason: r.pick(TRANSITION_REASONS.close),
      closureReason,
    });
  }
  return { body, events: ordered(events), finalStatus, contexts };
}

/** A closed case the survivor comes back to: reopened by the coordinator, followed up again, active now. */
function reopen(r: DemoRandom, built: Built): void {
  const today = dayOf(DEMO_TODAY);
  const text = (texts: Parameters<typeof fitting>[1]) => fitting((items) => r.pick(items), texts, built.contexts);
  const closed = built.events[built.events.length - 1];
  const reopenedAt = dayOf(closed.date) + r.int(20, Math.max(21, Math.min(200, today - dayOf(closed.date) - 10)));
  built.events.push({
    date: isoOf(reopenedAt),
    by: 'coordinator',
    kind: 'transition',
    to: 'reopened',
    reason: text(TRANSITION_REASONS.reopen),
  });
  for (let day = reopenedAt + r.int(1, 5); day <= today; day += r.int(10, 30)) {
    const type = r.pick<FollowUpType>(['home_visit', 'phone_call', 'counselling']);
    built.events.push({
      date: isoOf(day),
      by: 'companion',
      kind: 'follow_up',
      type,
      notes: text(FOLLOW_UP_NOTES[type]),
      nextAction: r.pick(NEXT_ACTIONS[type]),
      dueDate: isoOf(day + r.int(7, 21)),
    });
  }
  built.finalStatus = 'active';
}

// --- the whole set ----------------------------------------------------------------------------

/** Some groups are busier than others; a few cases come from outside the group villages (walk-ins, the hotline). */
const VILLAGE_WEIGHTS: Record<string, number> = {
  Oesao: 1.3,
  Baumata: 1,
  Noelbaki: 1,
  Tarus: 1.2,
  Kuatae: 1.1,
  Oinlasi: 1,
  Nule: 0.8,
  Kesetnana: 0.8,
};
const WALK_IN_SHARE = 0.03;
const REOPENED_SHARE = 0.025;
const RESTRICTED_CASES = 2;

/** Intake dates over the two years, a little more frequent later as the groups become known. */
function intakeDay(r: DemoRandom): number {
  const first = dayOf(DEMO_FIRST_INTAKE);
  const span = dayOf(DEMO_LAST_INTAKE) - first;
  const growth = 0.6;
  const u = r.next();
  const x = (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth;
  return first + Math.min(span, Math.floor(x * (span + 1)));
}

export function generateDemoCases(count = DEMO_CASE_COUNT, seed = DEMO_CASES_SEED): DemoCaseScenario[] {
  const r = new DemoRandom(seed);
  const places = DEMO_PLACES.flatMap((region) =>
    region.villages.map((village) => ({ regionCode: region.code, village: village.name, group: village.group })),
  );
  const drafts = Array.from({ length: count }, () => {
    const walkIn = r.chance(WALK_IN_SHARE);
    const place = r.weighted(places.map((candidate) => [candidate, VILLAGE_WEIGHTS[candidate.village] ?? 1] as const));
    const regionGroups = places.filter((candidate) => candidate.regionCode === place.regionCode);
    return {
      regionCode: place.regionCode,
      village: walkIn ? null : place.village,
      group: walkIn ? null : place.group,
      companionGroup: walkIn ? r.pick(regionGroups).group : place.group,
      intake: intakeDay(r),
      template: r.weighted(TEMPLATES),
      seed: Math.floor(r.next() * 2 ** 32),
    };
  });
  drafts.sort((a, b) => a.intake - b.intake);

  const scenarios = drafts.map((draft, position): DemoCaseScenario => {
    // Each case draws from its own stream, so changing one template does not reshuffle every other case.
    const cr = new DemoRandom(draft.seed);
    const built = buildCase(cr, draft.template(cr), draft.regionCode, draft.village, isoOf(draft.intake));
    const last = built.events[built.events.length - 1];
    const reopenable =
      built.finalStatus === 'closed' &&
      last.kind === 'transition' &&
      last.closureReason !== 'deceased' &&
      last.closureReason !== 'duplicate';
    // About REOPENED_SHARE of all cases: some 60% are closed long enough ago to come back.
    if (reopenable && dayOf(last.date) < dayOf(DEMO_TODAY) - 60 && cr.chance(REOPENED_SHARE / 0.6)) reopen(cr, built);
    return {
      index: position + 1,
      regionCode: draft.regionCode,
      village: draft.village,
      group: draft.group,
      companionGroup: draft.companionGroup,
      createdBy: draft.village === null ? 'coordinator' : 'companion',
      body: built.body,
      events: built.events,
      finalStatus: built.finalStatus,
    };
  });

  // A couple of restricted cases: the perpetrator is close to another companion of the region, who must not see the case.
  let restricted = 0;
  for (const scenario of scenarios) {
    if (restricted >= RESTRICTED_CASES) break;
    if (
      scenario.finalStatus !== 'active' ||
      scenario.village === null ||
      !['other_family', 'religious_leader', 'neighbour'].includes(scenario.body.perpetrators[0]?.relationship ?? '')
    )
      continue;
    if (
      restricted > 0 &&
      scenarios.some(
        (other) => other.regionCode === scenario.regionCode && other.events.some((event) => event.kind === 'restrict'),
      )
    )
      continue;
    const others = companionsOf(scenario.regionCode).filter((email) => email !== companionOf(scenario.companionGroup));
    if (others.length === 0) continue;
    const activation = scenario.events.find((event) => event.kind === 'transition' && event.to === 'active');
    scenario.events.splice(1, 0, {
      date: activation?.date ?? scenario.body.intakeDate,
      by: 'coordinator',
      kind: 'restrict',
      excludeCompanion: others[scenario.index % others.length],
    });
    restricted += 1;
  }
  return scenarios;
}

const COMPANIONS = DEMO_USERS.filter((user) => user.role === 'companion');

/** The email of the companion of a group (the demo has one per group). */
export function companionOf(group: string): string {
  const found = COMPANIONS.find((user) => user.groups?.includes(group));
  if (!found) throw new Error(`The demo has no companion for ${group}.`);
  return found.email;
}

function companionsOf(regionCode: string): string[] {
  const groups = DEMO_PLACES.find((region) => region.code === regionCode)!.villages.map((village) => village.group);
  return COMPANIONS.filter((user) => user.groups?.some((group) => groups.includes(group))).map((user) => user.email);
}
