import * as core from './catalogue/core';
import * as session from './catalogue/session';

/**
 * Every string the client shows, in Bahasa Indonesia (the default) and English. A plain typed
 * object rather than a library: each area of screens keeps its strings in a file of its own under
 * `catalogue/`, typed so that a key missing in English fails the typecheck; `messages.spec.ts`
 * checks both languages at run time and that no two areas claim the same key.
 */
export const areas = { core, session } as const;

export const id = { ...core.id, ...session.id };
export type MessageKey = keyof typeof id;
export type Catalogue = Record<MessageKey, string>;
export const en: Catalogue = { ...core.en, ...session.en };

export const catalogues = { id, en } as const;
export type Language = keyof typeof catalogues;
