import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { useSubmit } from '../ui/use-submit';
import {
  FieldError,
  type Invalid,
  InvalidForm,
  isCalendarDay,
  planFailureText,
  refusal,
  wholeNumber,
} from './work-plan-form-parts';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { tokens } from '../session/tokens';
import type { FormCapture } from './use-capture';

type CreateActivityReport = components['schemas']['CreateActivityReportDto'];

/** The limits of CreateActivityReportDto and ParticipantsDto. */
const TEXT_MAX = 10_000;
const COUNT_MAX = 1_000_000;
const PEOPLE = ['women', 'men', 'girls', 'boys', 'disability'] as const;
const TEXTS = ['summary', 'results', 'obstacles', 'lessons'] as const;

type Person = (typeof PEOPLE)[number];
type Text = (typeof TEXTS)[number];
type Typed = { date: string } & Record<Person | Text, string>;
type Field = keyof Typed;

const PERSON_LABELS: Record<Person, MessageKey> = {
  women: 'workplansWomen',
  men: 'workplansMen',
  girls: 'workplansGirls',
  boys: 'workplansBoys',
  disability: 'workplansDisability',
};
const TEXT_LABELS: Record<Text, MessageKey> = {
  summary: 'workplansSummary',
  results: 'workplansResults',
  obstacles: 'workplansObstacles',
  lessons: 'workplansLessons',
};

/** Today on this device, as a calendar day. */
const today = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

const blank = (): Typed => ({
  date: today(),
  women: '0',
  men: '0',
  girls: '0',
  boys: '0',
  disability: '0',
  summary: '',
  results: '',
  obstacles: '',
  lessons: '',
});

const typedFrom = (body: CreateActivityReport): Typed => ({
  date: body.date,
  ...(Object.fromEntries(PEOPLE.map((person) => [person, String(body.participants[person])])) as Record<
    Person,
    string
  >),
  summary: body.summary,
  results: body.results ?? '',
  obstacles: body.obstacles ?? '',
  lessons: body.lessons ?? '',
});

/** What is wrong with the typed values, field by field, by the rules of CreateActivityReportDto and the service. */
function invalidFields(typed: Typed, year: number): Invalid<Field> {
  const invalid: Invalid<Field> = {};
  if (!isCalendarDay(typed.date)) invalid.date = 'workplansDateInvalid';
  else if (Number(typed.date.slice(0, 4)) !== year) invalid.date = 'workplansDateOutsideYear';
  else if (typed.date > today()) invalid.date = 'workplansDateFuture';
  for (const person of PEOPLE)
    if (wholeNumber(typed[person], 0, COUNT_MAX) === undefined) invalid[person] = 'workplansCountInvalid';
  if (!typed.summary.trim()) invalid.summary = 'workplansSummaryRequired';
  for (const text of TEXTS) if (typed[text].length > TEXT_MAX) invalid[text] = 'workplansTooLong';
  return invalid;
}

/** The body the API takes: empty optional texts are left out, as the DTO wants them absent or non-empty. */
function requestBody(typed: Typed): CreateActivityReport {
  const count = (person: Person) => Number(typed[person].trim());
  return {
    date: typed.date,
    participants: {
      women: count('women'),
      men: count('men'),
      girls: count('girls'),
      boys: count('boys'),
      disability: count('disability'),
    },
    summary: typed.summary,
    ...(typed.results.trim() && { results: typed.results }),
    ...(typed.obstacles.trim() && { obstacles: typed.obstacles }),
    ...(typed.lessons.trim() && { lessons: typed.lessons }),
  };
}

/** Reporting an activity of a plan item: checked as the API checks it, what was typed kept when saving fails. */
export function ActivityReportForm({
  planId,
  itemId,
  year,
  onSaved,
  correcting,
  capture,
}: {
  planId: string;
  itemId: string;
  year: number;
  onSaved(): void;
  /** A report of the phone's outbox that the server refused: opened as it was sent, kept under its id. */
  correcting?: CreateActivityReport;
  /** Capture-only mode (SPEC §12): each change is sealed for review after recovery. */
  capture?: FormCapture<CreateActivityReport>;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState<Typed>(() => (correcting ? typedFrom(correcting) : blank()));
  const [invalid, setInvalid] = useState<Invalid<Field>>({});
  const [saved, setSaved] = useState<MessageKey>();
  const [keys] = useState(() => new IdempotencyKeys());
  // On a phone, one id per report being written: a second save cannot make a second report (SPEC §12).
  const [reportId, setReportId] = useState(() => correcting?.id ?? crypto.randomUUID());

  /** On a phone the report is sealed into the outbox, then sent if it can be; otherwise it waits there. */
  const keepOnPhone = async (body: CreateActivityReport): Promise<MessageKey> => {
    const { keepAndSend } = await import('../offline/outbox-capture');
    const request = { kind: 'activity' as const, planId, itemId, body: { ...body, id: reportId } };
    const outcome = await keepAndSend(reportId, request, correcting !== undefined);
    return outcome === 'kept' ? 'outboxSavedOnPhone' : 'workplansActivitySaved';
  };

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setSaved(undefined);
      const found = invalidFields(typed, year);
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      const body = requestBody(typed);
      if (capture) {
        await capture.save(body);
        setSaved('captureSaved');
        setTyped(blank());
        return;
      }
      if (tokens.phone()) {
        const outcome = await keepOnPhone(body);
        setSaved(outcome);
        if (outcome === 'workplansActivitySaved') onSaved();
        // A correction stays as sent: refused again, it is corrected again under the same id.
        if (correcting) return;
        setReportId(crypto.randomUUID());
        setTyped(blank());
        return;
      }
      await answered(
        api.POST('/api/v1/work-plans/{id}/items/{itemId}/activities', {
          params: { path: { id: planId, itemId } },
          body,
          headers: { 'Idempotency-Key': keys.for(body) },
        }),
      );
      keys.forget();
      setTyped(blank());
      setSaved('workplansActivitySaved');
      onSaved();
    },
    (error) => planFailureText(error, t),
  );

  const set = (field: Field) => (event: { currentTarget: { value: string } }) => {
    const next = { ...typed, [field]: event.currentTarget.value };
    setTyped(next);
    capture?.changed(requestBody(next));
  };
  const marks = (field: Field) => refusal('activity', invalid, field);
  const error = (field: Field) => <FieldError prefix="activity" invalid={invalid} field={field} t={t} />;

  return (
    <form class="plan-form" onSubmit={onSubmit} noValidate aria-labelledby="activity-form-title">
      <h2 id="activity-form-title">{t('workplansAddActivity')}</h2>
      <div class="field">
        <label for="activity-date">{t('workplansActivityDate')}</label>
        <input
          id="activity-date"
          name="date"
          type="date"
          min={`${year}-01-01`}
          max={`${year}-12-31`}
          value={typed.date}
          onInput={set('date')}
          {...marks('date')}
        />
        {error('date')}
      </div>
      <fieldset class="choices people">
        <legend>{t('workplansParticipants')}</legend>
        {PEOPLE.map((person) => (
          <div class="field" key={person}>
            <label for={`activity-${person}`}>{t(PERSON_LABELS[person])}</label>
            <input
              id={`activity-${person}`}
              name={person}
              type="text"
              inputMode="numeric"
              autocomplete="off"
              value={typed[person]}
              onInput={set(person)}
              {...marks(person)}
            />
            {error(person)}
          </div>
        ))}
      </fieldset>
      {TEXTS.map((text) => (
        <div class="field" key={text}>
          <label for={`activity-${text}`}>{t(TEXT_LABELS[text])}</label>
          <textarea
            id={`activity-${text}`}
            name={text}
            rows={text === 'summary' ? 4 : 2}
            maxLength={TEXT_MAX}
            autocomplete="off"
            value={typed[text]}
            onInput={set(text)}
            {...marks(text)}
          />
          {error(text)}
        </div>
      ))}
      <Alert text={failure} />
      <p class="saved" aria-live="polite">
        {saved ? t(saved) : ''}
      </p>
      <button type="submit" class="primary" disabled={busy}>
        {t('workplansSaveActivity')}
      </button>
    </form>
  );
}
