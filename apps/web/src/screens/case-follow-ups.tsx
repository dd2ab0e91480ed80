import type { components } from '../api/schema';
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
 * case's `allowed`). On a phone, the follow-ups of this case still in the outbox are listed too.
 */
export function FollowUpsSection({
  record,
  codes,
  followUps,
  mayAdd,
  onFollowUps,
}: {
  record: CaseView;
  codes: CodeLists;
  followUps: FollowUpView[];
  mayAdd: boolean;
  onFollowUps(followUps: FollowUpView[]): void;
}) {
  const { t, language } = useI18n();
  const label = (list: string, code: string | null | undefined) => codeLabel(codes, language, list, code);
  const date = (day: string | null | undefined) => (day ? calendarDay(language, day) : '');

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
          onSaved={(followUp) => onFollowUps([followUp, ...followUps])}
        />
      )}
    </section>
  );
}
