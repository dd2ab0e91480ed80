import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { REQUEST_KIND_LABELS, REQUEST_STATE_LABELS, roleLabel } from './admin-labels';
import { momentOf } from '../ui/labels';
import { loadRequests, loadUsers, namesOf } from './admin-loaders';
import { PasswordHalf } from './admin-password-half';
import type { AdminRequestView, UserView } from './admin-views';
import { Loading } from '../ui/loading';

interface Loaded {
  requests: AdminRequestView[];
  users: UserView[];
}

interface Shown {
  half: string;
  which: 'first' | 'second';
  userName: string;
}

/**
 * The administration requests (SPEC §8): those waiting for this administrator's decision, with
 * approve and refuse; the halves of temporary passwords waiting for her to collect; and the rest,
 * decided or waiting for someone else. The approver's half appears once, in the approval's answer.
 */
export function AdminRequestsScreen() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [shown, setShown] = useState<Shown>();
  const [done, setDone] = useState<string>();

  const load = () =>
    Promise.all([loadRequests(), loadUsers()]).then(([requests, users]) => setLoaded({ requests, users }), setFailure);
  useEffect(() => void load(), []);

  if (!loaded)
    return <Loading title={t('adminRequestsTitle')} failure={failure ? failureText(failure, t) : undefined} />;

  const nameOf = namesOf(loaded.users);
  const about = (request: AdminRequestView) =>
    request.kind === 'create_user' ? (request.name ?? '') : (nameOf(request.subjectId) ?? t('adminUnknownUser'));

  const act = async (request: AdminRequestView, action: 'approve' | 'refuse' | 'collect') => {
    setBusy(request.id);
    setFailure(undefined);
    setShown(undefined);
    setDone(undefined);
    const path = { params: { path: { id: idOf(request) } } };
    try {
      if (action === 'approve') {
        const approved = await answered(api.POST('/api/v1/admin-requests/{id}/approve', path));
        if (approved.temporaryPassword)
          setShown({ half: approved.temporaryPassword.secondHalf, which: 'second', userName: about(request) });
        setDone(t('adminApproved', { name: about(request) }));
      } else if (action === 'refuse') {
        await answered(api.POST('/api/v1/admin-requests/{id}/refuse', path));
        setDone(t('adminRefused', { name: about(request) }));
      } else {
        const { firstHalf } = await answered(api.POST('/api/v1/admin-requests/{id}/password-half', path));
        setShown({ half: firstHalf, which: 'first', userName: about(request) });
      }
      await load();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  };
  const actionButton = (
    request: AdminRequestView,
    action: 'approve' | 'refuse' | 'collect',
    label: MessageKey,
    emphasis?: 'primary',
  ) => (
    <button type="button" class={emphasis} disabled={busy === request.id} onClick={() => void act(request, action)}>
      {t(label)}
    </button>
  );

  const toDecide = loaded.requests.filter(
    (request) => request.state === 'pending' && request.allowed.actions.includes('approve'),
  );
  const toCollect = loaded.requests.filter(
    (request) => request.requesterHalfWaiting && request.allowed.actions.includes('collect'),
  );
  // The newest first: the one just asked for or decided is the one the reader looks for.
  const others = loaded.requests
    .filter((request) => !toDecide.includes(request) && !toCollect.includes(request))
    .sort((one, other) => (other.createdAt ?? '').localeCompare(one.createdAt ?? ''));

  const card = (request: AdminRequestView, controls?: ComponentChild) => (
    <li key={request.id} class="card" data-request={request.id}>
      <p class="card-title">
        {t(REQUEST_KIND_LABELS[request.kind ?? ''] ?? 'adminKindUnknown')}: {about(request)}
      </p>
      <dl class="facts">
        {request.email && (
          <div>
            <dt>{t('email')}</dt>
            <dd>{request.email}</dd>
          </div>
        )}
        {request.role && (
          <div>
            <dt>{t('adminRole')}</dt>
            <dd>{t(roleLabel(request.role))}</dd>
          </div>
        )}
        {typeof request.active === 'boolean' && (
          <div>
            <dt>{t('status')}</dt>
            <dd>{t(request.active ? 'adminActive' : 'adminInactive')}</dd>
          </div>
        )}
        <div>
          <dt>{t('adminRequestedBy')}</dt>
          <dd>
            {nameOf(request.requestedBy) ?? t('adminUnknownUser')}
            {request.createdAt && `, ${momentOf(language, request.createdAt)}`}
          </dd>
        </div>
        <div>
          <dt>{t('adminState')}</dt>
          <dd>
            {t(REQUEST_STATE_LABELS[request.state ?? ''] ?? 'adminKindUnknown')}
            {request.decidedByOperator
              ? ` (${t('adminDecidedByOperator')})`
              : request.decidedBy && ` (${nameOf(request.decidedBy) ?? t('adminUnknownUser')})`}
          </dd>
        </div>
      </dl>
      {controls && <div class="actions">{controls}</div>}
    </li>
  );

  return (
    <>
      <Heading>{t('adminRequestsTitle')}</Heading>
      <p>{t('adminRequestsExplained')}</p>
      <Alert
        text={
          failure
            ? failure instanceof ApiProblem && failure.status === 409
              ? t('adminRequestDecidedAlready')
              : failureText(failure, t)
            : undefined
        }
      />
      <div class="saved" aria-live="polite">
        {done && <p>{done}</p>}
      </div>
      {shown && <PasswordHalf {...shown} />}

      <section class="case-section" aria-labelledby="to-decide">
        <h2 id="to-decide">{t('adminToDecide')}</h2>
        {toDecide.length === 0 ? (
          <p>{t('adminNothingToDecide')}</p>
        ) : (
          <ul class="cards">
            {toDecide.map((request) =>
              card(
                request,
                <>
                  {actionButton(request, 'approve', 'adminApprove', 'primary')}
                  {request.allowed.actions.includes('refuse') && actionButton(request, 'refuse', 'adminRefuse')}
                </>,
              ),
            )}
          </ul>
        )}
      </section>

      {toCollect.length > 0 && (
        <section class="case-section" aria-labelledby="to-collect">
          <h2 id="to-collect">{t('adminToCollect')}</h2>
          <ul class="cards">
            {toCollect.map((request) => card(request, actionButton(request, 'collect', 'adminCollectHalf', 'primary')))}
          </ul>
        </section>
      )}

      <section class="case-section" aria-labelledby="other-requests">
        <h2 id="other-requests">{t('adminOtherRequests')}</h2>
        {others.length === 0 ? (
          <p>{t('adminNoOtherRequests')}</p>
        ) : (
          <ul class="cards">{others.map((request) => card(request))}</ul>
        )}
      </section>
    </>
  );
}
