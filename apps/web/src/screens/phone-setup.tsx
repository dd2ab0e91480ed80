import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { setUpThisPhone } from '../offline/phone-session';
import { signOut } from '../session/session';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { useSubmit } from '../ui/use-submit';
import { NewPinFields } from './new-pin-fields';
import { checkNewPin, FormRefusal, pinRefusalMessage } from './pin-refusal';

const isRecentSignInProblem = (error: unknown) =>
  error instanceof ApiProblem && error.kind === 'recent-sign-in-required';

/**
 * "Use this phone offline" (SPEC §12), loaded on demand with the phone's store and Argon2: a label,
 * a PIN and its confirmation, then the set-up. A sign-in older than 5 minutes is the server's
 * refusal (`recent-sign-in-required`), told with the way out: signing in again.
 */
export function PhoneSetup() {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const [signInStale, setSignInStale] = useState(false);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      if (!label.trim()) throw new FormRefusal('setupLabelMissing');
      checkNewPin(pin, again);
      try {
        await setUpThisPhone(label.trim(), pin);
      } catch (error) {
        setSignInStale(isRecentSignInProblem(error));
        throw error;
      }
      setDone(true);
    },
    (error) => {
      const refusal = pinRefusalMessage(error);
      if (refusal) return t(refusal);
      return isRecentSignInProblem(error) ? t('setupRecentSignIn') : failureText(error, t);
    },
  );

  if (done) return <SetUpDone />;
  return (
    <form class="phone-setup" onSubmit={onSubmit} noValidate>
      <Field
        label={t('setupLabel')}
        hint={t('setupLabelHint')}
        name="label"
        autocomplete="off"
        required
        value={label}
        onValue={setLabel}
      />
      <NewPinFields label="setupPin" pin={pin} again={again} onPin={setPin} onAgain={setAgain} />
      <Alert text={failure} />
      {signInStale ? (
        <button type="button" class="primary" onClick={() => void signOut()}>
          {t('setupSignInAgain')}
        </button>
      ) : (
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('setupBusy') : t('setupSubmit')}
        </button>
      )}
    </form>
  );
}

/** The outcome takes the focus from the form that is gone, so the keyboard goes on from here. */
function SetUpDone() {
  const { t } = useI18n();
  const done = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => done.current?.focus(), []);
  return (
    <p ref={done} class="saved" role="status" tabIndex={-1}>
      {t('setupDone')}
    </p>
  );
}
