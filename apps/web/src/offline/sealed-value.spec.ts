import { openValue, sealValue } from './sealed-value';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const text = (data: ArrayBuffer) => Buffer.from(data).toString('latin1');

describe('a value sealed under DK', () => {
  it('opens with its key and place, and holds nothing of the value in clear', async () => {
    const key = await newKey();
    const value = { name: 'Siti Canary', phone: '0812-CANARY' };
    const sealed = await sealValue(key, 'sealed/case-1', value);
    expect(text(sealed.data)).not.toContain('Canary');
    expect(await openValue(key, 'sealed/case-1', sealed)).toEqual(value);
  });

  it('cannot be moved to another place, nor opened with another key', async () => {
    const key = await newKey();
    const sealed = await sealValue(key, 'sealed/case-1', 'rahasia');
    await expect(openValue(key, 'sealed/case-2', sealed)).rejects.toThrow();
    await expect(openValue(await newKey(), 'sealed/case-1', sealed)).rejects.toThrow();
  });

  it('takes a fresh IV on every write, so the same value never seals the same way twice', async () => {
    const key = await newKey();
    const first = await sealValue(key, 'sealed/a', 'sama');
    const second = await sealValue(key, 'sealed/a', 'sama');
    expect(Buffer.from(first.iv).equals(Buffer.from(second.iv))).toBe(false);
    expect(Buffer.from(first.data).equals(Buffer.from(second.data))).toBe(false);
  });

  it('pads values to a multiple of 64 bytes, so a short and a longer name seal to the same size', async () => {
    const key = await newKey();
    const short = await sealValue(key, 'sealed/a', 'Ani');
    const longer = await sealValue(key, 'sealed/a', 'Ani Wulandari Saputri');
    expect(short.data.byteLength).toBe(longer.data.byteLength);
    expect(short.data.byteLength).toBe(64 + 16);
  });
});
