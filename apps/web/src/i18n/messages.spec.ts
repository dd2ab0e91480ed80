import { areas, catalogues, en, id } from './messages';

describe('message catalogue', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [language, catalogue] of Object.entries(catalogues))
      for (const [key, text] of Object.entries(catalogue))
        expect({ language, key, empty: text.trim() === '' }).toEqual({ language, key, empty: false });
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(id) as (keyof typeof id)[])
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(id[key]) });
  });

  it('lets no two areas claim the same key, so that one never silently replaces the other', () => {
    const owners = new Map<string, string[]>();
    for (const [area, catalogue] of Object.entries(areas))
      for (const key of [...Object.keys(catalogue.id), ...Object.keys(catalogue.en)])
        owners.set(key, [...new Set([...(owners.get(key) ?? []), area])]);
    expect([...owners].filter(([, claimed]) => claimed.length > 1)).toEqual([]);
  });
});
