import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { MIN_PIN_DIGITS } from '../offline/pin-rule';
import { Field } from '../ui/field';

/**
 * The PIN's inputs stay password inputs (masked, and read out as hidden by screen readers), but
 * named a one-time code: Chromium's password manager takes no field so named for a password, so it
 * never offers to save the PIN, nor to replace her account's saved password with it in the
 * recovery form, where both stand together.
 */
export const PIN_AUTOCOMPLETE = 'one-time-code';

/** A new PIN and its confirmation (set-up and recovery), checked together by `checkNewPin` on submit. */
export function NewPinFields({
  label,
  pin,
  again,
  onPin,
  onAgain,
}: {
  label: MessageKey;
  pin: string;
  again: string;
  onPin(value: string): void;
  onAgain(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t(label)}
        hint={t('setupPinHint')}
        type="password"
        name="pin"
        autocomplete={PIN_AUTOCOMPLETE}
        required
        minLength={MIN_PIN_DIGITS}
        value={pin}
        onValue={onPin}
      />
      <Field
        label={t('setupPinAgain')}
        type="password"
        name="pin-again"
        autocomplete={PIN_AUTOCOMPLETE}
        required
        value={again}
        onValue={onAgain}
      />
    </>
  );
}
