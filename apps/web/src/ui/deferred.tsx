import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NetworkFailure } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Alert } from './alert';
import { failureText } from './failure-text';

type Screen = ComponentType<{ params: string[] }>;

/**
 * Screens that load on demand, in a file of their own, so that a companion's phone never
 * downloads them and the sign-in and worklist stay within the size budget (SPEC §11). Gives a
 * route's `render` for a screen of the module; a module that fails to load is asked for again the
 * next time.
 */
export function deferredScreens<Screens extends Record<string, Screen>>(load: () => Promise<Screens>) {
  let loading: Promise<Screens> | undefined;

  function Deferred({ screen, params }: { screen: keyof Screens; params: string[] }) {
    const { t } = useI18n();
    const [loaded, setLoaded] = useState<Screen>();
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      (loading ??= load()).then(
        (module) => setLoaded(() => module[screen]),
        () => {
          loading = undefined;
          setFailed(true);
        },
      );
    }, [screen]);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded params={params} />;
    }
    return failed ? <Alert text={failureText(new NetworkFailure(), t)} /> : <p aria-live="polite">{t('loading')}</p>;
  }

  return (screen: keyof Screens) => (params: string[]) => <Deferred screen={screen} params={params} />;
}
