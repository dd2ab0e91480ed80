import { type Captured, capturedCount, dropCaptured, keepCaptured, openCaptured } from './capture-store';
import type { PhoneVault } from './phone-vault';
import { generateSealingPair, openSealedToPhone, type SealedToPhone, sealToPhone } from './sealing-pair';

/**
 * The vault's sealed-for-later store in memory, with the real sealing pair: what capture-store asks
 * of it (the IndexedDB side is the browser test's).
 */
async function sealingVault() {
  const pair = await generateSealingPair();
  const kept = new Map<string, SealedToPhone>();
  const vault = {
    keepForLater: async (name: string, value: unknown) =>
      void kept.set(name, await sealToPhone(pair.publicKey, `sealed/${name}`, value)),
    namesForLater: async (prefix: string) => [...kept.keys()].filter((name) => name.startsWith(prefix)),
    openForLater: async (name: string) => {
      const sealed = kept.get(name);
      return sealed ? openSealedToPhone(pair.privateKey, `sealed/${name}`, sealed) : undefined;
    },
    delete: async (name: string) => void kept.delete(name),
  };
  return { vault: vault as unknown as PhoneVault, kept };
}

const record = (id: string, savedAt: number, note: string): Captured => ({
  id,
  kind: 'follow-up',
  state: 'done',
  note,
  form: { date: '2026-12-07', type: 'home_visit', notes: note },
  savedAt,
});

describe('capture-only records (SPEC §12 "Capture only")', () => {
  it('keeps each under capture/<id>, sealed, counted by name, opened oldest first, dropped by id', async () => {
    const { vault, kept } = await sealingVault();
    const later = record('b0b0b0b0-0000-4000-8000-000000000002', 2000, 'Ibu KANARI kedua');
    const earlier = record('a0a0a0a0-0000-4000-8000-000000000001', 1000, 'Ibu KANARI pertama');
    await keepCaptured(vault, later);
    await keepCaptured(vault, earlier);
    expect([...kept.keys()].sort()).toEqual([`capture/${earlier.id}`, `capture/${later.id}`]);
    for (const sealed of kept.values()) expect(Buffer.from(sealed.data).toString('latin1')).not.toContain('KANARI');
    expect(await capturedCount(vault)).toBe(2);
    expect(await openCaptured(vault)).toEqual([earlier, later]);
    await dropCaptured(vault, earlier.id);
    expect(await openCaptured(vault)).toEqual([later]);
  });

  it('a draft saved again under its id replaces the earlier one', async () => {
    const { vault } = await sealingVault();
    const id = 'c0c0c0c0-0000-4000-8000-000000000003';
    await keepCaptured(vault, { ...record(id, 1000, 'setengah'), state: 'draft' });
    await keepCaptured(vault, record(id, 2000, 'selesai'));
    expect(await openCaptured(vault)).toEqual([record(id, 2000, 'selesai')]);
  });
});
