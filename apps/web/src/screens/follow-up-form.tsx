import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { ApiProblem } from '../api/problem';
import type { CodeLists } from '../ui/labels';
import { useSubmit } from '../ui/use-submit';
import { CodeOptions } from '../ui/code-options';
import { tokens } from '../session/tokens';
import type { FormCapture } from './use-capture';

type FollowUpView = components['schemas']['FollowUpView'];
type CreateFollowUp = components['schemas']['CreateFollowUpDto'];

/** The limits of CreateFollowUpDto, so that the form refuses what the API would refuse. */
const NOTES_MAX = 10_000;
const NEXT_ACTION_MAX = 2000;
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Typed {
  date: string;
  type: string;
  notes: string;
  nextAction: string;
  dueDate: string;
}

const isCalendarDay = (value: string) =>
  CALENDAR_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** What is wrong with the typed values, field by field, by the rules of CreateFollowUpDto. */
function invalidFields(typed: Typed, types: string[]): Partial<Record<keyof Typed, MessageKey>> {
  const invalid: Partial<Record<keyof Typed, MessageKey>> = {};
  if (!isCalendarDay(typed.date)) invalid.date = 'followUpDateInvalid';
  if (!types.includes(typed.type)) invalid.type = 'followUpTypeRequired';
  if (typed.notes.length > NOTES_MAX) invalid.notes = 'followUpTooLong';
  if (typed.nextAction.length > NEXT_ACTION_MAX) invalid.nextAction = 'followUpTooLong';
  if (typed.dueDate && !isCalendarDay(typed.dueDate)) invalid.dueDate = 'followUpDateInvalid';
  return invalid;
}

/** The body the API takes: empty optional texts are left out, as the DTO wants them absent or non-empty. */
function requestBody(id: string, typed: Typed): CreateFollowUp {
  return {
    id,
    date: typed.date,
    type: typed.type as CreateFollowUp['type'],
    ...(typed.notes.trim() && { notes: typed.notes }),
    ...(typed.nextAction.trim() && { nextAction: typed.nextAction }),
    ...(typed.dueDate && { dueDate: typed.dueDate }),
  };
}

const today = () => new Date().toISOString().slice(0, 10);
const blank = (): Typed => ({ date: today(), type: '', notes: '', nextAction: '', dueDate: '' });
const typedFrom = (body: CreateFollowUp): Typed => ({
  date: body.date,
  type: body.type,
  notes: body.notes ?? '',
  nextAction: body.nextAction ?? '',
  dueDate: body.dueDate ?? '',
});

/** Adding a follow-up to a case: checked as the API checks it, what was typed kept when saving fails. */
export function FollowUpForm({
  caseId,
  codes,
  onSaved,
  correcting,
  capture,
}: {
  caseId: string;
  codes: CodeLists;
  onSaved(followUp: FollowUpView): void;
  /** A follow-up of the phone's outbox that the server refused: opened as it was sent, kept under its id. */
  correcting?: CreateFollowUp;
  /** Capture-only mode (SPEC §12): no case is known, each change is sealed for review after recovery. */
  capture?: FormCapture<CreateFollowUp>;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState<Typed>(() => (correcting ? typedFrom(correcting) : blank()));
  // One id per follow-up being written: sending it again after a lost answer cannot make a second one (SPEC §12).
  const [followUpId, setFollowUpId] = useState(() => correcting?.id ?? crypto.randomUUID());
  const [invalid, setInvalid] = useState<Partial<Record<keyof Typed, MessageKey>>>({});
  const [saved, setSaved] = useState<MessageKey>();
  const types = codes.followUpType;

  const viewOf = (answer: FollowUpView | { id: string }) =>
    // Already delivered by an earlier try whose answer was lost: the server answers its id alone.
    'allowed' in answer
      ? Promise.resolve(answer)
      : answered(
          api.GET('/api/v1/cases/{id}/follow-ups/{followUpId}', {
            params: { path: { id: caseId, followUpId: answer.id } },
          }),
        );

  /**
   * On a phone (SPEC §12) the follow-up is sealed into the outbox, then sent if it can be: once
   * delivered, it is shown as any other; otherwise it waits on the phone.
   */
  const keepOnPhone = async (body: CreateFollowUp): Promise<MessageKey> => {
    const { keepAndSend } = await import('../offline/outbox-capture');
    const request = { kind: 'follow-up' as const, caseId, body };
    if ((await keepAndSend(body.id!, request, correcting !== undefined)) === 'kept') return 'outboxSavedOnPhone';
    await viewOf({ id: body.id! }).then(onSaved, () => undefined);
    return 'followUpSaved';
  };

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setSaved(undefined);
      const found = invalidFields(
        typed,
        types.map((entry) => entry.code),
      );
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      const body = requestBody(followUpId, typed);
      let outcome: MessageKey = 'followUpSaved';
      if (capture) {
        await capture.save(body);
        outcome = 'captureSaved';
      } else if (tokens.phone()) outcome = await keepOnPhone(body);
      else
        onSaved(
          await viewOf(
            await answered(api.POST('/api/v1/cases/{id}/follow-ups', { params: { path: { id: caseId } }, body })),
          ),
        );
      setSaved(outcome);
      // A correction stays as sent: refused again, it is corrected again under the same id.
      if (correcting) return;
      setFollowUpId(crypto.randomUUID());
      setTyped(blank());
    },
    (error) =>
      error instanceof InvalidForm || (error instanceof ApiProblem && error.status === 400)
        ? t('followUpCheckFields')
        : failureText(error, t),
  );

  const set = (field: keyof Typed) => (event: { currentTarget: { value: string } }) => {
    const next = { ...typed, [field]: event.currentTarget.value };
    setTyped(next);
    capture?.changed(requestBody(followUpId, next));
  };
  const described = (field: keyof Typed) =>
    invalid[field] ? { 'aria-invalid': true as const, 'aria-describedby': `follow-up-${field}-error` } : {};
  const error = (field: keyof Typed) =>
    invalid[field] && (
      <p id={`follow-up-${field}-error`} class="field-error">
        {t(invalid[field])}
      </p>
    );

  return (
    <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby="follow-up-form-title">
      <h3 id="follow-up-form-title">{t('followUpAdd')}</h3>
      <div class="field">
        <label for="follow-up-date">{t('followUpDate')}</label>
        <input
          id="follow-up-date"
          name="date"
          type="date"
          required
          value={typed.date}
          onInput={set('date')}
          {...described('date')}
        />
        {error('date')}
      </div>
      <div class="field">
        <label for="follow-up-type">{t('followUpType')}</label>
        <select
          id="follow-up-type"
          name="type"
          required
          value={typed.type}
          onChange={set('type')}
          {...described('type')}
        >
          <CodeOptions entries={types} choose={t('followUpChoose')} />
        </select>
        {error('type')}
      </div>
      <div class="field">
        <label for="follow-up-notes">{t('followUpNotes')}</label>
        <textarea
          id="follow-up-notes"
          name="notes"
          rows={4}
          maxLength={NOTES_MAX}
          autocomplete="off"
          value={typed.notes}
          onInput={set('notes')}
          {...described('notes')}
        />
        {error('notes')}
      </div>
      <div class="field">
        <label for="follow-up-next-action">{t('followUpNextAction')}</label>
        <textarea
          id="follow-up-next-action"
          name="nextAction"
          rows={2}
          maxLength={NEXT_ACTION_MAX}
          autocomplete="off"
          value={typed.nextAction}
          onInput={set('nextAction')}
          {...described('nextAction')}
        />
        {error('nextAction')}
      </div>
      <div class="field">
        <label for="follow-up-due-date">{t('followUpDueDate')}</label>
        <input
          id="follow-up-due-date"
          name="dueDate"
          type="date"
          value={typed.dueDate}
          onInput={set('dueDate')}
          {...described('dueDate')}
        />
        {error('dueDate')}
      </div>
      <Alert text={failure} />
      <p class="saved" aria-live="polite">
        {saved ? t(saved) : ''}
      </p>
      <button type="submit" class="primary" disabled={busy}>
        {t('followUpSave')}
      </button>
    </form>
  );
}

/** The typed values broke a rule of the DTO; the fields say which. */
class InvalidForm extends Error {}
