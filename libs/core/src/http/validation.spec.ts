import { findOversizedFields, MAX_STRING_LENGTH } from './validation';

describe('findOversizedFields', () => {
  it('names a string that is too long by its path', () => {
    const problems = findOversizedFields({ survivor: { address: 'x'.repeat(MAX_STRING_LENGTH + 1) } });
    expect(problems).toEqual([{ field: 'survivor.address', message: expect.stringContaining('at most') }]);
  });

  it('accepts ordinary bodies', () => {
    expect(findOversizedFields({ a: ['x', { b: 1 }], c: null })).toEqual([]);
  });

  it('refuses deep nesting', () => {
    let nested: Record<string, unknown> = {};
    const root = nested;
    for (let i = 0; i < 12; i++) nested = (nested.next = {}) as Record<string, unknown>;
    expect(findOversizedFields(root)[0].message).toMatch(/deeper/);
  });
});
