import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { calendarDay } from '../ui/labels';
import { HISTORY_ACTIONS, HISTORY_FIELDS, historyValue } from './case-history-fields';

type CaseHistoryEntry = components['schemas']['CaseHistoryEntry'];

/**
 * The case's history (SPEC §4): when, which action, each field changed in the reader's words, and
 * its new value where the API gave one (it leaves out the values the reader may not read now).
 */
export function CaseHistory({ history, codes }: { history: CaseHistoryEntry[]; codes: CodeLists }) {
  const { t, language } = useI18n();
  const words = { codes, language, yes: t('caseworkYes'), no: t('caseworkNo'), cleared: t('caseworkCleared') };
  const named = (table: Record<string, MessageKey>, code: string) => {
    const key = table[code];
    return key ? t(key) : code;
  };

  return (
    <section class="case-section" aria-labelledby="case-history">
      <h2 id="case-history">{t('caseHistory')}</h2>
      <ul class="entries">
        {history.map((entry, index) => (
          <li key={index}>
            <p class="entry-title">
              {calendarDay(language, entry.at)}: {named(HISTORY_ACTIONS, entry.action)}
            </p>
            {entry.changes.length > 0 && (
              <dl class="changes" aria-label={t('caseHistoryFields')}>
                {entry.changes.map((change, position) => {
                  const value = historyValue(change.field, change.value, 'value' in change, words);
                  return (
                    <div key={position}>
                      <dt>{named(HISTORY_FIELDS, change.field)}</dt>
                      {value !== undefined && <dd>{value}</dd>}
                    </div>
                  );
                })}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
