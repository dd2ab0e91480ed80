import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { startDelivery } from '../offline/outbox-delivery';
import { navigate } from '../router';
import { useOutbox } from './use-outbox';

export const OUTBOX_PATH = '/outbox';

/**
 * In the frame of a phone-bound session: starts the outbox's delivery for this page, and says how
 * many records wait, linking to their list, while any does.
 */
export function OutboxLine() {
  const { t } = useI18n();
  const records = useOutbox();
  useEffect(() => startDelivery(), []);
  if (!records?.length) return null;
  return (
    <p class="outbox-line">
      <a
        href={OUTBOX_PATH}
        onClick={(event) => {
          event.preventDefault();
          navigate(OUTBOX_PATH);
        }}
      >
        {t('outboxLine', { count: String(records.length) })}
      </a>
    </p>
  );
}
