import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { type CaptureKind, capturedCount } from '../offline/capture-store';
import type { PlanItemTitle } from '../offline/phone-db';
import type { PhoneVault } from '../offline/phone-vault';
import { Heading } from '../ui/heading';
import type { CodeLists } from '../ui/labels';
import { ActivityReportForm } from './activity-report-form';
import { FollowUpForm } from './follow-up-form';
import { Intake, type IntakeDraft } from './intake';
import { type Ground, NeedsFirstSync } from './intake-ground';
import { placesOf } from './intake-place';
import { useCapture } from './use-capture';
import './capture.css';

type CreateFollowUp = components['schemas']['CreateFollowUpDto'];
type CreateActivityReport = components['schemas']['CreateActivityReportDto'];

const CHOICES: [CaptureKind, MessageKey][] = [
  ['intake', 'captureNewCase'],
  ['follow-up', 'captureFollowUp'],
  ['activity', 'captureActivity'],
];

/** The intake's lists as the last sync kept them outside DK: her groups' villages, no regions (a walk-in case waits for signal). */
async function keptGround(vault: PhoneVault): Promise<Ground> {
  const [codes, groups, villages] = await Promise.all([
    vault.formList('code-lists'),
    vault.formList('groups'),
    vault.formList('villages'),
  ]);
  if (!codes || !Array.isArray(groups) || !Array.isArray(villages)) throw new NeedsFirstSync();
  return { codes: codes as CodeLists, places: placesOf(groups, villages, []), fromPhone: true };
}

/**
 * Capture-only mode (SPEC §12), opened from the lock screen while DK cannot be had: a new case, a
 * follow-up or an activity report, each sealed to the phone's public key as she types and when she
 * saves. Nothing taken in can be opened here again; only how many records wait is shown, counted by
 * their names (ids). They wait for the review list after an online sign-in recovers DK.
 */
export function CaptureOnly({ vault, onBack }: { vault: PhoneVault; onBack(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<CaptureKind>();
  const [count, setCount] = useState<number>();

  useEffect(() => {
    if (!form) capturedCount(vault).then(setCount, () => undefined);
  }, [form]);

  const back = (
    <button type="button" class="capture-back" onClick={() => setForm(undefined)}>
      {t('captureBackToChoices')}
    </button>
  );
  if (form === 'intake') return <CaptureIntake vault={vault} back={back} />;
  if (form === 'follow-up') return <CaptureFollowUp vault={vault} back={back} />;
  if (form === 'activity') return <CaptureActivity vault={vault} back={back} />;
  return (
    <div class="capture-only">
      <Heading>{t('captureTitle')}</Heading>
      <p>{t('captureHelp')}</p>
      <p class="capture-count" role="status">
        {count ? t('captureWaiting', { count: String(count) }) : ''}
      </p>
      <ul class="capture-choices">
        {CHOICES.map(([kind, label]) => (
          <li key={kind}>
            <button type="button" class="primary" data-kind={kind} onClick={() => setForm(kind)}>
              {t(label)}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="link" onClick={onBack}>
        {t('captureBackToLock')}
      </button>
    </div>
  );
}

/** What every capture form says: sealed as typed, readable again only after an online sign-in. */
function SealedNote({ back }: { back: ComponentChild }) {
  const { t } = useI18n();
  return (
    <>
      <p class="capture-sealed">{t('captureSealedNote')}</p>
      {back}
    </>
  );
}

function CaptureIntake({ vault, back }: { vault: PhoneVault; back: ComponentChild }) {
  const { t } = useI18n();
  const { capture } = useCapture<IntakeDraft>(vault, 'intake');
  const [saved, setSaved] = useState(0);
  return (
    <div class="capture-form" data-kind="intake">
      <p class="saved" aria-live="polite">
        {saved > 0 ? t('captureSaved') : ''}
      </p>
      <Intake
        key={saved}
        capture={{
          ...capture,
          ground: () => keptGround(vault),
          save: async (draft) => {
            await capture.save(draft);
            setSaved(saved + 1);
          },
        }}
      />
      <SealedNote back={back} />
    </div>
  );
}

function CaptureFollowUp({ vault, back }: { vault: PhoneVault; back: ComponentChild }) {
  const { t } = useI18n();
  const { capture, note, attach } = useCapture<CreateFollowUp>(vault, 'follow-up');
  const [codes, setCodes] = useState<CodeLists | null>();
  useEffect(() => {
    vault.formList('code-lists').then(
      (kept) => setCodes((kept as CodeLists | undefined) ?? null),
      () => setCodes(null),
    );
  }, []);
  return (
    <div class="capture-form" data-kind="follow-up">
      <Heading>{t('captureFollowUpTitle')}</Heading>
      <h2>{t('captureWhichCase')}</h2>
      <div class="field">
        <label for="capture-note">{t('captureNote')}</label>
        <p class="hint" id="capture-note-hint">
          {t('captureNoteHint')}
        </p>
        <textarea
          id="capture-note"
          name="note"
          rows={2}
          maxLength={500}
          autocomplete="off"
          aria-describedby="capture-note-hint"
          value={note}
          onInput={(event) => attach({ note: event.currentTarget.value })}
        />
      </div>
      {codes === null && <p>{t('captureNeedsFirstSync')}</p>}
      {codes && <FollowUpForm caseId="" codes={codes} onSaved={() => undefined} capture={capture} />}
      <SealedNote back={back} />
    </div>
  );
}

function CaptureActivity({ vault, back }: { vault: PhoneVault; back: ComponentChild }) {
  const { t } = useI18n();
  const { capture, itemId, attach } = useCapture<CreateActivityReport>(vault, 'activity');
  const [items, setItems] = useState<PlanItemTitle[]>([]);
  useEffect(() => {
    vault.formList('plan-items').then(
      (kept) => setItems(kept ?? []),
      () => undefined,
    );
  }, []);
  return (
    <div class="capture-form" data-kind="activity">
      <Heading>{t('captureActivityTitle')}</Heading>
      <div class="field">
        <label for="capture-item">{t('captureItem')}</label>
        <select
          id="capture-item"
          name="item"
          value={itemId ?? ''}
          onChange={(event) => attach({ itemId: event.currentTarget.value || undefined })}
        >
          <option value="">{t('captureItemLater')}</option>
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.title}
            </option>
          ))}
        </select>
      </div>
      <ActivityReportForm
        planId=""
        itemId=""
        year={new Date().getFullYear()}
        onSaved={() => undefined}
        capture={capture}
      />
      <SealedNote back={back} />
    </div>
  );
}
