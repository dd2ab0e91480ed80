import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { signIn } from '../session/session';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { useSubmit } from '../ui/use-submit';
import { CredentialFields } from './credential-fields';

type Step = 'password' | 'totp' | 'recovery';

/**
 * Email and password; then, when the server asks for it, a TOTP code or a recovery code. On the
 * lock page (`locked`) the same form unlocks, under a title that says why she signs in again.
 */
export function SignIn({ locked = false }: { locked?: boolean }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      try {
        await signIn({
          email,
          password,
          ...(step === 'totp' ? { totp: code } : {}),
          ...(step === 'recovery' ? { recoveryCode: code } : {}),
        });
      } catch (error) {
        if (error instanceof ApiProblem && error.kind === 'mfa-required' && step === 'password') {
          setStep('totp');
          return;
        }
        throw error;
      }
    },
    (error) => {
      if (error instanceof ApiProblem && error.kind === 'invalid-credentials')
        return t(step === 'password' ? 'invalidCredentials' : 'invalidCode');
      // The server asks for the second factor again when the code sent was wrong.
      if (error instanceof ApiProblem && error.kind === 'mfa-required') return t('invalidCode');
      return failureText(error, t);
    },
  );

  const switchCode = () => {
    setCode('');
    setStep(step === 'totp' ? 'recovery' : 'totp');
  };

  return (
    <main id="main" class="narrow">
      <Heading key={step}>
        {step !== 'password' ? t('secondFactorTitle') : locked ? t('sessionLockedTitle') : t('signInTitle')}
      </Heading>
      {locked && step === 'password' && <p>{t('sessionLockedHelp')}</p>}
      <form onSubmit={onSubmit} noValidate>
        {step === 'password' ? (
          <CredentialFields email={email} password={password} onEmail={setEmail} onPassword={setPassword} />
        ) : (
          <>
            {step === 'totp' && <p>{t('secondFactorHelp')}</p>}
            <Field
              label={step === 'totp' ? t('totpCode') : t('recoveryCode')}
              name="code"
              inputMode={step === 'totp' ? 'numeric' : 'text'}
              autocomplete="one-time-code"
              required
              value={code}
              onValue={setCode}
            />
          </>
        )}
        <Alert text={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : step === 'password' ? t('signIn') : t('continue')}
        </button>
        {step !== 'password' && (
          <button type="button" class="link" onClick={switchCode}>
            {step === 'totp' ? t('useRecoveryCode') : t('useTotpCode')}
          </button>
        )}
      </form>
    </main>
  );
}
