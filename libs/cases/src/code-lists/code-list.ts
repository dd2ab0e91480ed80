// The module, not the package index: entities import the code lists, and the package index loads the entities.
import { DomainError } from '@pendamping/core/errors/domain-error';

/** The two languages every label is written in: Bahasa Indonesia first, English for partners and donors. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Label = Readonly<Record<Locale, string>>;

/** One entry of a code list: a stable code stored and sent in JSON, and its labels. Lists may add fields (a band's bounds, a law's article). */
export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly label: Label;
}

export type CodeList<C extends string = string> = readonly CodeEntry<C>[];

/** The union of the codes of a list declared `as const`. */
export type CodeOf<L extends CodeList> = L[number]['code'];

/**
 * A code the lists do not know, or an age out of range. Codes and ages are coded data, never
 * identifying, so the detail may name them. A 400: a request carrying one is malformed (SPEC §8).
 */
export class CodeListError extends DomainError {
  constructor(detail: string) {
    super('validation-failed', detail);
  }
}

/** The codes of a list, in its order: for `@IsIn(...)`, OpenAPI enums and CHECK constraints. */
export function codesOf<const L extends CodeList>(list: L): readonly CodeOf<L>[] {
  return Object.freeze(list.map((entry) => entry.code as CodeOf<L>));
}

export function isCode<const L extends CodeList>(list: L, value: unknown): value is CodeOf<L> {
  return typeof value === 'string' && list.some((entry) => entry.code === value);
}

/** The entry of a code; throws CodeListError if the list has no such code. */
export function entryOf<const L extends CodeList>(list: L, code: CodeOf<L>, listName = 'code list'): L[number] {
  const entry = list.find((candidate) => candidate.code === code);
  if (!entry) throw new CodeListError(`Unknown code ${JSON.stringify(code)} in ${listName}.`);
  return entry;
}

/** The label of a code in one language; throws CodeListError for an unknown code or locale. */
export function labelOf<const L extends CodeList>(list: L, code: CodeOf<L>, locale: Locale): string {
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new CodeListError(`Unknown locale ${JSON.stringify(locale)}; expected one of ${LOCALES.join(', ')}.`);
  }
  return entryOf(list, code).label[locale];
}
