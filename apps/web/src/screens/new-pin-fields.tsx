import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { MIN_PIN_DIGITS } from '../offline/pin-rule';
import { Field } from '../ui/field';

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
        autocomplete="new-password"
        required
        minLength={MIN_PIN_DIGITS}
        value={pin}
        onValue={onPin}
      />
      <Field
        label={t('setupPinAgain')}
        type="password"
        name="pin-again"
        autocomplete="new-password"
        required
        value={again}
        onValue={onAgain}
      />
    </>
  );
}
