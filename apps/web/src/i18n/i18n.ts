import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { catalogues, type Language, type MessageKey } from './messages';

const STORAGE_KEY = 'pendamping.language';

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

export function translator(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key, values) => catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => values?.[name] ?? '');
}

/** Indonesian unless the user switched before on this browser (a preference, nothing identifying). */
export function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export interface I18n {
  language: Language;
  t: Translate;
  switchLanguage(): void;
}

export const I18nContext = createContext<I18n>({ language: 'id', t: translator('id'), switchLanguage: () => {} });
export const useI18n = () => useContext(I18nContext);
