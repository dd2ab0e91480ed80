import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiProblem, answered } from '../../api/problem';
import type { components } from '../../api/schema';
import type { CodeLists } from '../../ui/labels';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/alert';
import { failureText } from '../../ui/failure-text';
import { Heading } from '../../ui/heading';
import { calendarDay, codeLabel } from '../../ui/labels';
import { allPlaces, allUsers, nameOf, type Places, type UserEntry } from './directory';
import { CaseCard, CaseLink, FollowUpDue } from '../case-card';
import { FilterForm } from './filter-form';
import { requestQuery, searchOf, useFilterQuery } from './filters';

type CaseView = components['schemas']['CaseView'];

const PAGE_SIZE = 25;

interface Frame {
  codes: CodeLists;
  places: Places;
  users: UserEntry[];
}

interface Listed {
  cases: CaseView[];
  nextCursor?: string;
}

/**
 * The cases of the coordinator's regions (a reviewer's: the organisation's, de-identified) with
 * the filters of SPEC §9, kept in the address. Only what each record carries is shown: the API
 * leaves out every field the reader may not read, and this screen never asks for more.
 */
export function CaseList() {
  const { t, language } = useI18n();
  const [filters, apply] = useFilterQuery();
  const [frame, setFrame] = useState<Frame>();
  const [listed, setListed] = useState<Listed>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [focusFrom, setFocusFrom] = useState<number>();
  const search = searchOf(filters);

  const describe = (error: unknown) =>
    error instanceof ApiProblem && error.status === 400 ? t('coordinatorFiltersRefused') : failureText(error, t);

  useEffect(() => {
    Promise.all([answered(api.GET('/api/v1/code-lists')), allPlaces(), allUsers()]).then(
      ([codes, places, users]) => setFrame({ codes, places, users }),
      (error: unknown) => setFailure(describe(error)),
    );
  }, []);

  const fetchPage = (cursor?: string) =>
    answered(api.GET('/api/v1/cases', { params: { query: { ...requestQuery(filters), cursor, limit: PAGE_SIZE } } }));

  useEffect(() => {
    setListed(undefined);
    setFailure(undefined);
    fetchPage().then(
      (page) => setListed({ cases: page.items, nextCursor: page.nextCursor ?? undefined }),
      (error: unknown) => setFailure(describe(error)),
    );
  }, [search]);

  // After "show more" the keyboard goes on from the first new case, not from a button that may be gone.
  useEffect(() => {
    if (focusFrom === undefined) return;
    const links = [...document.querySelectorAll<HTMLElement>('.case-cards .case-number a, .case-table tbody th a')];
    links.filter((link) => link.offsetParent)[focusFrom]?.focus();
    setFocusFrom(undefined);
  }, [focusFrom]);

  const more = async () => {
    if (!listed?.nextCursor || busy) return;
    setBusy(true);
    try {
      const page = await fetchPage(listed.nextCursor);
      setListed({ cases: [...listed.cases, ...page.items], nextCursor: page.nextCursor ?? undefined });
      setFocusFrom(listed.cases.length);
    } catch (error) {
      setFailure(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const ready = frame && listed;
  const label = (list: string, code: string | null | undefined) =>
    frame ? codeLabel(frame.codes, language, list, code) : '';
  const date = (day: string | null | undefined) => (day ? calendarDay(language, day) : '');
  const place = (item: CaseView) =>
    frame
      ? [
          nameOf(frame.places.villages, item.villageId) || nameOf(frame.places.regions, item.regionId),
          nameOf(frame.places.groups, item.groupId),
        ]
          .filter(Boolean)
          .join(' · ')
      : '';
  const companion = (item: CaseView) =>
    item.assignedCompanionId === undefined
      ? undefined
      : item.assignedCompanionId
        ? nameOf(frame?.users ?? [], item.assignedCompanionId) || t('coordinatorCompanionUnknown')
        : t('coordinatorUnassigned');
  const showsCompanion = listed?.cases.some((item) => item.assignedCompanionId !== undefined);

  return (
    <>
      <Heading>{t('coordinatorCasesTitle')}</Heading>
      {frame && <FilterForm filters={filters} codes={frame.codes} places={frame.places} onApply={apply} />}
      <Alert text={failure} />
      {!ready && !failure && <p aria-live="polite">{t('loading')}</p>}
      {ready && (
        <p class="result-count" aria-live="polite">
          {listed.cases.length === 0
            ? t('coordinatorNoCases')
            : listed.nextCursor
              ? t('coordinatorShownMore', { count: String(listed.cases.length) })
              : t('coordinatorShown', { count: String(listed.cases.length) })}
        </p>
      )}
      {ready && listed.cases.length > 0 && (
        <>
          <ul class="case-cards" aria-label={t('coordinatorCasesTitle')}>
            {listed.cases.map((item) => (
              <CaseCard key={item.id} item={item} codes={frame.codes}>
                <div>
                  <dt>{t('coordinatorPlace')}</dt>
                  <dd>{place(item)}</dd>
                </div>
                {companion(item) !== undefined && (
                  <div>
                    <dt>{t('coordinatorCompanion')}</dt>
                    <dd>{companion(item)}</dd>
                  </div>
                )}
              </CaseCard>
            ))}
          </ul>
          <table class="case-table">
            <caption class="visually-hidden">{t('coordinatorCasesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseNumber')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('riskLevel')}</th>
                <th scope="col">{t('caseIntakeDate')}</th>
                <th scope="col">{t('caseViolenceTypes')}</th>
                <th scope="col">{t('coordinatorPlace')}</th>
                {showsCompanion && <th scope="col">{t('coordinatorCompanion')}</th>}
                <th scope="col">{t('nextFollowUp')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.cases.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <CaseLink id={item.id} caseNumber={item.caseNumber} />
                  </th>
                  <td>{label('caseStatus', item.status)}</td>
                  <td>{label('riskLevel', item.riskLevel)}</td>
                  <td>{date(item.intakeDate)}</td>
                  <td>{(item.violenceTypes ?? []).map((code) => label('violenceTypes', code)).join(', ')}</td>
                  <td>{place(item)}</td>
                  {showsCompanion && <td>{companion(item)}</td>}
                  <td>
                    <FollowUpDue item={item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {listed.nextCursor && (
            <button type="button" class="more" disabled={busy} onClick={() => void more()}>
              {t('coordinatorMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
