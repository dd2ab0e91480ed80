import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Alert } from './alert';

/**
 * A screen loaded when it is first opened, so that the sign-in and the companion's start screen
 * stay within the size budget (SPEC §11).
 */
export function lazyScreen<Props extends object>(load: () => Promise<ComponentType<Props>>) {
  return function LazyScreen(props: Props) {
    const { t } = useI18n();
    const [screen, setScreen] = useState<{ Loaded: ComponentType<Props> }>();
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      load().then(
        (Loaded) => setScreen({ Loaded }),
        () => setFailed(true),
      );
    }, []);
    if (screen) return <screen.Loaded {...props} />;
    return failed ? <Alert text={t('networkError')} /> : <p aria-live="polite">{t('loading')}</p>;
  };
}
