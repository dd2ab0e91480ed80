import { generateDataKey } from './key-wrap';
import {
  exportPublicKey,
  generateSealingPair,
  importPublicKey,
  openSealedToPhone,
  sealToPhone,
  unwrapPrivateKey,
  wrapPrivateKey,
} from './sealing-pair';

describe('the sealing pair (capture only)', () => {
  it('seals to the public half alone; the private half, unwrapped by DK, opens it', async () => {
    const pair = await generateSealingPair();
    const dataKey = await generateDataKey();
    const publicRaw = await exportPublicKey(pair.publicKey);
    expect(publicRaw.byteLength).toBe(65);
    const record = { note: 'kasus Ibu CANARY', kind: 'intake' };
    const sealed = await sealToPhone(await importPublicKey(publicRaw), 'capture/1', record);
    expect(Buffer.from(sealed.data).toString('latin1')).not.toContain('CANARY');
    const privateKey = await unwrapPrivateKey(
      await wrapPrivateKey(pair.privateKey, dataKey, 'keys/sealing-private'),
      dataKey,
      'keys/sealing-private',
    );
    expect(privateKey.extractable).toBe(false);
    expect(await openSealedToPhone(privateKey, 'capture/1', sealed)).toEqual(record);
  });

  it('a record cannot be opened for another place or by another pair', async () => {
    const pair = await generateSealingPair();
    const sealed = await sealToPhone(pair.publicKey, 'capture/1', 'isi');
    await expect(openSealedToPhone(pair.privateKey, 'capture/2', sealed)).rejects.toThrow();
    await expect(openSealedToPhone((await generateSealingPair()).privateKey, 'capture/1', sealed)).rejects.toThrow();
  });

  it('uses a new ephemeral key for every record', async () => {
    const pair = await generateSealingPair();
    const first = await sealToPhone(pair.publicKey, 'capture/1', 'isi');
    const second = await sealToPhone(pair.publicKey, 'capture/1', 'isi');
    expect(Buffer.from(first.ephemeral).equals(Buffer.from(second.ephemeral))).toBe(false);
  });
});
