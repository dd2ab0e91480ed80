import { ApiProblem } from '../api/problem';
import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';

/** Her own new password, under the server's password rules (SPEC §8): the password change and the phone's recovery. */
export function NewPasswordField({ value, onValue }: { value: string; onValue(value: string): void }) {
  const { t } = useI18n();
  return (
    <Field
      label={t('newPassword')}
      hint={t('newPasswordHint')}
      type="password"
      name="new-password"
      autocomplete="new-password"
      required
      minLength={12}
      value={value}
      onValue={onValue}
    />
  );
}

/** What a refused password change says: the server's rule, a wrong current password, or the call's failure. */
export function passwordChangeFailure(error: unknown, t: Translate): string {
  if (error instanceof ApiProblem && error.status === 400 && error.detail)
    return t('passwordRejected', { detail: error.detail });
  if (error instanceof ApiProblem && error.kind === 'invalid-credentials') return t('invalidCredentials');
  return failureText(error, t);
}
