import { useMemo, useState } from 'preact/hooks';
import { I18nContext, initialLanguage, rememberLanguage, translator } from './i18n/i18n';
import type { Language } from './i18n/messages';
import { Frame } from './screens/frame';
import { LanguageSwitch } from './screens/language-switch';
import { PasswordChange } from './screens/password-change';
import { RecoveryCodes } from './screens/recovery-codes';
import { ResetNoticeScreen } from './screens/reset-notice';
import { SignIn } from './screens/sign-in';
import { TotpEnrolment } from './screens/totp-enrolment';
import { useStage } from './session/session';
import { lazyScreen } from './ui/lazy-screen';

/** A phone's PIN lock brings its store and Argon2: loaded only on a phone set up for offline capture. */
const PhoneLock = lazyScreen(() => import('./screens/phone-lock').then((module) => module.PhoneLock));

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const i18n = useMemo(
    () => ({
      language,
      t: translator(language),
      switchLanguage: () => {
        const next = language === 'id' ? 'en' : 'id';
        rememberLanguage(next);
        setLanguage(next);
      },
    }),
    [language],
  );
  const stage = useStage();
  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {i18n.t('skipToContent')}
      </a>
      {stage.kind === 'signed-in' ? (
        // Going online from an offline unlock draws the frame anew: its screens read the API again.
        <Frame key={stage.offline ? 'offline' : 'online'} profile={stage.profile} rules={stage.rules} />
      ) : (
        <>
          <header class="top">
            <p class="brand">{i18n.t('appName')}</p>
            <LanguageSwitch />
          </header>
          {stage.kind === 'resuming' && (
            <main id="main" class="narrow" aria-busy="true">
              <p>{i18n.t('sessionResuming')}</p>
            </main>
          )}
          {stage.kind === 'signed-out' && <SignIn />}
          {stage.kind === 'locked' && <SignIn locked />}
          {stage.kind === 'phone-locked' && <PhoneLock />}
          {stage.kind === 'password-change' && <PasswordChange />}
          {stage.kind === 'enrolment' && <TotpEnrolment />}
          {stage.kind === 'recovery-codes' && <RecoveryCodes codes={stage.codes} />}
          {stage.kind === 'reset-notice' && (
            <ResetNoticeScreen notice={stage.notice} profile={stage.profile} rules={stage.rules} />
          )}
        </>
      )}
    </I18nContext.Provider>
  );
}
