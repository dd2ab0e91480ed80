import { requestHash } from './request-hash';

describe('requestHash', () => {
  it('ignores the order of keys at any depth', () => {
    expect(requestHash('POST', '/r', { a: 1, b: { c: 2, d: [1, { e: 1, f: 2 }] } })).toBe(
      requestHash('POST', '/r', { b: { d: [1, { f: 2, e: 1 }], c: 2 }, a: 1 }),
    );
  });

  it('tells different bodies, paths and array orders apart', () => {
    const base = requestHash('POST', '/r', { a: [1, 2] });
    expect(requestHash('POST', '/r', { a: [2, 1] })).not.toBe(base);
    expect(requestHash('POST', '/s', { a: [1, 2] })).not.toBe(base);
    expect(requestHash('POST', '/r', { a: [1, 2], b: null })).not.toBe(base);
  });
});
