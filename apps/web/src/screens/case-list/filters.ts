import { useEffect, useState } from 'preact/hooks';
import type { operations } from '../../api/schema';

/** The filters of `GET /cases` (SPEC §9) that the coordinator's and reviewer's list offers; the page's cursor is not one. */
export type CaseFilters = Omit<
  NonNullable<operations['CasesController_list']['parameters']['query']>,
  'cursor' | 'limit'
>;

export const FILTER_NAMES = [
  'status',
  'riskLevel',
  'violenceType',
  'regionId',
  'villageId',
  'groupId',
  'overdue',
  'intakeFrom',
  'intakeTo',
] as const satisfies readonly (keyof CaseFilters)[];

export type FilterName = (typeof FILTER_NAMES)[number];
export type TypedFilters = Record<FilterName, string>;

export const noFilters = (): TypedFilters => Object.fromEntries(FILTER_NAMES.map((name) => [name, ''])) as TypedFilters;

/** The filters written in an address's query, so that a reload, a shared link and back/forward keep them. */
export function filtersOf(search: string): TypedFilters {
  const query = new URLSearchParams(search);
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, query.get(name) ?? ''])) as TypedFilters;
}

/** The query of an address for these filters: the empty ones are left out. */
export function searchOf(filters: TypedFilters): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) query.set(name, filters[name]);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The request's query: the API refuses unknown values with 400, so what the address holds is sent as it is. */
export function requestQuery(filters: TypedFilters): CaseFilters {
  return Object.fromEntries(FILTER_NAMES.filter((name) => filters[name]).map((name) => [name, filters[name]]));
}

/**
 * The filters of the current address. The router follows the path only, so the list follows its
 * own query: a new filter is a new history entry at `/cases` (also when the list showed as the
 * role's start at `/`), and back/forward bring the earlier one back.
 */
export function useFilterQuery(): [TypedFilters, (filters: TypedFilters) => void] {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const onPop = () => setSearch(location.search);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const apply = (filters: TypedFilters) => {
    const next = searchOf(filters);
    if (next !== location.search) history.pushState(null, '', `/cases${next}`);
    setSearch(next);
  };
  return [filtersOf(search), apply];
}
