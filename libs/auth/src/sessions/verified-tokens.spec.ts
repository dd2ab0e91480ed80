import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('answers what a token said until the moment it expires, then forgets it', () => {
    const tokens = new VerifiedTokens<string>(10);
    tokens.remember('a', 'claims of a', 2_000, 0);
    expect(tokens.get('a', 1_999)).toBe('claims of a');
    expect(tokens.get('a', 2_000)).toBeUndefined();
    expect(tokens.get('a', 1_000)).toBeUndefined();
  });

  it('knows nothing of a token it was not given', () => {
    expect(new VerifiedTokens<string>(10).get('never seen', 0)).toBeUndefined();
  });

  it('keeps no more than its capacity: the expired go first, then the oldest', () => {
    const tokens = new VerifiedTokens<string>(2);
    tokens.remember('expires soon', '1', 100, 0);
    tokens.remember('lives long', '2', 10_000, 0);
    tokens.remember('third', '3', 10_000, 500);
    expect(tokens.get('lives long', 600)).toBe('2');
    expect(tokens.get('third', 600)).toBe('3');
    tokens.remember('fourth', '4', 10_000, 700);
    expect(tokens.get('lives long', 800)).toBeUndefined();
    expect(tokens.get('third', 800)).toBe('3');
    expect(tokens.get('fourth', 800)).toBe('4');
  });
});
