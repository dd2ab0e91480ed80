import { useI18n } from '../i18n/i18n';
import { MY_PHONES } from '../session/navigation';
import { AppLink } from './admin-link';
import { PasswordChange } from './password-change';
import { StorageLine } from './storage-line';

/**
 * "My account": the password, and for whoever sets up phones (a companion) the way to her phones
 * and whether this browser keeps its storage.
 */
export function Account({ phones }: { phones: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <PasswordChange voluntary />
      {phones && (
        <section class="narrow account-phones" aria-labelledby="account-phones-title">
          <h2 id="account-phones-title">{t('phonesMineTitle')}</h2>
          <p>{t('phonesMineHelp')}</p>
          <AppLink href={MY_PHONES}>{t('phonesMineLink')}</AppLink>
        </section>
      )}
      {phones && <StorageLine />}
    </>
  );
}
