import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import {
  leaveRecovery,
  recoveryEnrolment,
  recoveryPasswordChange,
  recoverySignIn,
  type RecoveryStep,
  recoverWithWrappingKey,
} from '../offline/phone-session';
import { reviewCapturedIfAny } from '../offline/review-captured';
import type { PhoneVault } from '../offline/phone-vault';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';
import { CredentialFields } from './credential-fields';
import { NewPasswordField, passwordChangeFailure } from './new-password-field';
import { NewPinFields } from './new-pin-fields';
import { checkNewPin, pinRefusalMessage } from './pin-refusal';
import { RecoveryEnrolmentFields } from './phone-recovery-enrolment';

/** The form's steps: her sign-in and new PIN, then what an administrator's reset asks before W. */
type Shown = 'sign-in' | Exclude<RecoveryStep, 'wrapping-key'>;

/**
 * A forgotten PIN, or five wrong ones (SPEC §12): her account's password (and second factor, when
 * the server asks for it) and a new PIN; the server releases W to that sign-in and the phone opens
 * with nothing lost. After an administrator's reset the same session first takes her own password
 * and, for a reset second factor, a new enrolment. A revoked phone is wiped instead.
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
  const [shown, setShown] = useState<Shown>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState<string>();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [enrolmentCode, setEnrolmentCode] = useState('');
  // The codes of a second factor enrolled here, kept until the phone opens: they are shown only once.
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();

  /** Goes to what the server asks next; at W the phone opens, or the form starts again from her sign-in. */
  const goOn = async (next: RecoveryStep | 'revoked', codes = recoveryCodes): Promise<void> => {
    if (next === 'revoked') return onRevoked();
    if (next !== 'wrapping-key') return setShown(next);
    let opened: 'resumed' | 'revoked';
    try {
      opened = await recoverWithWrappingKey(vault, deviceId, pin, codes);
    } catch (error) {
      // The session was dropped with the failure: what was done (her own password, a new second factor) stays done.
      setShown('sign-in');
      setCode(undefined);
      throw error;
    }
    if (opened === 'revoked') return onRevoked();
    await reviewCapturedIfAny(vault);
  };

  const signIn = async () => {
    checkNewPin(pin, again);
    try {
      const credentials = { email, password, ...(code === undefined ? {} : { totp: code }) };
      await goOn(await recoverySignIn(vault, deviceId, credentials));
    } catch (error) {
      if (error instanceof ApiProblem && error.kind === 'mfa-required' && code === undefined) return setCode('');
      throw error;
    }
  };

  const changePassword = async () => {
    const next = await recoveryPasswordChange(vault, deviceId, password, newPassword);
    if (next !== 'revoked') {
      // Her temporary password is gone: should the form start again from her sign-in, it takes the new one.
      setPassword(newPassword);
      setNewPassword('');
    }
    await goOn(next);
  };

  const enrol = async () => {
    const verified = await recoveryEnrolment(vault, deviceId, enrolmentCode.replace(/\s/g, ''));
    setEnrolmentCode('');
    if (verified === 'revoked') return onRevoked();
    setRecoveryCodes(verified.recoveryCodes);
    await goOn(verified.next, verified.recoveryCodes);
  };

  const { busy, failure, onSubmit } = useSubmit(
    () => (shown === 'sign-in' ? signIn() : shown === 'password-change' ? changePassword() : enrol()),
    (error) => {
      const refusal = pinRefusalMessage(error);
      if (refusal) return t(refusal);
      if (error instanceof ApiProblem && error.kind === 'recent-sign-in-required') return t('phoneRecoverySignInAgain');
      if (shown === 'password-change') return passwordChangeFailure(error, t);
      if (shown === 'enrolment' && error instanceof ApiProblem && error.status < 500) return t('invalidCode');
      if (error instanceof ApiProblem && error.kind === 'invalid-credentials')
        return t(code === undefined ? 'invalidCredentials' : 'invalidCode');
      // The server asks for the code again when the one sent was wrong (the first ask opened the field).
      if (error instanceof ApiProblem && error.kind === 'mfa-required') return t('invalidCode');
      return failureText(error, t);
    },
  );

  return (
    <>
      <RecoveryHeading key={shown} shown={shown} />
      <form class="phone-recovery" data-step={shown} onSubmit={onSubmit} noValidate>
        {shown === 'sign-in' && (
          <>
            <CredentialFields email={email} password={password} onEmail={setEmail} onPassword={setPassword} />
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
          </>
        )}
        {shown === 'password-change' && <NewPasswordField value={newPassword} onValue={setNewPassword} />}
        {shown === 'enrolment' && <RecoveryEnrolmentFields code={enrolmentCode} onCode={setEnrolmentCode} />}
        <Alert text={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('phoneRecovering') : t(SUBMIT[shown])}
        </button>
        <button
          type="button"
          onClick={() => {
            leaveRecovery();
            onBack();
          }}
        >
          {t('phoneRecoveryBack')}
        </button>
      </form>
    </>
  );
}

const SUBMIT = {
  'sign-in': 'phoneRecover',
  'password-change': 'phoneRecoveryPasswordSubmit',
  enrolment: 'phoneRecoveryEnrolSubmit',
} as const;

/** Each step's title, focused as the step appears (it is keyed by the step), so a keyboard user starts from it. */
function RecoveryHeading({ shown }: { shown: Shown }) {
  const { t } = useI18n();
  const [title, help] =
    shown === 'sign-in'
      ? (['phoneRecoveryTitle', 'phoneRecoveryHelp'] as const)
      : shown === 'password-change'
        ? (['phoneRecoveryPasswordTitle', 'phoneRecoveryPasswordHelp'] as const)
        : (['phoneRecoveryEnrolTitle', 'phoneRecoveryEnrolHelp'] as const);
  return (
    <>
      <Heading>{t(title)}</Heading>
      <p>{t(help)}</p>
    </>
  );
}
