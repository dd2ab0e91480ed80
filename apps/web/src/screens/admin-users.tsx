import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { roleLabel } from './admin-labels';
import { AppLink } from './admin-link';
import { loadRequests, loadUsers } from './admin-loaders';
import type { AdminRequestView, UserView } from './admin-views';

/** The organisation's users, with the way to ask for a new one and to the requests waiting for a decision. */
export function UsersScreen() {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserView[]>();
  const [requests, setRequests] = useState<AdminRequestView[]>([]);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    Promise.all([loadUsers(), loadRequests()]).then(([loadedUsers, loadedRequests]) => {
      setUsers(loadedUsers);
      setRequests(loadedRequests);
    }, setFailure);
  }, []);

  const waiting = requests.filter(
    (request) => request.state === 'pending' && request.allowed.actions.includes('approve'),
  );
  const halves = requests.filter(
    (request) => request.requesterHalfWaiting && request.allowed.actions.includes('collect'),
  );

  return (
    <>
      <Heading>{t('navUsers')}</Heading>
      <Alert text={failure ? failureText(failure, t) : undefined} />
      <ul class="admin-actions">
        <li>
          <AppLink href="/users/new" class="button-link">
            {t('adminUserCreate')}
          </AppLink>
        </li>
        <li>
          <AppLink href="/users/requests" class="button-link">
            {t('adminRequestsTitle')}
            {waiting.length + halves.length > 0 &&
              ` (${t('adminRequestsWaitingCount', { count: String(waiting.length + halves.length) })})`}
          </AppLink>
        </li>
      </ul>
      {!users && !failure && <p aria-live="polite">{t('loading')}</p>}
      {users && (
        <ul class="cards" aria-label={t('navUsers')}>
          {users.map((user) => (
            <li key={user.id} class="card">
              <p class="card-title">
                <AppLink href={`/users/${user.id}`}>{user.name}</AppLink>
              </p>
              <p class="card-line">{user.email}</p>
              <p class="card-line">
                {t(roleLabel(user.role))}
                {' · '}
                {t(user.active ? 'adminActive' : 'adminInactive')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
