import { fromBase64Url, toBase64Url } from './base64url';

describe('base64url', () => {
  it('round-trips every byte value without padding and matches Node', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const text = toBase64Url(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64url'));
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('refuses text that is not base64url', () => {
    expect(() => fromBase64Url('a+b/')).toThrow('not base64url');
  });
});
