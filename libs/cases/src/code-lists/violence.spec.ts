import { CodeListError } from './code-list';
import {
  GBVIMS_TYPE_CODES,
  GbvimsRule,
  gbvimsPrimaryType,
  gbvimsTypesOf,
  SIMFONI_TO_GBVIMS,
  TPKS_FORM_CODES,
  TPKS_FORM_LIST,
  TPKS_TO_GBVIMS,
  VIOLENCE_TYPE_CODES,
} from './violence';

describe('the violence code lists', () => {
  it('has the seven SIMFONI-PPA categories of SPEC §9', () => {
    expect(VIOLENCE_TYPE_CODES).toEqual([
      'fisik',
      'psikis',
      'seksual',
      'eksploitasi',
      'trafficking',
      'penelantaran',
      'lainnya',
    ]);
  });

  it('has the nine forms of UU TPKS art. 4(1), letters a to i in order, then art. 4(2) offences', () => {
    const paragraph1 = TPKS_FORM_LIST.filter((form) => form.article.startsWith('4(1)'));
    expect(paragraph1.map((form) => form.code)).toEqual([
      'pelecehan_seksual_nonfisik',
      'pelecehan_seksual_fisik',
      'pemaksaan_kontrasepsi',
      'pemaksaan_sterilisasi',
      'pemaksaan_perkawinan',
      'penyiksaan_seksual',
      'eksploitasi_seksual',
      'perbudakan_seksual',
      'kekerasan_seksual_berbasis_elektronik',
    ]);
    expect(paragraph1.map((form) => form.article)).toEqual('abcdefghi'.split('').map((letter) => `4(1)(${letter})`));
    const paragraph2 = TPKS_FORM_LIST.filter((form) => !form.article.startsWith('4(1)'));
    expect(paragraph2.map((form) => [form.code, form.article])).toEqual([
      ['perkosaan', '4(2)(a)'],
      ['perbuatan_cabul', '4(2)(b)'],
      ['persetubuhan_terhadap_anak', '4(2)(c)'],
      ['pemaksaan_pelacuran', '4(2)(f)'],
    ]);
    expect(new Set(TPKS_FORM_LIST.map((form) => form.article)).size).toBe(TPKS_FORM_LIST.length);
  });

  it('has the six GBVIMS core types in the order of the Classification Tool', () => {
    expect(GBVIMS_TYPE_CODES).toEqual([
      'rape',
      'sexual_assault',
      'physical_assault',
      'forced_marriage',
      'denial_of_resources',
      'psychological_emotional_abuse',
    ]);
  });
});

describe('the GBVIMS mapping tables', () => {
  const tables: [string, readonly string[], Record<string, GbvimsRule>][] = [
    ['SIMFONI category', VIOLENCE_TYPE_CODES, SIMFONI_TO_GBVIMS],
    ['TPKS form', TPKS_FORM_CODES, TPKS_TO_GBVIMS],
  ];

  it.each(tables)('cover every %s exactly, each with a reason', (_name, codes, table) => {
    expect(Object.keys(table).sort()).toEqual([...codes].sort());
    for (const rule of Object.values(table)) expect(rule.reason.trim().length).toBeGreaterThan(30);
  });

  it.each(tables)('map each %s only to GBVIMS core types, without repeats', (_name, _codes, table) => {
    for (const rule of Object.values(table)) {
      for (const types of [rule.gbvims, rule.fallbackWithoutTpksForm ?? []]) {
        for (const type of types) expect(GBVIMS_TYPE_CODES).toContain(type);
        expect(new Set(types).size).toBe(types.length);
      }
    }
  });

  it('leaves unmapped, deliberately and with a reason, exactly the SIMFONI categories that name a context or nothing', () => {
    const unmapped = (table: Record<string, GbvimsRule>) =>
      Object.entries(table)
        .filter(([, rule]) => rule.gbvims.length === 0 && !rule.fallbackWithoutTpksForm?.length)
        .map(([code]) => code);
    expect(unmapped(SIMFONI_TO_GBVIMS)).toEqual(['eksploitasi', 'trafficking', 'lainnya']);
    expect(unmapped(TPKS_TO_GBVIMS)).toEqual([]);
    for (const code of ['eksploitasi', 'trafficking'] as const)
      expect(SIMFONI_TO_GBVIMS[code].reason).toMatch(/case context/);
  });

  it('uses a fallback only for the SIMFONI sexual category', () => {
    const withFallback = Object.entries({ ...SIMFONI_TO_GBVIMS, ...TPKS_TO_GBVIMS } as Record<string, GbvimsRule>)
      .filter(([, rule]) => rule.fallbackWithoutTpksForm !== undefined)
      .map(([code]) => code);
    expect(withFallback).toEqual(['seksual']);
  });

  it('reaches every GBVIMS type from some code', () => {
    const reached = new Set(
      Object.values({ ...SIMFONI_TO_GBVIMS, ...TPKS_TO_GBVIMS } as Record<string, GbvimsRule>).flatMap((rule) => [
        ...rule.gbvims,
        ...(rule.fallbackWithoutTpksForm ?? []),
      ]),
    );
    expect([...reached].sort()).toEqual([...GBVIMS_TYPE_CODES].sort());
  });
});

describe('gbvimsTypesOf', () => {
  it('maps the non-sexual SIMFONI categories', () => {
    expect(gbvimsTypesOf({ violenceTypes: ['fisik'] })).toEqual(['physical_assault']);
    expect(gbvimsTypesOf({ violenceTypes: ['psikis', 'fisik'] })).toEqual([
      'physical_assault',
      'psychological_emotional_abuse',
    ]);
    expect(gbvimsTypesOf({ violenceTypes: ['penelantaran'] })).toEqual(['denial_of_resources']);
  });

  it('counts the sexual category alone as sexual assault, and lets the TPKS forms decide when there are any', () => {
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'] })).toEqual(['sexual_assault']);
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: [] })).toEqual(['sexual_assault']);
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['perkosaan'] })).toEqual(['rape']);
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['pemaksaan_perkawinan'] })).toEqual([
      'forced_marriage',
    ]);
  });

  it('classifies harassment by whether there was contact: physical is sexual assault, non-physical psychological abuse', () => {
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['pelecehan_seksual_fisik'] })).toEqual([
      'sexual_assault',
    ]);
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['pelecehan_seksual_nonfisik'] })).toEqual([
      'psychological_emotional_abuse',
    ]);
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['kekerasan_seksual_berbasis_elektronik'] })).toEqual(
      ['psychological_emotional_abuse'],
    );
  });

  it('counts intercourse with a child as rape', () => {
    expect(gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['persetubuhan_terhadap_anak'] })).toEqual(['rape']);
  });

  it('gives no type for contexts alone, and the type of the act when it is coded', () => {
    expect(gbvimsTypesOf({ violenceTypes: ['trafficking'] })).toEqual([]);
    expect(gbvimsTypesOf({ violenceTypes: ['eksploitasi', 'lainnya'] })).toEqual([]);
    expect(
      gbvimsTypesOf({ violenceTypes: ['trafficking', 'seksual'], tpksForms: ['eksploitasi_seksual', 'perkosaan'] }),
    ).toEqual(['rape', 'sexual_assault']);
    expect(gbvimsTypesOf({ violenceTypes: ['trafficking', 'seksual'] })).toEqual(['sexual_assault']);
  });

  it('maps a TPKS form even when the sexual category was not ticked', () => {
    expect(gbvimsTypesOf({ violenceTypes: ['psikis'], tpksForms: ['pemaksaan_perkawinan'] })).toEqual([
      'forced_marriage',
      'psychological_emotional_abuse',
    ]);
  });

  it('returns each type once, in the Classification Tool order, whatever the order of the input', () => {
    const types = gbvimsTypesOf({
      violenceTypes: ['psikis', 'penelantaran', 'seksual', 'fisik', 'seksual'],
      tpksForms: ['pemaksaan_perkawinan', 'perbuatan_cabul', 'perkosaan', 'pelecehan_seksual_fisik'],
    });
    expect(types).toEqual([
      'rape',
      'sexual_assault',
      'physical_assault',
      'forced_marriage',
      'denial_of_resources',
      'psychological_emotional_abuse',
    ]);
  });

  it('refuses an unknown code, naming the list', () => {
    expect(() => gbvimsTypesOf({ violenceTypes: ['ekonomi' as never] })).toThrow(
      new CodeListError('Unknown code "ekonomi" in violenceTypes.'),
    );
    expect(() => gbvimsTypesOf({ violenceTypes: ['seksual'], tpksForms: ['rape' as never] })).toThrow(
      'Unknown code "rape" in tpksForms.',
    );
    expect(() => gbvimsTypesOf({ violenceTypes: ['toString' as never] })).toThrow(CodeListError);
  });
});

describe('gbvimsPrimaryType', () => {
  it('picks the first type that applies, as a GBVIMS incident count does', () => {
    expect(gbvimsPrimaryType({ violenceTypes: ['fisik', 'psikis', 'seksual'], tpksForms: ['perkosaan'] })).toBe('rape');
    expect(gbvimsPrimaryType({ violenceTypes: ['fisik', 'psikis'] })).toBe('physical_assault');
    expect(gbvimsPrimaryType({ violenceTypes: ['psikis'], tpksForms: ['pemaksaan_perkawinan'] })).toBe(
      'forced_marriage',
    );
  });

  it('is null when nothing classifiable was coded', () => {
    expect(gbvimsPrimaryType({ violenceTypes: ['lainnya'] })).toBeNull();
    expect(gbvimsPrimaryType({ violenceTypes: [] })).toBeNull();
  });
});
