import type { ComponentChildren } from 'preact';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { calendarDay, codeLabel, type CodeLists } from '../ui/labels';

/** What a card draws of a case: coded fields only, so the phone's sealed case summary is enough (`offline/case-summary.ts`). */
export type CardCase = Pick<
  components['schemas']['CaseView'],
  'id' | 'caseNumber' | 'status' | 'riskLevel' | 'nextFollowUpDue'
>;

/** The case number as a link to the case, followed inside the client. */
export function CaseLink({ id, caseNumber }: { id?: string | null; caseNumber?: string | null }) {
  return (
    <a
      href={`/cases/${id}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(`/cases/${id}`);
      }}
    >
      {caseNumber}
    </a>
  );
}

/** The next follow-up's day, or that none is due; overdue is said in words, not by colour alone. */
export function FollowUpDue({ item }: { item: Pick<CardCase, 'nextFollowUpDue'> }) {
  const { t, language } = useI18n();
  const day = item.nextFollowUpDue?.slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      {day ? calendarDay(language, day) : t('noFollowUpDue')}
      {day && day < today && <strong class="overdue"> {t('overdue')}</strong>}
    </>
  );
}

/**
 * A case in a list of cards: its number as a link, status, risk and the next follow-up. A screen that
 * knows more of the case (place, companion) gives those rows as children, shown before the follow-up.
 */
export function CaseCard({
  item,
  codes,
  children,
}: {
  item: CardCase;
  codes: CodeLists;
  children?: ComponentChildren;
}) {
  const { t, language } = useI18n();
  return (
    <li class="case-card">
      <p class="case-number">
        <CaseLink id={item.id} caseNumber={item.caseNumber} />
      </p>
      <dl>
        <div>
          <dt>{t('status')}</dt>
          <dd>{codeLabel(codes, language, 'caseStatus', item.status)}</dd>
        </div>
        {item.riskLevel && (
          <div>
            <dt>{t('riskLevel')}</dt>
            <dd>{codeLabel(codes, language, 'riskLevel', item.riskLevel)}</dd>
          </div>
        )}
        {children}
        <div>
          <dt>{t('nextFollowUp')}</dt>
          <dd>
            <FollowUpDue item={item} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
