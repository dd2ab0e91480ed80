import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { WindowState } from '../offline/offline-window';
import { closeWindowIfDue, resumeWithVault, wipedIfRevoked } from '../offline/phone-session';
import { PhoneVault } from '../offline/phone-vault';
import { phoneWiped } from '../session/session';
import { Alert } from '../ui/alert';
import { ConfirmButtons } from '../ui/confirm-step';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';
import { PIN_AUTOCOMPLETE } from './new-pin-fields';
import { PhoneRecovery } from './phone-recovery';
import { reviewCapturedIfAny } from '../offline/review-captured';
import { lazyScreen } from '../ui/lazy-screen';

const CaptureOnly = lazyScreen(() => import('./capture-only').then((module) => module.CaptureOnly));

type WindowEnded = Exclude<WindowState, 'open'>;

/**
 * Where the lock screen is: opening the store, asking the PIN, the PIN copy gone (five wrong PINs,
 * or the offline window ended, with why), a revoked phone wiped.
 */
type Shown =
  | { kind: 'opening' }
  | { kind: 'pin'; vault: PhoneVault; deviceId: string }
  | { kind: 'pin-gone'; vault: PhoneVault; deviceId: string; window?: WindowEnded }
  | { kind: 'revoked' };

class WrongPin extends Error {
  constructor(readonly triesLeft: number) {
    super('wrong-pin');
  }
}

/** The store is opened and, when online, the phone's status asked before the PIN is: a revoked phone is wiped first. */
async function open(): Promise<Shown> {
  const vault = await PhoneVault.open(phoneWiped);
  const deviceId = await vault.deviceId();
  const state = await vault.state();
  if (!deviceId || state === 'empty') {
    await vault.wipe();
    phoneWiped();
    return { kind: 'opening' };
  }
  if (await wipedIfRevoked(vault, deviceId)) return { kind: 'revoked' };
  const window = await closeWindowIfDue(vault);
  if (window !== 'open') return { kind: 'pin-gone', vault, deviceId, window };
  return { kind: state === 'pin-copy-gone' ? 'pin-gone' : 'pin', vault, deviceId };
}

/**
 * The lock screen of a phone set up for offline capture (SPEC §12), shown at start and after a
 * lock instead of the password sign-in. The PIN opens DK, which unseals the refresh token, and the
 * session goes on where it was. A forgotten PIN, or five wrong ones, is recovered with her password
 * online; "forget this phone" wipes the store after a warning, locked.
 */
export function PhoneLock() {
  const { t } = useI18n();
  const [shown, setShown] = useState<Shown>({ kind: 'opening' });
  const [step, setStep] = useState<'lock' | 'forget' | 'recover' | 'capture'>('lock');
  const [opened, setOpened] = useState<unknown>();

  useEffect(() => {
    open().then(setShown, setOpened);
  }, []);

  if (shown.kind === 'revoked')
    return (
      <main id="main" class="narrow phone-lock" data-state="revoked">
        <Heading>{t('phoneRevokedTitle')}</Heading>
        <p>{t('phoneRevoked')}</p>
        <button type="button" class="primary" onClick={phoneWiped}>
          {t('phoneToSignIn')}
        </button>
      </main>
    );
  if (shown.kind === 'opening')
    return (
      <main id="main" class="narrow phone-lock" aria-busy="true">
        <p aria-live="polite">{opened ? failureText(opened, t) : t('loading')}</p>
      </main>
    );
  const { vault, deviceId } = shown;
  const revoked = () => setShown({ kind: 'revoked' });
  return (
    <main
      id="main"
      class="narrow phone-lock"
      data-state={step === 'lock' ? (shown.kind === 'pin-gone' && shown.window ? 'window-closed' : shown.kind) : step}
    >
      {step === 'capture' && <CaptureOnly vault={vault} onBack={() => setStep('lock')} />}
      {step === 'forget' && <ForgetStep vault={vault} onCancel={() => setStep('lock')} />}
      {step === 'recover' && (
        <PhoneRecovery vault={vault} deviceId={deviceId} onRevoked={revoked} onBack={() => setStep('lock')} />
      )}
      {step === 'lock' && (
        <>
          {shown.kind === 'pin' ? (
            <PinForm
              vault={vault}
              deviceId={deviceId}
              onGone={(window) => setShown({ kind: 'pin-gone', vault, deviceId, window })}
              onRevoked={revoked}
            />
          ) : (
            <PinGone window={shown.window} />
          )}
          <div class="actions">
            <button type="button" class="link capture-without-unlocking" onClick={() => setStep('capture')}>
              {t('captureWithoutUnlocking')}
            </button>
            <button type="button" class="link forgot-pin" onClick={() => setStep('recover')}>
              {shown.kind === 'pin' ? t('phoneForgotPin') : t('phoneRecoverWithPassword')}
            </button>
            <button type="button" class="link forget-phone" onClick={() => setStep('forget')}>
              {t('forgetPhone')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}

function PinForm({
  vault,
  deviceId,
  onGone,
  onRevoked,
}: {
  vault: PhoneVault;
  deviceId: string;
  onGone(window?: WindowEnded): void;
  onRevoked(): void;
}) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      // The window is checked before the PIN is tried: a closed one never derives a key.
      const window = await closeWindowIfDue(vault);
      if (window !== 'open') {
        setPin('');
        return onGone(window);
      }
      const tried = await vault.unlock(pin);
      setPin('');
      if (tried.outcome === 'pin-copy-gone') return onGone();
      if (tried.outcome === 'wrong-pin') throw new WrongPin(tried.triesLeft);
      if ((await resumeWithVault(vault, deviceId)) === 'revoked') return onRevoked();
      await reviewCapturedIfAny(vault);
    },
    (error) =>
      error instanceof WrongPin
        ? t('phoneWrongPin', { count: String(error.triesLeft) })
        : // The server ended the phone's session (a reset, a role change): the right PIN cannot renew it, her password can.
          error instanceof ApiProblem && error.status === 401
          ? t('phoneSessionEnded')
          : failureText(error, t),
  );
  return (
    <>
      <Heading>{t('phoneLockTitle')}</Heading>
      <p>{t('phoneLockHelp')}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={t('phoneLockPin')}
          type="password"
          name="pin"
          autocomplete={PIN_AUTOCOMPLETE}
          required
          value={pin}
          onValue={setPin}
        />
        <Alert text={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('phoneUnlocking') : t('phoneUnlock')}
        </button>
      </form>
    </>
  );
}

/** Why the PIN no longer opens the phone: five wrong PINs, the offline window closed, or the clock set back. */
function PinGone({ window }: { window?: WindowEnded }) {
  const { t } = useI18n();
  if (!window)
    return (
      <>
        <Heading>{t('phonePinGoneTitle')}</Heading>
        <p>{t('phonePinGone')}</p>
      </>
    );
  return (
    <>
      <Heading>{t('phoneWindowClosedTitle')}</Heading>
      <p>{window === 'clock-set-back' ? t('phoneClockSetBack') : t('phoneWindowClosed')}</p>
    </>
  );
}

/** The warning before the wipe: what is lost, and that the server keeps the phone until revoked. */
function ForgetStep({ vault, onCancel }: { vault: PhoneVault; onCancel(): void }) {
  const { t } = useI18n();
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      await vault.wipe();
      phoneWiped();
    },
    (error) => failureText(error, t),
  );
  return (
    <form class="forget-step" onSubmit={onSubmit}>
      <Heading>{t('forgetPhoneTitle')}</Heading>
      <p>{t('forgetPhoneWarning')}</p>
      <ConfirmButtons
        failure={failure}
        busy={busy}
        confirm={t('forgetPhoneConfirm')}
        cancel={t('forgetPhoneCancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
