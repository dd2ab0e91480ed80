import { useI18n } from '../i18n/i18n';

/** One press to the other language; its label is in the language it switches to. */
export function LanguageSwitch() {
  const { t, language, switchLanguage } = useI18n();
  return (
    <button
      type="button"
      class="language"
      lang={language === 'id' ? 'en' : 'id'}
      aria-label={t('languageSwitchLabel')}
      onClick={switchLanguage}
    >
      {t('languageSwitch')}
    </button>
  );
}
