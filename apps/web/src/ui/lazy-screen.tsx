import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NetworkFailure } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Alert } from './alert';
import { failureText } from './failure-text';

/**
 * A screen whose code loads when it is first opened (a dynamic `import()`), so that a companion's
 * phone never downloads the screens she has no use for and the sign-in and worklist stay within
 * the size budget (SPEC §11). While it loads, the screen says so politely; a load that fails is
 * told as a lost connection and tried again the next time the screen opens.
 */
export function lazyScreen<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  let loading: Promise<ComponentType<Props>> | undefined;
  return function LazyScreen(props: Props) {
    const { t } = useI18n();
    const [loaded, setLoaded] = useState<{ Screen: ComponentType<Props> }>();
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      (loading ??= load()).then(
        (Screen) => setLoaded({ Screen }),
        () => {
          loading = undefined;
          setFailed(true);
        },
      );
    }, []);
    if (loaded) return <loaded.Screen {...props} />;
    return failed ? <Alert text={failureText(new NetworkFailure(), t)} /> : <p aria-live="polite">{t('loading')}</p>;
  };
}
