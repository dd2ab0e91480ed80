import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { allPages } from '../api/page';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import { wipeThisPhone } from '../offline/wipe-this-phone';
import { tokens } from '../session/tokens';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { Loading } from '../ui/loading';
import { allUsers } from './case-list/directory';
import { PhoneList, type PhoneView } from './phone-list';

interface Loaded {
  phones: PhoneView[];
  /** Names by user id, for the organisation's phones; her own need none. */
  owners?: Map<string, string>;
}

/**
 * Phones set up for offline capture (SPEC §12): `mine` under "My account" for a companion, or
 * `organisation` for an org_admin (the server answers each the phones in her scope). Revoking one
 * shows the phone's new state and says so; revoking the phone this page runs on wipes it.
 */
export function PhonesScreen({ whose }: { whose: 'mine' | 'organisation' }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<unknown>();
  const [revoked, setRevoked] = useState<string>();

  useEffect(() => {
    Promise.all([
      allPages((query) => api.GET('/api/v1/devices', { params: { query } })),
      whose === 'organisation' ? allUsers() : undefined,
    ]).then(
      ([phones, users]) =>
        setLoaded({ phones, owners: users && new Map(users.map((user) => [user.id ?? '', user.name ?? ''])) }),
      setFailure,
    );
  }, [whose]);

  const title = whose === 'mine' ? t('phonesMineTitle') : t('phonesOrganisationTitle');
  if (!loaded) return <Loading title={title} failure={failure ? failureText(failure, t) : undefined} />;
  const { phones, owners } = loaded;
  return (
    <>
      <Heading>{title}</Heading>
      <p>{whose === 'mine' ? t('phonesMineHelp') : t('phonesOrganisationHelp')}</p>
      <p class="saved" aria-live="polite">
        {revoked === undefined ? '' : t('phonesRevoked', { label: revoked })}
      </p>
      {phones.length === 0 ? (
        <p>{t('phonesNone')}</p>
      ) : (
        <PhoneList
          phones={phones}
          ownerOf={owners && ((userId) => (userId && owners.get(userId)) || t('phonesOwnerUnknown'))}
          onRevoked={(phone) => {
            if (idOf(phone) === tokens.phone()) return void wipeThisPhone();
            setLoaded({ phones: phones.map((shown) => (shown.id === phone.id ? phone : shown)), owners });
            setRevoked(phone.label ?? '');
          }}
        />
      )}
    </>
  );
}
