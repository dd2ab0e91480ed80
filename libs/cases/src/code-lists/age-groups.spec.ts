import {
  AgeBand,
  assertValidAge,
  GBVIMS_AGE_GROUP_LIST,
  gbvimsAgeGroup,
  isChild,
  MAX_AGE,
  PERPETRATOR_AGE_GROUP_CODES,
  SIMFONI_AGE_GROUP_CODES,
  SIMFONI_AGE_GROUP_LIST,
  simfoniAgeGroup,
} from './age-groups';
import { CodeListError } from './code-list';

describe('simfoniAgeGroup', () => {
  it.each([
    [0, '0-5'],
    [5, '0-5'],
    [6, '6-12'],
    [12, '6-12'],
    [13, '13-17'],
    [17, '13-17'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-44'],
    [44, '25-44'],
    [45, '45-59'],
    [59, '45-59'],
    [60, '60+'],
    [120, '60+'],
  ])('puts %i in %s', (age, group) => {
    expect(simfoniAgeGroup(age)).toBe(group);
  });
});

describe('gbvimsAgeGroup', () => {
  it.each([
    [0, '0-11'],
    [11, '0-11'],
    [12, '12-17'],
    [17, '12-17'],
    [18, '18+'],
    [120, '18+'],
  ])('puts %i in %s', (age, group) => {
    expect(gbvimsAgeGroup(age)).toBe(group);
  });
});

describe('isChild', () => {
  it('is true under 18 and false from 18', () => {
    expect(isChild(0)).toBe(true);
    expect(isChild(17)).toBe(true);
    expect(isChild(18)).toBe(false);
    expect(isChild(75)).toBe(false);
  });

  it('agrees with both schemes: every child band ends before 18, every adult band starts at 18 or later', () => {
    for (let age = 0; age <= MAX_AGE; age += 1) {
      expect(isChild(age)).toBe(['0-5', '6-12', '13-17'].includes(simfoniAgeGroup(age)));
      expect(isChild(age)).toBe(gbvimsAgeGroup(age) !== '18+');
    }
  });
});

describe('age validation', () => {
  const functions = { simfoniAgeGroup, gbvimsAgeGroup, isChild };

  it.each([-1, 121, 12.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5])('refuses %p with a clear 400 error', (age) => {
    for (const fn of Object.values(functions)) {
      expect(() => fn(age)).toThrow(CodeListError);
      expect(() => fn(age)).toThrow(`Age must be a whole number of years from 0 to 120; got ${age}.`);
    }
    expect(() => assertValidAge(age)).toThrow(expect.objectContaining({ kind: 'validation-failed' }));
  });

  it('refuses what is not a number without echoing it', () => {
    expect(() => simfoniAgeGroup('15' as never)).toThrow(
      'Age must be a whole number of years from 0 to 120; got a value of type string.',
    );
    expect(() => isChild(null as never)).toThrow('got a value of type null.');
    expect(() => gbvimsAgeGroup(undefined as never)).toThrow('got a value of type undefined.');
  });

  it('accepts the bounds and a negative zero', () => {
    expect(simfoniAgeGroup(0)).toBe('0-5');
    expect(simfoniAgeGroup(-0)).toBe('0-5');
    expect(isChild(120)).toBe(false);
  });
});

describe('the bands', () => {
  it.each([
    ['SIMFONI-PPA', SIMFONI_AGE_GROUP_LIST],
    ['GBVIMS', GBVIMS_AGE_GROUP_LIST],
  ] as [string, readonly AgeBand[]][])('%s bands run from 0 without gap or overlap and end open', (_name, bands) => {
    expect(bands[0].min).toBe(0);
    for (let index = 1; index < bands.length; index += 1)
      expect(bands[index].min).toBe((bands[index - 1].max ?? Number.NaN) + 1);
    expect(bands.at(-1)?.max).toBeNull();
    for (const band of bands) {
      const expected = band.max === null ? `${band.min}+` : `${band.min}-${band.max}`;
      expect(band.code).toBe(expected);
    }
  });

  it('are those of SPEC §4, and a perpetrator may also be of unknown age', () => {
    expect(SIMFONI_AGE_GROUP_CODES).toEqual(['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+']);
    expect(GBVIMS_AGE_GROUP_LIST.map((band) => band.code)).toEqual(['0-11', '12-17', '18+']);
    expect(PERPETRATOR_AGE_GROUP_CODES).toEqual([...SIMFONI_AGE_GROUP_CODES, 'unknown']);
  });
});
