import { findUnacceptableValues, MAX_STRING_LENGTH } from './validation';

describe('findUnacceptableValues', () => {
  it('names a string that is too long by its path', () => {
    const problems = findUnacceptableValues({ survivor: { address: 'x'.repeat(MAX_STRING_LENGTH + 1) } });
    expect(problems).toEqual([{ field: 'survivor.address', message: expect.stringContaining('at most') }]);
  });

  it('accepts ordinary bodies', () => {
    expect(findUnacceptableValues({ a: ['x', { b: 1 }], c: null })).toEqual([]);
  });

  it('refuses control characters such as NUL, which PostgreSQL cannot store', () => {
    expect(findUnacceptableValues({ name: 'Maria\u0000' })).toEqual([
      { field: 'name', message: 'must not contain control characters' },
    ]);
    expect(findUnacceptableValues({ note: 'line one\nline two\tend' })).toEqual([]);
  });

  it('refuses deep nesting', () => {
    let nested: Record<string, unknown> = {};
    const root = nested;
    for (let i = 0; i < 12; i++) nested = (nested.next = {}) as Record<string, unknown>;
    expect(findUnacceptableValues(root)[0].message).toMatch(/deeper/);
  });

  it('refuses a lone surrogate, which is no text, naming the field', () => {
    expect(findUnacceptableValues({ survivor: { name: 'Ma\ud800ria' } })).toEqual([
      { field: 'survivor.name', message: 'must be well-formed Unicode text' },
    ]);
    expect(findUnacceptableValues({ narrative: '\udc00' })).toHaveLength(1);
    expect(findUnacceptableValues({ narrative: 'Ibu 👩 dan anak' })).toEqual([]);
  });
});
