import type { PackedRule } from '../api/views';
import type { Profile, ResetNotice } from '../session/session';
import { useI18n } from '../i18n/i18n';
import { acknowledgeResetNotice } from '../session/session';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';

/**
 * The notice that an administrator reset her password or second factor (SPEC §8): who asked, who
 * approved and when, so that a reset she did not ask for is noticed. It stands before the frame
 * until she acknowledges it, as the server keeps it until then.
 */
export function ResetNoticeScreen({
  notice,
  profile,
  rules,
}: {
  notice: ResetNotice;
  profile: Profile;
  rules: PackedRule[];
}) {
  const { t, language } = useI18n();
  const { busy, failure, onSubmit } = useSubmit(
    () => acknowledgeResetNotice(profile, rules),
    (error) => failureText(error, t),
  );
  const at = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(notice.at));
  return (
    <main id="main" class="narrow">
      <Heading>
        {notice.kind === 'reset_password' ? t('sessionResetPasswordTitle') : t('sessionResetTotpTitle')}
      </Heading>
      <p class="reset-notice">
        {notice.approvedBy
          ? t('sessionResetBy', { requester: notice.requestedBy.name, approver: notice.approvedBy.name, at })
          : t('sessionResetByOperator', { requester: notice.requestedBy.name, at })}
      </p>
      <p>{t('sessionResetUnexpected')}</p>
      <form onSubmit={onSubmit} noValidate>
        <Alert text={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {t('sessionResetAcknowledge')}
        </button>
      </form>
    </main>
  );
}
