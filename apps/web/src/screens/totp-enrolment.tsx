import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { verifyTotp } from '../session/session';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { useSubmit } from '../ui/use-submit';
import { TotpSecret, useTotpEnrolment } from './totp-secret';

export function TotpEnrolment() {
  const { t } = useI18n();
  const { enrolment, loadFailure } = useTotpEnrolment();
  const [code, setCode] = useState('');

  const { busy, failure, onSubmit } = useSubmit(
    () => verifyTotp(code.replace(/\s/g, '')),
    (error) => (error instanceof ApiProblem && error.status < 500 ? t('invalidCode') : failureText(error, t)),
  );

  return (
    <main id="main" class="narrow">
      <Heading>{t('enrolTitle')}</Heading>
      <p>{t('enrolHelp')}</p>
      <Alert text={loadFailure === undefined ? undefined : failureText(loadFailure, t)} />
      {enrolment ? (
        <>
          <TotpSecret enrolment={enrolment} />
          <form onSubmit={onSubmit} noValidate>
            <Field
              label={t('totpCode')}
              name="code"
              inputMode="numeric"
              autocomplete="one-time-code"
              required
              value={code}
              onValue={setCode}
            />
            <Alert text={failure} />
            <button type="submit" class="primary" disabled={busy}>
              {t('verifyCode')}
            </button>
          </form>
        </>
      ) : (
        loadFailure === undefined && <p aria-live="polite">{t('loading')}</p>
      )}
    </main>
  );
}
