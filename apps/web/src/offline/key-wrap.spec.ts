import { generateDataKey, importWrappingKey, unwrapDataKey, wrapDataKey } from './key-wrap';
import { openValue, sealValue } from './sealed-value';

const newWrappingKey = () => importWrappingKey(crypto.getRandomValues(new Uint8Array(32)));

describe('DK wrapped by another key', () => {
  it('unwraps to a DK that opens what the original sealed, and is not extractable unless asked', async () => {
    const dataKey = await generateDataKey();
    const by = await newWrappingKey();
    const sealed = await sealValue(dataKey, 'sealed/x', 'isi');
    const wrapped = await wrapDataKey(dataKey, by, 'keys/dk-by-w');
    const unwrapped = await unwrapDataKey(wrapped, by, 'keys/dk-by-w', false);
    expect(unwrapped.extractable).toBe(false);
    expect(await openValue(unwrapped, 'sealed/x', sealed)).toBe('isi');
    await expect(crypto.subtle.exportKey('raw', unwrapped)).rejects.toThrow();
    expect((await unwrapDataKey(wrapped, by, 'keys/dk-by-w', true)).extractable).toBe(true);
  });

  it('refuses another wrapping key, and a copy presented as the other copy', async () => {
    const dataKey = await generateDataKey();
    const by = await newWrappingKey();
    const wrapped = await wrapDataKey(dataKey, by, 'keys/dk-by-w');
    await expect(unwrapDataKey(wrapped, await newWrappingKey(), 'keys/dk-by-w', false)).rejects.toThrow();
    await expect(unwrapDataKey(wrapped, by, 'keys/dk-by-pin', false)).rejects.toThrow();
  });
});
