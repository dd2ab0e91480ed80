import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { type Captured, type CaptureKind, dropCaptured, openCaptured, openOneCaptured } from '../offline/capture-store';
import { keepAndSend } from '../offline/outbox-capture';
import { whenVaultOpens } from '../offline/open-vault';
import type { PlanItemTitle } from '../offline/phone-db';
import { storedCases, storedCodeLists, type SyncedCase } from '../offline/phone-store';
import type { PhoneVault } from '../offline/phone-vault';
import { navigate } from '../router';
import { tokens } from '../session/tokens';
import { Alert } from '../ui/alert';
import { ConfirmButtons } from '../ui/confirm-step';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { calendarDay, codeLabel, type CodeLists, momentOf } from '../ui/labels';
import { Loading } from '../ui/loading';
import { Notice, navigateWithNotice } from '../ui/notice';
import { useSubmit } from '../ui/use-submit';
import { Intake, type IntakeDraft } from './intake';
import './capture.css';

type CreateFollowUp = components['schemas']['CreateFollowUpDto'];
type CreateActivityReport = components['schemas']['CreateActivityReportDto'];

export const CAPTURED_PATH = '/captured';

const KIND_TITLES: Record<CaptureKind, MessageKey> = {
  intake: 'captureNewCase',
  'follow-up': 'captureFollowUp',
  activity: 'captureActivity',
};

/** The vault this page unlocked; the review list is drawn by the unlock, which may hand it over a moment later. */
const unlockedVault = () =>
  new Promise<PhoneVault>((resolve) => {
    const stop = whenVaultOpens((vault) => {
      resolve(vault);
      queueMicrotask(() => stop());
    });
  });

/** What the review needs to attach records: her stored cases, the code lists, the plan items. */
interface Ground {
  vault: PhoneVault;
  records: Captured[];
  cases: SyncedCase[];
  codes: CodeLists;
  items: PlanItemTitle[];
}

/** Only a phone takes records in capture-only mode; a browser's session has none to review. */
class NotAPhone extends Error {}

async function loadGround(): Promise<Ground> {
  if (!tokens.phone()) throw new NotAPhone();
  const vault = await unlockedVault();
  const [records, cases, codes, items] = await Promise.all([
    openCaptured(vault),
    storedCases(),
    storedCodeLists(),
    vault.formList('plan-items'),
  ]);
  return { vault, records, cases, codes, items: items ?? [] };
}

/**
 * The review list of capture-only mode (SPEC §12), once DK is back: each record taken in while the
 * phone could not be unlocked, opened with the private sealing key; she attaches a follow-up to one
 * of her cases or a report to a plan item, or confirms an intake at its last step, and only then it
 * goes into the outbox under its own id (the capture's), and the sealed capture is deleted.
 */
export function CapturedReview() {
  const { t } = useI18n();
  const [ground, setGround] = useState<Ground>();
  const [failure, setFailure] = useState<unknown>();
  const [outcome, setOutcome] = useState<MessageKey>();
  const title = useRef<HTMLDivElement>(null);
  const reload = () => loadGround().then(setGround, setFailure);
  useEffect(() => void reload(), []);
  /** A record left the list: said in the status line, and the focus goes back to the screen's title. */
  const done = (said: MessageKey) => {
    setOutcome(said);
    void reload().then(() => title.current?.querySelector('h1')?.focus());
  };

  if (failure instanceof NotAPhone)
    return (
      <>
        <Heading>{t('capturedTitle')}</Heading>
        <p class="captured-empty">{t('capturedNone')}</p>
      </>
    );
  if (!ground) return <Loading title={t('capturedTitle')} failure={failure ? failureText(failure, t) : undefined} />;
  return (
    <>
      <div ref={title}>
        <Heading>{t('capturedTitle')}</Heading>
      </div>
      <Notice />
      <p class="captured-outcome" role="status">
        {outcome ? t(outcome) : ''}
      </p>
      <p>{t('capturedHelp')}</p>
      {ground.records.length === 0 ? (
        <p class="captured-empty">{t('capturedNone')}</p>
      ) : (
        <ul class="captured-list cards">
          {ground.records.map((record) => (
            <li key={record.id} class="card">
              <CapturedRecord record={record} ground={ground} onDone={done} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function CapturedRecord({
  record,
  ground,
  onDone,
}: {
  record: Captured;
  ground: Ground;
  onDone(outcome: MessageKey): void;
}) {
  const { t, language } = useI18n();
  const [discarding, setDiscarding] = useState(false);
  const discardButton = useRef<HTMLButtonElement>(null);
  // "Cancel" gives the focus back to the button that opened the step.
  const returnTo = useRef(false);
  useLayoutEffect(() => {
    if (discarding || !returnTo.current) return;
    returnTo.current = false;
    discardButton.current?.focus();
  }, [discarding]);
  const titleId = `captured-${record.id}`;
  return (
    <section aria-labelledby={titleId} data-kind={record.kind} data-state={record.state}>
      <h2 id={titleId} class="card-title">
        {t(KIND_TITLES[record.kind])}
      </h2>
      <p class="captured-when">
        {t(record.state === 'draft' ? 'capturedDraftAt' : 'capturedSavedAt', {
          at: momentOf(language, new Date(record.savedAt).toISOString()),
        })}
      </p>
      {record.note && (
        <p class="captured-note">
          {t('capturedYourNote')} {record.note}
        </p>
      )}
      {record.form === undefined ? (
        <p>{t('capturedNothingTyped')}</p>
      ) : record.kind === 'follow-up' ? (
        <AttachFollowUp record={record} body={record.form as CreateFollowUp} ground={ground} onDone={onDone} />
      ) : record.kind === 'activity' ? (
        <AttachActivity record={record} body={record.form as CreateActivityReport} ground={ground} onDone={onDone} />
      ) : (
        <div class="actions">
          <button type="button" class="primary" onClick={() => navigate(`${CAPTURED_PATH}/${record.id}`)}>
            {t('capturedOpenIntake')}
          </button>
        </div>
      )}
      {discarding ? (
        <Discard
          record={record}
          vault={ground.vault}
          onCancel={() => {
            setDiscarding(false);
            returnTo.current = true;
          }}
          onDone={() => onDone('capturedDiscarded')}
        />
      ) : (
        <div class="actions">
          <button type="button" class="captured-discard" ref={discardButton} onClick={() => setDiscarding(true)}>
            {t('capturedDiscard')}
          </button>
        </div>
      )}
    </section>
  );
}

function Facts({ rows }: { rows: [string, string | undefined][] }) {
  return (
    <dl class="facts">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** Where a captured record goes, chosen from a list, and the confirm button under the form's failure. */
function AttachTo({
  id,
  name,
  label,
  value,
  options,
  onChange,
  failure,
  busy,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; text: string }[];
  onChange(value: string): void;
  failure: string | undefined;
  busy: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <div class="field">
        <label for={id}>{label}</label>
        <select id={id} name={name} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">{t('followUpChoose')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      </div>
      <Alert text={failure} />
      <button type="submit" class="primary" disabled={busy}>
        {t('capturedConfirm')}
      </button>
    </>
  );
}

/** Puts the record in the outbox under the capture's id, then deletes the sealed capture. */
async function confirmInto(vault: PhoneVault, id: string, request: Parameters<typeof keepAndSend>[1]): Promise<void> {
  await keepAndSend(id, request);
  await dropCaptured(vault, id);
}

function AttachFollowUp({
  record,
  body,
  ground,
  onDone,
}: {
  record: Captured;
  body: CreateFollowUp;
  ground: Ground;
  onDone(outcome: MessageKey): void;
}) {
  const { t, language } = useI18n();
  const [caseId, setCaseId] = useState('');
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      if (!caseId) throw new Unattached();
      await confirmInto(ground.vault, record.id, { kind: 'follow-up', caseId, body: { ...body, id: record.id } });
      onDone('capturedConfirmed');
    },
    (error) => (error instanceof Unattached ? t('capturedChooseCase') : failureText(error, t)),
  );
  return (
    <form class="captured-attach" onSubmit={onSubmit} noValidate>
      <Facts
        rows={[
          [t('followUpDate'), body.date && calendarDay(language, body.date)],
          [t('followUpType'), codeLabel(ground.codes, language, 'followUpType', body.type)],
          [t('followUpNotes'), body.notes],
          [t('followUpNextAction'), body.nextAction],
          [t('followUpDueDate'), body.dueDate && calendarDay(language, body.dueDate)],
        ]}
      />
      <AttachTo
        id={`captured-case-${record.id}`}
        name="case"
        label={t('capturedAttachCase')}
        value={caseId}
        options={ground.cases.map((stored) => ({
          value: stored.id ?? '',
          text: [stored.caseNumber, stored.survivor?.name].filter(Boolean).join(' · '),
        }))}
        onChange={setCaseId}
        failure={failure}
        busy={busy}
      />
    </form>
  );
}

function AttachActivity({
  record,
  body,
  ground,
  onDone,
}: {
  record: Captured;
  body: CreateActivityReport;
  ground: Ground;
  onDone(outcome: MessageKey): void;
}) {
  const { t, language } = useI18n();
  const [itemId, setItemId] = useState(record.itemId ?? '');
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const item = ground.items.find((candidate) => candidate.id === itemId);
      if (!item) throw new Unattached();
      const request = { kind: 'activity' as const, planId: item.planId, itemId, body: { ...body, id: record.id } };
      await confirmInto(ground.vault, record.id, request);
      onDone('capturedConfirmed');
    },
    (error) => (error instanceof Unattached ? t('capturedChooseItem') : failureText(error, t)),
  );
  const people = Object.values(body.participants ?? {}).reduce((sum, count) => sum + (Number(count) || 0), 0);
  return (
    <form class="captured-attach" onSubmit={onSubmit} noValidate>
      <Facts
        rows={[
          [t('workplansActivityDate'), body.date && calendarDay(language, body.date)],
          [t('workplansParticipants'), String(people)],
          [t('workplansSummary'), body.summary],
        ]}
      />
      <AttachTo
        id={`captured-item-${record.id}`}
        name="item"
        label={t('captureItem')}
        value={itemId}
        options={ground.items.map((item) => ({ value: item.id, text: item.title }))}
        onChange={setItemId}
        failure={failure}
        busy={busy}
      />
    </form>
  );
}

function Discard({
  record,
  vault,
  onCancel,
  onDone,
}: {
  record: Captured;
  vault: PhoneVault;
  onCancel(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const warning = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => warning.current?.focus(), []);
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      await dropCaptured(vault, record.id);
      onDone();
    },
    (error) => failureText(error, t),
  );
  return (
    <form class="captured-discard-step" onSubmit={onSubmit}>
      <p ref={warning} tabIndex={-1}>
        {t('capturedDiscardWarning')}
      </p>
      <ConfirmButtons
        failure={failure}
        busy={busy}
        confirm={t('capturedDiscardConfirm')}
        cancel={t('capturedDiscardCancel')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** A captured intake opened at its last step; saving it puts the case in the outbox and deletes the capture. */
export function CapturedIntake({ id }: { id: string }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState<{ vault: PhoneVault; draft: IntakeDraft }>();
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    unlockedVault()
      .then(async (vault) => {
        const record = (await openOneCaptured(vault, id)) as Captured<IntakeDraft> | undefined;
        if (!record?.form) return navigateWithNotice(CAPTURED_PATH, 'capturedGone');
        setOpened({ vault, draft: record.form });
      })
      .catch(setFailure);
  }, [id]);
  if (!opened) return <Loading title={t('intakeTitle')} failure={failure ? failureText(failure, t) : undefined} />;
  return <Intake resume={{ id, draft: opened.draft, onKept: () => dropCaptured(opened.vault, id) }} />;
}

/** No case or plan item chosen yet. */
class Unattached extends Error {}
