import { useI18n } from '../i18n/i18n';
import { Alert } from './alert';
import { Heading } from './heading';

/**
 * A screen until what it shows has loaded: its title, then that it is loading, said politely, or
 * once loading has failed, why.
 */
export function Loading({ title, failure }: { title: string; failure: string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{title}</Heading>
      <Alert text={failure} />
      {!failure && <p aria-live="polite">{t('loading')}</p>}
    </>
  );
}
