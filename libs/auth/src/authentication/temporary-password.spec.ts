import { checkPassword } from './password-policy';
import { generateTemporaryPassword } from './temporary-password';

describe('temporary passwords', () => {
  it('are two fresh halves that make the whole, long enough for the policy', () => {
    const first = generateTemporaryPassword();
    const second = generateTemporaryPassword();
    expect(first.whole).toBe(`${first.firstHalf}${first.secondHalf}`);
    expect(first.firstHalf).toHaveLength(10);
    expect(first.firstHalf).not.toBe(first.secondHalf);
    expect(first.whole).not.toBe(second.whole);
    expect(checkPassword(first.whole, { email: 'someone@example.test', name: 'Some One' })).toEqual([]);
  });
});
