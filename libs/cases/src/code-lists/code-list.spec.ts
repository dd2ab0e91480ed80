import { CodeListError, codesOf, entryOf, isCode, labelOf, LOCALES } from './code-list';
import { RISK_LEVEL_LIST } from './case-codes';
import { TPKS_FORM_LIST, VIOLENCE_TYPE_LIST } from './violence';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('labelOf', () => {
  it('gives the label of a code in Indonesian or English', () => {
    expect(labelOf(VIOLENCE_TYPE_LIST, 'trafficking', 'id')).toBe('Perdagangan orang (TPPO)');
    expect(labelOf(VIOLENCE_TYPE_LIST, 'trafficking', 'en')).toBe('Trafficking in persons');
    expect(labelOf(RISK_LEVEL_LIST, 'critical', 'id')).toBe('Kritis');
    expect(labelOf(TPKS_FORM_LIST, 'kekerasan_seksual_berbasis_elektronik', 'id')).toBe(
      'Kekerasan seksual berbasis elektronik (KSBE)',
    );
  });

  it('refuses an unknown code or locale with a 400 validation problem naming it', () => {
    const unknownCode = () => labelOf(VIOLENCE_TYPE_LIST, 'ekonomi' as never, 'id');
    expect(unknownCode).toThrow(CodeListError);
    expect(unknownCode).toThrow('Unknown code "ekonomi" in code list.');
    expect(() => labelOf(VIOLENCE_TYPE_LIST, 'fisik', 'fr' as never)).toThrow(
      'Unknown locale "fr"; expected one of id, en.',
    );
    expect(thrown(unknownCode)).toMatchObject({ kind: 'validation-failed', status: 400 });
  });

  it('does not find a code by its label or by another case', () => {
    expect(() => labelOf(VIOLENCE_TYPE_LIST, 'Kekerasan fisik' as never, 'id')).toThrow(CodeListError);
    expect(() => labelOf(VIOLENCE_TYPE_LIST, 'FISIK' as never, 'id')).toThrow(CodeListError);
  });
});

describe('codesOf, isCode, entryOf', () => {
  it('lists the codes in the order of the list', () => {
    expect(codesOf(RISK_LEVEL_LIST)).toEqual(['low', 'medium', 'high', 'critical']);
    expect(Object.isFrozen(codesOf(RISK_LEVEL_LIST))).toBe(true);
  });

  it('tells a code of the list from anything else', () => {
    expect(isCode(RISK_LEVEL_LIST, 'high')).toBe(true);
    for (const value of ['High', 'severe', '', undefined, null, 3, { code: 'high' }])
      expect(isCode(RISK_LEVEL_LIST, value)).toBe(false);
  });

  it('returns the whole entry, extra fields included, and names the list when the code is unknown', () => {
    expect(entryOf(TPKS_FORM_LIST, 'perkosaan')).toMatchObject({ code: 'perkosaan', article: '4(2)(a)' });
    expect(() => entryOf(TPKS_FORM_LIST, 'zina' as never, 'tpksForms')).toThrow('Unknown code "zina" in tpksForms.');
  });

  it('has Indonesian and English', () => {
    expect(LOCALES).toEqual(['id', 'en']);
  });
});
