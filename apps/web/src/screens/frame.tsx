import { useEffect } from 'preact/hooks';
import type { components } from '../api/schema';
import type { PackedRule } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { Notice } from '../ui/notice';
import { navigate, usePath } from '../router';
import { accountScreensFor, navigationFor, worksOffline } from '../session/navigation';
import { keepStorage } from '../session/persistent-storage';
import { lockNow } from '../session/idle-lock';
import { signOut } from '../session/session';
import { tokens } from '../session/tokens';
import { LanguageSwitch } from './language-switch';
import { OutboxLink, signOutAsked } from './outbox-link';
import { routed } from './routes';

/** The signed-in frame: the role's navigation, the language switch, sign-out, and the screen of the path. */
export function Frame({ profile, rules }: { profile: components['schemas']['ProfileView']; rules: PackedRule[] }) {
  const { t } = useI18n();
  const path = usePath();
  const items = navigationFor(rules);
  const { section, screen } = routed(path, [...items.map((item) => item.path), ...accountScreensFor(rules)]);
  const current = items.find((item) => item.path === section);
  useEffect(() => {
    if (worksOffline(rules)) void keepStorage();
  }, [rules]);
  return (
    <>
      <header class="top">
        <p class="brand">{t('appName')}</p>
        <p class="who">
          {t('signedInAs', { name: profile.name ?? '' })}{' '}
          <a
            href="/account"
            aria-current={path === '/account' || path.startsWith('/account/') ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate('/account');
            }}
          >
            {t('accountLink')}
          </a>
        </p>
        <LanguageSwitch />
        {tokens.phone() && (
          <button type="button" onClick={() => void lockNow()}>
            {t('phoneLock')}
          </button>
        )}
        <button type="button" onClick={() => void (tokens.phone() ? signOutAsked() : signOut())}>
          {t('signOut')}
        </button>
        {tokens.phone() && <OutboxLink />}
      </header>
      <nav aria-label={t('navigation')}>
        <ul>
          {items.map((item) => (
            <li key={item.path}>
              <a
                href={item.path}
                aria-current={item === current ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(item.path);
                }}
              >
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" key={path}>
        <Notice />
        {screen ?? (
          <>
            <Heading>{current ? t(current.label) : t('notFoundTitle')}</Heading>
            <p>{t('comingSoon')}</p>
          </>
        )}
      </main>
    </>
  );
}
