import type { ReportAudience, ReportFigures, ReportLocale } from './report-model';

/**
 * The audience in the name, so the confidential file is not sent out by mistake for the other:
 * an internal report says so twice ("internal-rahasia"), an external one says "eksternal".
 */
const TITLES: Readonly<Record<ReportLocale, { title: string; audience: Record<ReportAudience, string> }>> = {
  id: { title: 'laporan-evaluasi', audience: { internal: 'internal-rahasia', external: 'eksternal' } },
  en: { title: 'evaluation-report', audience: { internal: 'internal-confidential', external: 'external' } },
};

/** Built by the server from coded values only: `laporan-evaluasi-internal-rahasia-2026-kupang.pdf`. */
export function reportFileName(
  figures: Pick<ReportFigures, 'locale' | 'audience' | 'year' | 'scope'>,
  extension: string,
): string {
  const place = figures.scope.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  const { title, audience } = TITLES[figures.locale];
  return `${title}-${audience[figures.audience]}-${figures.year}${place ? `-${place}` : ''}.${extension}`;
}
