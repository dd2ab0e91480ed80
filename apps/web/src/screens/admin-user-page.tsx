import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import { idOf } from '../api/record-id';
import type { Profile } from '../session/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';
import { roleLabel, scopeKindOf } from './admin-labels';
import { AppLink } from './admin-link';
import { loadMe, loadStructure } from './admin-loaders';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { ifMatch } from './admin-pages';
import { groupLabel, type RoleAndScope, ScopeFields, scopeBody, type Structure } from './admin-scope-fields';
import type { UserView } from './admin-views';
import { Loading } from '../ui/loading';

interface Loaded {
  user: UserView;
  structure: Structure;
  me: Profile;
}

/** What a failed request says: a stale version (someone changed the user meanwhile) has words of its own. */
function requestFailure(error: unknown, t: (key: MessageKey) => string): string {
  if (error instanceof ApiProblem && error.status === 409) return t('adminRequestConflict');
  if (error instanceof ApiProblem && error.status === 403) return t('adminRequestForbidden');
  return failureText(error, t);
}

/**
 * One user, and the requests an administrator may make about her (SPEC §8): a change of role or
 * scope, deactivation or activation, a reset of the password or of the second factor. Each is a
 * request that a second administrator decides; the controls follow the record's `allowed`.
 */
export function UserScreen({ params: [id] }: { params: string[] }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<unknown>();
  const [sent, setSent] = useState<MessageKey>();
  const [scope, setScope] = useState<RoleAndScope>();
  const [keys] = useState(() => new IdempotencyKeys());

  const load = () =>
    Promise.all([
      answered(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
      loadStructure(),
      loadMe(),
    ]).then(([user, structure, me]) => {
      setLoaded({ user, structure, me });
      setScope({ role: user.role ?? '', groupIds: user.groupIds ?? [], regionIds: user.regionIds ?? [] });
    }, setFailure);
  useEffect(() => void load(), [id]);

  const useRequest = (send: (user: UserView) => Promise<unknown>) =>
    useSubmit(
      async () => {
        setSent(undefined);
        await send(loaded!.user);
        setSent('adminRequestSent');
        keys.forget();
        await load();
      },
      (error) => requestFailure(error, t),
    );
  const change = (body: object) => (user: UserView) =>
    answered(
      api.PATCH('/api/v1/users/{id}', { params: { path: { id: idOf(user) }, header: ifMatch(user.version) }, body }),
    );
  const reset = (kind: 'reset_password' | 'reset_totp') => (user: UserView) => {
    const body = { kind, subjectId: user.id };
    return answered(api.POST('/api/v1/admin-requests', { headers: { 'Idempotency-Key': keys.for(body) }, body }));
  };

  const roleChange = useRequest((user) => change({ role: scope!.role, ...scopeBody(scope!) })(user));
  const activity = useRequest((user) => change({ active: !user.active })(user));
  const passwordReset = useRequest(reset('reset_password'));
  const totpReset = useRequest(reset('reset_totp'));

  if (!loaded) return <Loading title={t('navUsers')} failure={failure ? failureText(failure, t) : undefined} />;

  const { user, structure, me } = loaded;
  const writable = (field: string) => user.allowed.writableFields.includes(field);
  const mayRequestResets = user.allowed.actions.includes('update') && user.id !== me.id;
  const scopeNames =
    scopeKindOf(user.role) === 'groups'
      ? structure.groups
          .filter((group) => user.groupIds?.includes(group.id ?? ''))
          .map((group) => groupLabel(structure, group))
      : structure.regions
          .filter((region) => user.regionIds?.includes(region.id ?? ''))
          .map((region) => region.name ?? '');
  const failed = [roleChange, activity, passwordReset, totpReset].find((submission) => submission.failure)?.failure;

  return (
    <>
      <Heading>{user.name}</Heading>
      <dl class="facts">
        <div>
          <dt>{t('email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('adminRole')}</dt>
          <dd>{t(roleLabel(user.role))}</dd>
        </div>
        {scopeNames.length > 0 && (
          <div>
            <dt>{t(scopeKindOf(user.role) === 'groups' ? 'adminScopeGroups' : 'adminScopeRegions')}</dt>
            <dd>{scopeNames.join(', ')}</dd>
          </div>
        )}
        <div>
          <dt>{t('status')}</dt>
          <dd>{t(user.active ? 'adminActive' : 'adminInactive')}</dd>
        </div>
        <div>
          <dt>{t('adminSecondFactor')}</dt>
          <dd>{t(user.mfaEnrolled ? 'adminMfaEnrolled' : 'adminMfaNotEnrolled')}</dd>
        </div>
      </dl>
      <p class="hint">{t('adminRequestsExplained')}</p>
      <Alert text={failed} />
      <div class="saved" aria-live="polite">
        {sent && (
          <p>
            {t(sent)} <AppLink href="/users/requests">{t('adminRequestsTitle')}</AppLink>
          </p>
        )}
      </div>

      {writable('role') && scope && (
        <form class="case-form" onSubmit={roleChange.onSubmit} noValidate aria-labelledby="role-form-title">
          <h2 id="role-form-title">{t('adminChangeRoleTitle')}</h2>
          <ScopeFields idPrefix="change" value={scope} structure={structure} onChange={setScope} />
          <button type="submit" class="primary" disabled={roleChange.busy}>
            {t('adminRequestChangeRole')}
          </button>
        </form>
      )}

      {(writable('active') || mayRequestResets) && (
        <section class="case-section" aria-labelledby="account-title">
          <h2 id="account-title">{t('adminAccountTitle')}</h2>
          <div class="actions">
            {writable('active') && (
              <form onSubmit={activity.onSubmit}>
                <button type="submit" disabled={activity.busy}>
                  {t(user.active ? 'adminRequestDeactivate' : 'adminRequestActivate')}
                </button>
              </form>
            )}
            {mayRequestResets && (
              <>
                <form onSubmit={passwordReset.onSubmit}>
                  <button type="submit" disabled={passwordReset.busy}>
                    {t('adminRequestResetPassword')}
                  </button>
                </form>
                {user.mfaEnrolled && (
                  <form onSubmit={totpReset.onSubmit}>
                    <button type="submit" disabled={totpReset.busy}>
                      {t('adminRequestResetTotp')}
                    </button>
                  </form>
                )}
              </>
            )}
          </div>
        </section>
      )}
    </>
  );
}
