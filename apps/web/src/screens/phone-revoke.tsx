import { useLayoutEffect, useRef } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import { tokens } from '../session/tokens';
import { ConfirmButtons } from '../ui/confirm-step';
import { failureText } from '../ui/failure-text';
import { momentOf } from '../ui/labels';
import { useSubmit } from '../ui/use-submit';
import type { PhoneView } from './phone-list';

/**
 * The confirm step before a phone is revoked (SPEC §12): what revocation does, and what is lost
 * (what the phone made and has not sent since its last sync). Nothing is sent before "Yes".
 * Its title takes the focus, so the keyboard goes on from the step rather than from a button gone.
 */
export function RevokeStep({
  phone,
  onRevoked,
  onCancel,
}: {
  phone: PhoneView;
  onRevoked(phone: PhoneView): void;
  onCancel(): void;
}) {
  const { t, language } = useI18n();
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => title.current?.focus(), []);
  const titleId = `revoke-${idOf(phone)}-title`;
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      // Revoking this very phone ends its session and then wipes it: its pending reads go first.
      if (idOf(phone) === tokens.phone()) await (await import('../offline/device-reads')).sendReadsBeforeWipe();
      onRevoked(await answered(api.POST('/api/v1/devices/{id}/revoke', { params: { path: { id: idOf(phone) } } })));
    },
    (error) => failureText(error, t),
  );
  return (
    <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId} ref={title} tabIndex={-1}>
        {t('phonesRevokeTitle', { label: phone.label ?? '' })}
      </h3>
      <p>{t('phonesRevokeExplain')}</p>
      <p class="phone-loss">
        {phone.lastSyncAt
          ? t('phonesRevokeLoss', { at: momentOf(language, phone.lastSyncAt) })
          : t('phonesRevokeLossNever')}
      </p>
      <ConfirmButtons
        failure={failure}
        busy={busy}
        confirm={t('phonesRevokeConfirm')}
        cancel={t('phonesRevokeCancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
