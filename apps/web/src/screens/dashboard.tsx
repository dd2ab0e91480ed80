import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { codeLabel } from '../ui/labels';
import { CountTable, type CountRow } from '../ui/count-table';
import { PlanProgressList } from './plan-progress-list';
import type { StatsSummary } from './report-views';
import { Loading } from '../ui/loading';

type RegionView = components['schemas']['RegionView'];

interface Loaded {
  summary: StatsSummary;
  regions: RegionView[];
  codes: CodeLists;
}

/**
 * The de-identified counts of the cases the reader may see (SPEC §9 `GET /stats/summary`): a
 * coordinator's regions, a reviewer's whole organisation. The server scopes the figures; the
 * screen names the regions it read so that the reader knows what they cover.
 */
export function Dashboard() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    Promise.all([
      answered(api.GET('/api/v1/stats/summary')),
      answered(api.GET('/api/v1/regions', { params: { query: { limit: 200 } } })),
      answered(api.GET('/api/v1/code-lists')),
    ]).then(([summary, regions, codes]) => setLoaded({ summary, regions: regions.items, codes }), setFailure);
  }, []);

  if (!loaded)
    return (
      <Loading
        title={t('reportsDashboardTitle')}
        failure={failure === undefined ? undefined : failureText(failure, t)}
      />
    );

  const { summary, codes } = loaded;
  const number = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB');
  /** Every code of the list in its order, then any code the list no longer offers; `missing` counts the cases without one. */
  const rowsOf = (list: keyof CodeLists, counts: Record<string, number>, missing?: number): CountRow[] => {
    const listed = (codes[list] ?? []).map((entry) => entry.code);
    const rows = [...listed, ...Object.keys(counts).filter((code) => !listed.includes(code))].map((code) => ({
      key: code,
      label: codeLabel(codes, language, list, code),
      count: counts[code] ?? 0,
    }));
    return missing ? [...rows, { key: 'not_recorded', label: t('reportsNotRecorded'), count: missing }] : rows;
  };
  const unrecorded = (counts: Record<string, number>) =>
    summary.total - Object.values(counts).reduce((sum, n) => sum + n, 0);
  const years = Object.keys(summary.byIntakeYear)
    .sort()
    .reverse()
    .map((year) => ({ key: year, label: year, count: summary.byIntakeYear[year]! }));

  return (
    <>
      <Heading>{t('reportsDashboardTitle')}</Heading>
      <p class="dashboard-scope">
        {t('reportsDashboardScope', {
          regions: loaded.regions.map((region) => region.name ?? '').join(', '),
        })}{' '}
        {t('reportsDashboardDeidentified')}
      </p>
      <section aria-labelledby="dashboard-headline" class="case-section">
        <h2 id="dashboard-headline">{t('reportsHeadline')}</h2>
        <dl class="figures">
          <div>
            <dt>{t('reportsTotalCases')}</dt>
            <dd data-figure="total">{number.format(summary.total)}</dd>
          </div>
          <div>
            <dt>{t('reportsChildren')}</dt>
            <dd data-figure="children">{number.format(summary.children)}</dd>
          </div>
          <div>
            <dt>{t('reportsOverdueFollowUps')}</dt>
            <dd data-figure="overdue">{number.format(summary.overdueFollowUps)}</dd>
          </div>
        </dl>
      </section>
      {summary.total === 0 ? (
        <p>{t('reportsNoCases')}</p>
      ) : (
        <div class="count-tables">
          <CountTable
            caption={t('reportsByStatus')}
            firstColumn={t('status')}
            rows={rowsOf('caseStatus', summary.byStatus)}
            whole={summary.total}
          />
          <CountTable
            caption={t('reportsByRisk')}
            firstColumn={t('riskLevel')}
            rows={rowsOf('riskLevel', summary.byRiskLevel, unrecorded(summary.byRiskLevel))}
            whole={summary.total}
          />
          <CountTable
            caption={t('reportsByViolence')}
            note={t('reportsByViolenceNote')}
            firstColumn={t('caseViolenceTypes')}
            rows={rowsOf('violenceTypes', summary.byViolenceType)}
            whole={summary.total}
          />
          <CountTable
            caption={t('reportsBySex')}
            firstColumn={t('reportsColumnSex')}
            rows={rowsOf('sex', summary.bySex, unrecorded(summary.bySex))}
            whole={summary.total}
          />
          <CountTable
            caption={t('reportsByYear')}
            firstColumn={t('reportsColumnYear')}
            rows={years}
            whole={summary.total}
          />
        </div>
      )}
      <PlanProgressList year={new Date().getFullYear()} codes={codes} />
    </>
  );
}
