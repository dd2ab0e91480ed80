import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { MY_PHONES } from '../session/navigation';
import { tokens } from '../session/tokens';
import { lazyScreen } from '../ui/lazy-screen';
import { AppLink } from './admin-link';
import { PasswordChange } from './password-change';
import { StorageLine } from './storage-line';

/** The set-up brings the phone's store and Argon2 with it: loaded only when "My account" shows it. */
const PhoneSetup = lazyScreen(() => import('./phone-setup').then((module) => module.PhoneSetup));

/**
 * "My account": the password, and for whoever sets up phones (a companion) the way to her phones,
 * whether this browser keeps its storage, and "use this phone offline", unless this page's session
 * is already bound to this phone.
 */
export function Account({ phones }: { phones: boolean }) {
  const { t } = useI18n();
  // Asked once: the set-up binds the session to the phone while its form still shows its outcome.
  const [phoneBound] = useState(() => tokens.phone() !== undefined);
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
      {phones && (
        <section class="narrow account-setup" aria-labelledby="account-setup-title">
          <h2 id="account-setup-title">{t('setupTitle')}</h2>
          {phoneBound ? (
            <p>{t('setupAlready')}</p>
          ) : (
            <>
              <p>{t('setupHelp')}</p>
              <PhoneSetup />
            </>
          )}
        </section>
      )}
    </>
  );
}
