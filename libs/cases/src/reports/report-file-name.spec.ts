import { reportFileName } from './report-file-name';

describe('report file names', () => {
  const figures = (audience: 'internal' | 'external', locale: 'id' | 'en') => ({
    audience,
    locale,
    year: 2026,
    scope: { level: 'region' as const, id: null, name: 'Kupang' },
  });

  it('names internal and external reports of the same scope differently, the internal one as confidential', () => {
    expect(reportFileName(figures('internal', 'id'), 'pdf')).toBe('laporan-evaluasi-internal-rahasia-2026-kupang.pdf');
    expect(reportFileName(figures('external', 'id'), 'pdf')).toBe('laporan-evaluasi-eksternal-2026-kupang.pdf');
    expect(reportFileName(figures('internal', 'en'), 'xlsx')).toBe(
      'evaluation-report-internal-confidential-2026-kupang.xlsx',
    );
    expect(reportFileName(figures('external', 'en'), 'zip')).toBe('evaluation-report-external-2026-kupang.zip');
  });

  it('keeps only ASCII letters and digits of the place', () => {
    expect(
      reportFileName(
        { ...figures('external', 'id'), scope: { level: 'group', id: null, name: 'Kelompok Ngaṟa "Bersatu"' } },
        'pdf',
      ),
    ).toBe('laporan-evaluasi-eksternal-2026-kelompok-ngara-bersatu.pdf');
  });
});
