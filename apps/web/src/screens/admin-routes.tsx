import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { NetworkFailure } from '../api/problem';
import type { Route } from './routes';

type Screens = typeof import('./admin-screens');

/**
 * The administrator's screens load on demand, in one file of their own: a companion's phone never
 * downloads them, and the sign-in and worklist stay within the size budget (SPEC §11).
 */
let loading: Promise<Screens> | undefined;
const screens = () => (loading ??= import('./admin-screens'));

function Deferred({ screen, params }: { screen: keyof Screens; params: string[] }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<ComponentType<{ params: string[] }>>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    screens().then(
      (module) => setLoaded(() => module[screen]),
      () => {
        loading = undefined;
        setFailed(true);
      },
    );
  }, [screen]);
  if (loaded) {
    const Screen = loaded;
    return <Screen params={params} />;
  }
  return failed ? <Alert text={failureText(new NetworkFailure(), t)} /> : <p aria-live="polite">{t('loading')}</p>;
}

const UUID = '([0-9a-f-]{36})';
const deferred = (screen: keyof Screens) => (params: string[]) => <Deferred screen={screen} params={params} />;

export const adminRoutes: Route[] = [
  { pattern: /^\/users$/, sections: ['/users'], render: deferred('UsersScreen') },
  { pattern: /^\/users\/new$/, sections: ['/users'], render: deferred('UserCreateScreen') },
  { pattern: /^\/users\/requests$/, sections: ['/users'], render: deferred('AdminRequestsScreen') },
  { pattern: new RegExp(`^/users/${UUID}$`), sections: ['/users'], render: deferred('UserScreen') },
  { pattern: /^\/structure$/, sections: ['/structure'], render: deferred('StructureScreen') },
  { pattern: /^\/directory$/, sections: ['/directory'], render: deferred('DirectoryScreen') },
  { pattern: /^\/audit$/, sections: ['/audit'], render: deferred('AuditScreen') },
];
