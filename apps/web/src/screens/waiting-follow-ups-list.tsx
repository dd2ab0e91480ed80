import { useI18n } from '../i18n/i18n';
import { isSending } from '../offline/outbox-delivery';
import type { OutboxRecord } from '../offline/outbox-record';
import { calendarDay, codeLabel, type CodeLists } from '../ui/labels';
import { stateText } from './outbox-state-text';
import { useOutbox } from './use-outbox';

type FollowUpRecord = OutboxRecord & { request: { kind: 'follow-up' } };

/**
 * What she added to this case on the phone and the server does not hold yet (SPEC §12), oldest
 * first as the outbox sends them, each with its state in the outbox's words. Delivered ones leave
 * the list and appear among the case's follow-ups once the case is read again.
 */
export function WaitingFollowUpsList({ caseId, codes }: { caseId: string; codes: CodeLists }) {
  const { t, language } = useI18n();
  const records = useOutbox();
  const waiting = (records ?? []).filter(
    (record): record is FollowUpRecord => record.request.kind === 'follow-up' && record.request.caseId === caseId,
  );
  if (waiting.length === 0) return null;
  return (
    <>
      <h3 id="case-waiting-follow-ups">{t('phoneWaitingFollowUps')}</h3>
      <ul class="entries waiting-follow-ups" aria-labelledby="case-waiting-follow-ups">
        {waiting.map((record) => {
          const { body } = record.request;
          return (
            <li key={record.id}>
              <p class="entry-title">
                {calendarDay(language, body.date)}: {codeLabel(codes, language, 'followUpType', body.type)}
              </p>
              {body.notes && <p>{body.notes}</p>}
              <p class="outbox-state">{stateText(record, isSending(record.id), t, language)}</p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
