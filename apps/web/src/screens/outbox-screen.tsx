import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { openVault } from '../offline/open-vault';
import { Outbox } from '../offline/outbox';
import { deliverNow, isSending } from '../offline/outbox-delivery';
import { wipeWaitsForOutbox } from '../offline/role-wipe';
import { unsentOnPhone } from '../offline/unsent-on-phone';
import type { OutboxRecord } from '../offline/outbox-record';
import { navigate } from '../router';
import { keepStorage, type StorageKeeping } from '../session/persistent-storage';
import { fromApiOrPhone } from '../session/api-or-phone';
import { signOut } from '../session/session';
import { ConfirmButtons } from '../ui/confirm-step';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { momentOf } from '../ui/labels';
import { useSubmit } from '../ui/use-submit';
import type { CodeLists } from '../ui/labels';
import { ActivityReportForm } from './activity-report-form';
import { FollowUpForm } from './follow-up-form';
import { OUTBOX_PATH } from './outbox-line';
import { discardable, KIND_LABELS, stateText } from './outbox-state-text';
import { useOutbox } from './use-outbox';

/** A confirm step whose title takes the focus, so the keyboard goes on from the step. */
function Step({
  title,
  explain,
  confirm,
  cancel,
  onConfirm,
  onCancel,
  class: className,
}: {
  title: string;
  explain: string;
  confirm: string;
  cancel: string;
  onConfirm(): Promise<void>;
  onCancel(): void;
  class: string;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  const { busy, failure, onSubmit } = useSubmit(onConfirm, (error) => failureText(error, t));
  const titleId = `${className}-title`;
  return (
    <form class={`case-form ${className}`} onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>{explain}</p>
      <ConfirmButtons failure={failure} busy={busy} confirm={confirm} cancel={cancel} onCancel={onCancel} />
    </form>
  );
}

/**
 * A refused record opened in its own form as it was sent, to be corrected and sent again under
 * its id. The form is made anew for each correction sent (`key`), so a second refusal opens what was sent.
 */
function Correction({ record, onSaved }: { record: OutboxRecord; onSaved(): void }) {
  const [codes, setCodes] = useState<CodeLists>();
  const { request } = record;
  useEffect(() => {
    if (request.kind === 'follow-up')
      void fromApiOrPhone(
        () => answered(api.GET('/api/v1/code-lists')),
        (store) => store.storedCodeLists(),
      ).then(setCodes, () => undefined);
  }, [request.kind]);
  if (request.kind === 'activity')
    return (
      <ActivityReportForm
        key={record.idempotencyKey}
        planId={request.planId}
        itemId={request.itemId}
        year={Number(request.body.date.slice(0, 4))}
        correcting={request.body}
        onSaved={onSaved}
      />
    );
  if (request.kind === 'follow-up' && codes)
    return (
      <FollowUpForm
        key={record.idempotencyKey}
        caseId={request.caseId}
        codes={codes}
        correcting={request.body}
        onSaved={onSaved}
      />
    );
  return null;
}

/**
 * While sign-out is asked, how many records it would discard, counted again as the outbox changes:
 * the outbox lists only its own, and records taken in capture-only mode wait for review elsewhere.
 */
function useUnsentOnPhone(signingOut: boolean, records: OutboxRecord[] | undefined): number | undefined {
  const [count, setCount] = useState<number>();
  useEffect(() => {
    if (!signingOut || !records) return;
    let current = true;
    void unsentOnPhone().then(
      (found) => current && setCount(found),
      () => current && setCount(records.length),
    );
    return () => void (current = false);
  }, [signingOut, records]);
  return count;
}

/**
 * The records made on this phone and not yet sent (SPEC §12 "Outbox"), each with its state in
 * words; "Send now" tries at once; a record that will not go out as it is can be discarded after a
 * confirm step. `signingOut` is sign-out asked while records wait: refused unless she confirms
 * discarding them (SPEC §12 "Sign-out and other users").
 */
export function OutboxScreen({ signingOut = false }: { signingOut?: boolean }) {
  const { t, language } = useI18n();
  const records = useOutbox();
  const [discarding, setDiscarding] = useState<string>();
  const [correcting, setCorrecting] = useState<string>();
  const [status, setStatus] = useState('');
  const [sending, setSending] = useState(false);
  const [keeping, setKeeping] = useState<StorageKeeping>();
  useEffect(() => void keepStorage().then(setKeeping), []);
  const discardedBySignOut = useUnsentOnPhone(signingOut, records);

  const discard = async (record: OutboxRecord) => {
    const vault = openVault();
    if (vault) await new Outbox(vault).remove(record.id);
    setDiscarding(undefined);
    setStatus(t('outboxDiscarded'));
  };
  const sendNow = async () => {
    setSending(true);
    try {
      await deliverNow(true);
    } finally {
      setSending(false);
    }
  };

  return (
    <section class="outbox">
      <Heading>{t('outboxTitle')}</Heading>
      {signingOut && discardedBySignOut !== undefined && discardedBySignOut > 0 && (
        <Step
          class="sign-out-step"
          title={t('outboxSignOutTitle')}
          explain={t('outboxSignOutExplain', { count: String(discardedBySignOut) })}
          confirm={t('outboxSignOutConfirm')}
          cancel={t('outboxSignOutCancel')}
          onConfirm={signOut}
          onCancel={() => navigate(OUTBOX_PATH)}
        />
      )}
      {wipeWaitsForOutbox() && records && records.length > 0 && (
        <p class="outbox-warning role-wipe-waits">{t('outboxRoleWipeWaits')}</p>
      )}
      <p>{t('outboxHelp')}</p>
      {records && records.length === 0 && <p class="outbox-empty">{t('outboxEmpty')}</p>}
      {records && records.length > 0 && (
        <>
          {keeping !== undefined && keeping !== 'granted' && <p class="outbox-warning">{t('outboxStorageAtRisk')}</p>}
          <button type="button" class="primary send-now" disabled={sending} onClick={() => void sendNow()}>
            {t('outboxSendNow')}
          </button>
          <ul class="outbox-list cards">
            {records.map((record) => (
              <li key={record.id} class="card" data-state={isSending(record.id) ? 'sending' : record.state}>
                <h2 class="card-title">{t(KIND_LABELS[record.request.kind])}</h2>
                <p>{t('outboxMadeAt', { at: momentOf(language, new Date(record.createdAt).toISOString()) })}</p>
                <p class="outbox-state">{stateText(record, isSending(record.id), t, language)}</p>
                {record.state === 'needs-correction' &&
                  record.request.kind !== 'case' &&
                  (correcting === record.id ? (
                    <Correction record={record} onSaved={() => setStatus(t('outboxCorrectedSent'))} />
                  ) : (
                    <button type="button" class="correct" onClick={() => setCorrecting(record.id)}>
                      {t('outboxCorrect')}
                    </button>
                  ))}
                {discardable(record) &&
                  (discarding === record.id ? (
                    <Step
                      class="discard-step"
                      title={t('outboxDiscardTitle')}
                      explain={t('outboxDiscardExplain')}
                      confirm={t('outboxDiscardConfirm')}
                      cancel={t('outboxDiscardCancel')}
                      onConfirm={() => discard(record)}
                      onCancel={() => setDiscarding(undefined)}
                    />
                  ) : (
                    <button type="button" class="discard" onClick={() => setDiscarding(record.id)}>
                      {t('outboxDiscard')}
                    </button>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="saved" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
