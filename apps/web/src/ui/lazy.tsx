import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Alert } from './alert';
import { failureText } from './failure-text';
import { NetworkFailure } from '../api/problem';

/**
 * A screen whose code loads when it is first opened (a dynamic `import()`), so that what the
 * sign-in and the companion's start screen download stays small (SPEC §11 budget).
 */
export function Lazy({ load }: { load: () => Promise<ComponentChild> }) {
  const { t } = useI18n();
  const [screen, setScreen] = useState<ComponentChild>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    load().then(setScreen, () => setFailed(true));
  }, []);
  if (screen) return <>{screen}</>;
  return failed ? <Alert text={failureText(new NetworkFailure(), t)} /> : <p aria-live="polite">{t('loading')}</p>;
}
