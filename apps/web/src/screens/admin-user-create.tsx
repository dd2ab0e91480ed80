import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';
import { scopeKindOf } from './admin-labels';
import { AppLink } from './admin-link';
import { loadStructure } from './admin-loaders';
import { type RoleAndScope, ScopeFields, scopeBody, type Structure } from './admin-scope-fields';
import type { AdminRequestView } from './admin-views';

/** The limits of CreateUserDto, so that the form refuses what the API would refuse. */
const NAME_MAX = 200;
const EMAIL_MAX = 320;
const PLAIN_EMAIL = /^[^\s":@]+@[^\s":@]+\.[^\s":@]+$/;

interface Typed extends RoleAndScope {
  name: string;
  email: string;
}

type Invalid = Partial<Record<'name' | 'email' | 'scope', MessageKey>>;

function invalidFields(typed: Typed): Invalid {
  const invalid: Invalid = {};
  if (!typed.name.trim() || typed.name.length > NAME_MAX) invalid.name = 'adminNameInvalid';
  if (!PLAIN_EMAIL.test(typed.email.trim()) || typed.email.length > EMAIL_MAX) invalid.email = 'adminEmailInvalid';
  const kind = scopeKindOf(typed.role);
  if ((kind === 'groups' && !typed.groupIds.length) || (kind === 'regions' && !typed.regionIds.length))
    invalid.scope = 'adminScopeRequired';
  return invalid;
}

const blank = (): Typed => ({ name: '', email: '', role: 'companion', groupIds: [], regionIds: [] });

/**
 * Asking for a new user (SPEC §8): the API answers with a request (202) that a second administrator
 * approves; the user exists, with a temporary password in two halves, only then.
 */
export function UserCreateScreen() {
  const { t } = useI18n();
  const [structure, setStructure] = useState<Structure>();
  const [loadFailure, setLoadFailure] = useState<unknown>();
  const [typed, setTyped] = useState<Typed>(blank);
  const [invalid, setInvalid] = useState<Invalid>({});
  const [requested, setRequested] = useState<AdminRequestView>();
  const [keys] = useState(() => new IdempotencyKeys());

  useEffect(() => {
    loadStructure().then(setStructure, setLoadFailure);
  }, []);

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setRequested(undefined);
      const found = invalidFields(typed);
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      const body = {
        name: typed.name.trim(),
        email: typed.email.trim(),
        role: typed.role as 'companion',
        ...scopeBody(typed),
      };
      const request = await answered(
        api.POST('/api/v1/users', { headers: { 'Idempotency-Key': keys.for(body) }, body }),
      );
      keys.forget();
      setTyped(blank());
      setRequested(request);
    },
    (error) =>
      error instanceof InvalidForm || (error instanceof ApiProblem && error.status === 400)
        ? t('adminCheckFields')
        : error instanceof ApiProblem && error.status === 409
          ? t('adminEmailTaken')
          : failureText(error, t),
  );

  const set = (field: 'name' | 'email') => (event: { currentTarget: { value: string } }) =>
    setTyped({ ...typed, [field]: event.currentTarget.value });
  const described = (field: keyof Invalid) =>
    invalid[field] ? { 'aria-invalid': true as const, 'aria-describedby': `user-${field}-error` } : {};
  const error = (field: keyof Invalid) =>
    invalid[field] && (
      <p id={`user-${field}-error`} class="field-error">
        {t(invalid[field])}
      </p>
    );

  return (
    <>
      <Heading>{t('adminUserCreate')}</Heading>
      <p>{t('adminUserCreateHelp')}</p>
      <Alert text={loadFailure ? failureText(loadFailure, t) : undefined} />
      {!structure && !loadFailure && <p aria-live="polite">{t('loading')}</p>}
      {structure && (
        <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby="user-form-title">
          <h2 id="user-form-title">{t('adminUserDetails')}</h2>
          <div class="field">
            <label for="user-name">{t('adminName')}</label>
            <input
              id="user-name"
              name="name"
              type="text"
              autocomplete="off"
              maxLength={NAME_MAX}
              value={typed.name}
              onInput={set('name')}
              {...described('name')}
            />
            {error('name')}
          </div>
          <div class="field">
            <label for="user-email">{t('email')}</label>
            <input
              id="user-email"
              name="email"
              type="email"
              autocomplete="off"
              maxLength={EMAIL_MAX}
              value={typed.email}
              onInput={set('email')}
              {...described('email')}
            />
            {error('email')}
          </div>
          <ScopeFields
            idPrefix="user"
            value={typed}
            structure={structure}
            invalid={invalid.scope}
            onChange={(value) => setTyped({ ...typed, ...value })}
          />
          <Alert text={failure} />
          <div class="saved" aria-live="polite">
            {requested && (
              <p>
                {t('adminRequestSent')} <AppLink href="/users/requests">{t('adminRequestsTitle')}</AppLink>
              </p>
            )}
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {t('adminRequestCreateUser')}
          </button>
        </form>
      )}
    </>
  );
}

/** The typed values broke a rule of the DTO; the fields say which. */
class InvalidForm extends Error {}
