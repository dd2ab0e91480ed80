import type { Translate } from '../i18n/i18n';
import type { Language } from '../i18n/messages';
import type { OutboxKind, OutboxRecord } from '../offline/outbox-record';
import type { MessageKey } from '../i18n/messages';

export const KIND_LABELS: Record<OutboxKind, MessageKey> = {
  case: 'outboxKindCase',
  'follow-up': 'outboxKindFollowUp',
  activity: 'outboxKindActivity',
};

const clock = (language: Language, at: number) =>
  new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(
    new Date(at),
  );

/** Where a record stands, in words she can act on; the server's field errors as it gave them. */
export function stateText(record: OutboxRecord, sending: boolean, t: Translate, language: Language): string {
  if (sending) return t('outboxStateSending');
  switch (record.state) {
    case 'retry':
      return t('outboxStateRetry', { at: clock(language, record.nextTryAt ?? Date.now()) });
    case 'waits-sign-in':
      return t('outboxStateWaitsSignIn');
    case 'waits-password-change':
      return t('outboxStateWaitsPasswordChange');
    case 'needs-correction': {
      const errors = record.problem?.errors ?? [];
      return errors.length
        ? t('outboxStateNeedsCorrection', {
            errors: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
          })
        : t('outboxStateNeedsCorrectionNoDetail');
    }
    case 'orphaned':
      return t('outboxStateOrphaned');
    case 'needs-attention':
      return t('outboxStateNeedsAttention');
    default:
      return t('outboxStateWaiting');
  }
}

/** The records she may give up: those that will not go out as they are. */
export const discardable = (record: OutboxRecord): boolean =>
  record.state === 'orphaned' || record.state === 'needs-attention' || record.state === 'needs-correction';
