import { useI18n } from '../i18n/i18n';

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/**
 * A table of counts with real headers; the bar beside each share is decoration (hidden from
 * assistive technology), the number is the figure. `whole` is what a share is a part of.
 */
export function CountTable({
  caption,
  note,
  rows,
  whole,
  firstColumn,
}: {
  caption: string;
  note?: string;
  rows: CountRow[];
  whole: number;
  firstColumn: string;
}) {
  const { t, language } = useI18n();
  const percent = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB', { style: 'percent' });
  const number = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB');
  return (
    <div class="count-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" class="number">
              {t('reportsColumnCount')}
            </th>
            <th scope="col" class="number">
              {t('reportsColumnShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const share = whole > 0 ? row.count / whole : 0;
            return (
              <tr key={row.key} data-code={row.key}>
                <th scope="row">{row.label}</th>
                <td class="number">{number.format(row.count)}</td>
                <td class="number share">
                  <span class="bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(share * 100)}%` }} />
                  </span>
                  {percent.format(share)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {note && <p class="hint">{note}</p>}
    </div>
  );
}
