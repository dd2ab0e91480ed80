import { useI18n } from '../i18n/i18n';
import { Field } from '../ui/field';

/** Her email and current password, asked the same way by the sign-in page and the phone's recovery. */
export function CredentialFields({
  email,
  password,
  onEmail,
  onPassword,
}: {
  email: string;
  password: string;
  onEmail(value: string): void;
  onPassword(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('email')} type="email" name="email" autocomplete="off" required value={email} onValue={onEmail} />
      <Field
        label={t('password')}
        type="password"
        name="password"
        autocomplete="current-password"
        required
        value={password}
        onValue={onPassword}
      />
    </>
  );
}
