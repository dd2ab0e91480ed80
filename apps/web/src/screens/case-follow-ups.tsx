import { useEffect } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import { followUpsDelivered, whenFollowUpDelivered } from '../offline/delivered-follow-ups';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { calendarDay, codeLabel } from '../ui/labels';
import { tokens } from '../session/tokens';
import { FollowUpForm } from './follow-up-form';
import { WaitingFollowUps } from './waiting-follow-ups';
import type { CaseView } from './case-views';

type FollowUpView = components['schemas']['FollowUpView'];

/**
 * The case's follow-ups, newest first as the API answers them, and adding one when `mayAdd` (the
 * case's `allowed`). On a phone, the follow-ups of this case still in the outbox are listed too,
 * and the list is read again when one of them is delivered.
 */
export function FollowUpsSection({
  record,
  codes,
  followUps,
  mayAdd,
  deliveredAtRead,
  onFollowUps,
}: {
  record: CaseView;
  codes: CodeLists;
  followUps: FollowUpView[];
  mayAdd: boolean;
  deliveredAtRead?: number;
  onFollowUps(followUps: FollowUpView[]): void;
}) {
  const { t, language } = useI18n();
  const label = (list: string, code: string | null | undefined) => codeLabel(codes, language, list, code);
  const date = (day: string | null | undefined) => (day ? calendarDay(language, day) : '');
  // On a phone, a follow-up of this case delivered after the list was read (the outbox starts as
  // the recovery or an unlock opens this page) is read again while online, so it shows rather than
  // seeming lost; offline the phone holds nothing newer, and a failed read keeps the list as it is.
  useEffect(() => {
    if (!tokens.phone() || !record.id) return;
    const caseId = record.id;
    const readAgain = () => {
      if (!tokens.access()) return;
      answered(api.GET('/api/v1/cases/{id}/follow-ups', { params: { path: { id: caseId } } })).then(
        (read) => onFollowUps(read.items),
        () => undefined,
      );
    };
    if (deliveredAtRead !== undefined && followUpsDelivered(caseId) !== deliveredAtRead) readAgain();
    return whenFollowUpDelivered((delivered) => delivered === caseId && readAgain());
  }, [record.id]);

  return (
    <section class="case-section" aria-labelledby="case-follow-ups">
      <h2 id="case-follow-ups">{t('caseFollowUps')}</h2>
      {followUps.length === 0 ? (
        <p>{t('caseNoFollowUps')}</p>
      ) : (
        <ul class="entries follow-ups">
          {followUps.map((item) => (
            <li key={item.id}>
              <p class="entry-title">
                {date(item.date)}: {label('followUpType', item.type)}
              </p>
              {item.notes && <p>{item.notes}</p>}
              {item.nextAction && (
                <p>
                  {t('followUpNextAction')}: {item.nextAction}
                  {item.dueDate && ` (${date(item.dueDate)})`}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {tokens.phone() && record.id && <WaitingFollowUps caseId={record.id} codes={codes} />}
      {mayAdd && (
        <FollowUpForm
          caseId={record.id ?? ''}
          codes={codes}
          // The list may have been read again with it meanwhile (delivered on a phone): never twice.
          onSaved={(followUp) => onFollowUps([followUp, ...followUps.filter((item) => item.id !== followUp.id)])}
        />
      )}
    </section>
  );
}
