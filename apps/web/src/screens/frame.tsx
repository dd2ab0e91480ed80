import type { PackedRule, Profile } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { navigate, usePath } from '../router';
import { navigationFor } from '../session/navigation';
import { signOut } from '../session/session';
import { LanguageSwitch } from './language-switch';
import { CasePage } from './case-page';
import { Worklist } from './worklist';

/** A case's own page, reached from a list of cases. */
const CASE_PATH = /^\/cases\/([0-9a-f-]{36})$/;

/** The signed-in frame: the role's navigation, the language switch, sign-out, and the screen of the path. */
export function Frame({ profile, rules }: { profile: Profile; rules: PackedRule[] }) {
  const { t } = useI18n();
  const path = usePath();
  const items = navigationFor(rules);
  const caseId = CASE_PATH.exec(path)?.[1];
  const current = items.find((item) => item.path === (caseId ? '/' : path)) ?? items[0];
  return (
    <>
      <header class="top">
        <p class="brand">{t('appName')}</p>
        <p class="who">{t('signedInAs', { name: profile.name })}</p>
        <LanguageSwitch />
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
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
        {caseId ? (
          <CasePage id={caseId} />
        ) : current?.label === 'navMyCases' ? (
          <Worklist />
        ) : (
          <>
            <Heading>{current ? t(current.label) : t('notFoundTitle')}</Heading>
            <p>{t('comingSoon')}</p>
          </>
        )}
      </main>
    </>
  );
}
