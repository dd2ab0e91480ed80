import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { TotpSecret, useTotpEnrolment } from './totp-secret';

/**
 * The recovery's second-factor step (a reset second factor, SPEC §12): a new secret from the
 * server for her authenticator, and the code it then shows. Inside the recovery's form.
 */
export function RecoveryEnrolmentFields({ code, onCode }: { code: string; onCode(value: string): void }) {
  const { t } = useI18n();
  const { enrolment, loadFailure } = useTotpEnrolment();
  if (loadFailure !== undefined) return <Alert text={failureText(loadFailure, t)} />;
  if (!enrolment) return <p aria-live="polite">{t('loading')}</p>;
  return (
    <>
      <TotpSecret enrolment={enrolment} />
      <Field
        label={t('totpCode')}
        name="enrolment-code"
        inputMode="numeric"
        autocomplete="one-time-code"
        required
        value={code}
        onValue={onCode}
      />
    </>
  );
}
