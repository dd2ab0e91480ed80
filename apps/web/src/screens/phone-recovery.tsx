import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { recoverWithPassword } from '../offline/phone-session';
import { reviewCapturedIfAny } from '../offline/review-captured';
import type { PhoneVault } from '../offline/phone-vault';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';
import { NewPinFields } from './new-pin-fields';
import { checkNewPin, pinRefusalMessage } from './pin-refusal';

/**
 * A forgotten PIN, or five wrong ones (SPEC §12): her account's password (and second factor, when
 * the server asks for it) and a new PIN, in one form; the server releases W to that sign-in and
 * the phone opens with nothing lost. A revoked phone is wiped instead.
 */
export function PhoneRecovery({
  vault,
  deviceId,
  onRevoked,
  onBack,
}: {
  vault: PhoneVault;
  deviceId: string;
  onRevoked(): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState<string>();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      checkNewPin(pin, again);
      try {
        const credentials = { email, password, ...(code === undefined ? {} : { totp: code }) };
        if ((await recoverWithPassword(vault, deviceId, credentials, pin)) === 'revoked') return onRevoked();
        await reviewCapturedIfAny(vault);
      } catch (error) {
        if (error instanceof ApiProblem && error.kind === 'mfa-required' && code === undefined) return setCode('');
        throw error;
      }
    },
    (error) => {
      const refusal = pinRefusalMessage(error);
      if (refusal) return t(refusal);
      if (error instanceof ApiProblem && error.kind === 'invalid-credentials')
        return t(code === undefined ? 'invalidCredentials' : 'invalidCode');
      return failureText(error, t);
    },
  );

  return (
    <>
      <Heading>{t('phoneRecoveryTitle')}</Heading>
      <p>{t('phoneRecoveryHelp')}</p>
      <form class="phone-recovery" onSubmit={onSubmit} noValidate>
        <Field
          label={t('email')}
          type="email"
          name="email"
          autocomplete="off"
          required
          value={email}
          onValue={setEmail}
        />
        <Field
          label={t('password')}
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
        {code !== undefined && (
          <Field
            label={t('totpCode')}
            hint={t('secondFactorHelp')}
            name="code"
            inputMode="numeric"
            autocomplete="one-time-code"
            required
            value={code}
            onValue={setCode}
          />
        )}
        <NewPinFields label="phoneRecoveryNewPin" pin={pin} again={again} onPin={setPin} onAgain={setAgain} />
        <Alert text={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('phoneRecovering') : t('phoneRecover')}
        </button>
        <button type="button" onClick={onBack}>
          {t('phoneRecoveryBack')}
        </button>
      </form>
    </>
  );
}
