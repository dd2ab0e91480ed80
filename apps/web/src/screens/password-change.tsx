import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { changePassword } from '../session/session';
import { Alert } from '../ui/alert';
import { Field } from '../ui/field';
import { navigateWithNotice } from '../ui/notice';
import { useSubmit } from '../ui/use-submit';
import { NewPasswordField, passwordChangeFailure } from './new-password-field';

/**
 * A temporary password is replaced before anything else (SPEC §8); `voluntary`: a signed-in user
 * changes her own from her account, inside the frame, and is brought back to her start.
 */
export function PasswordChange({ voluntary = false }: { voluntary?: boolean }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      await changePassword(current, next);
      if (voluntary) navigateWithNotice('/', 'accountPasswordChanged');
    },
    (error) => passwordChangeFailure(error, t),
  );
  const form = (
    <>
      <Heading>{voluntary ? t('accountTitle') : t('passwordChangeTitle')}</Heading>
      <p>{voluntary ? t('accountPasswordHelp') : t('passwordChangeHelp')}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={t('currentPassword')}
          type="password"
          name="current-password"
          autocomplete="current-password"
          required
          value={current}
          onValue={setCurrent}
        />
        <NewPasswordField value={next} onValue={setNext} />
        <Alert text={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {t('changePassword')}
        </button>
      </form>
    </>
  );
  return voluntary ? (
    <div class="narrow">{form}</div>
  ) : (
    <main id="main" class="narrow">
      {form}
    </main>
  );
}
