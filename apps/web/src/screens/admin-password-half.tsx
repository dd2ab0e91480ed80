import { useI18n } from '../i18n/i18n';

/**
 * One half of a temporary password, shown once (SPEC §8). The words around it say that it is not
 * the password: the new user types the requester's half, then the approver's, with nothing between.
 */
export function PasswordHalf({ half, which, userName }: { half: string; which: 'first' | 'second'; userName: string }) {
  const { t } = useI18n();
  return (
    <section class="password-half" aria-labelledby="password-half-title">
      <h2 id="password-half-title">
        {t(which === 'first' ? 'adminHalfFirstTitle' : 'adminHalfSecondTitle', { name: userName })}
      </h2>
      <p class="half" data-half={half}>
        {half}
      </p>
      <p>{t('adminHalfNotThePassword', { name: userName })}</p>
      <p>{t(which === 'first' ? 'adminHalfFirstHandOver' : 'adminHalfSecondHandOver', { name: userName })}</p>
      <p>{t('adminHalfOnce')}</p>
    </section>
  );
}
