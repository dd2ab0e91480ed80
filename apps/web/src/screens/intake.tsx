import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { useFocusFirstRefused } from '../ui/focus-refused';
import { Heading } from '../ui/heading';
import { navigateWithNotice } from '../ui/notice';
import { useSubmit } from '../ui/use-submit';
import {
  apiValue,
  CASE_FIELDS,
  type CaseField,
  emptyValue,
  localToday,
  nest,
  problemsOf,
  type Perpetrator,
  type Problems,
  type Step,
  STEPS,
  type Values,
} from './case-fields';
import { CaseFieldInput } from './case-field-input';
import { answeredNamingFields, RefusedFields } from './case-refusals';
import { DuplicateCheck } from './intake-duplicate-check';
import { perpetratorProblems, PERPETRATORS_FIELD } from './intake-perpetrators';
import { PerpetratorsStep } from './intake-perpetrators-step';
import { PlaceSelect, placeBody } from './intake-place';
import { type Ground, loadGround, NeedsFirstSync } from './intake-ground';
import { keepIntakeOnPhone } from './intake-on-phone';
import { tokens } from '../session/tokens';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { shownPerpetrator, shownValue } from './case-field-value';
import { Loading } from '../ui/loading';
import type { FormCapture } from './use-capture';

type CreateCase = components['schemas']['CreateCaseDto'];

const STEP_TITLES: Record<Step | 'review', MessageKey> = {
  survivor: 'intakeStepSurvivor',
  incident: 'intakeStepIncident',
  perpetrators: 'intakeStepPerpetrators',
  consent: 'intakeStepConsent',
  review: 'intakeStepReview',
};
const STAGES = [...STEPS, 'review'] as const;

const fieldsOf = (step: Step) => CASE_FIELDS.filter((field) => field.step === step);

const blankValues = (): Values => ({
  ...Object.fromEntries(CASE_FIELDS.map((field) => [field.path, emptyValue(field)])),
  intakeDate: localToday(),
});

/** What an intake taken in capture-only mode keeps, sealed for review (SPEC §12 "Capture only"). */
export interface IntakeDraft {
  values: Values;
  place: string;
  perpetrators: Perpetrator[];
}

/**
 * Capture-only mode: the form drawn from the lists kept outside DK, each change sealed to the
 * phone's public key, the save kept for review instead of sent.
 */
export interface IntakeCapture extends FormCapture<IntakeDraft> {
  ground(): Promise<Ground>;
}

/** A captured intake opened in the review list after recovery, at its last step: saving puts it in the outbox under its id. */
export interface IntakeResume {
  id: string;
  draft: IntakeDraft;
  /** Once the case is in the outbox: the sealed capture is deleted. */
  onKept(): Promise<void>;
}

/**
 * The companion's step-by-step intake (SPEC §11): survivor, what happened, perpetrators, risk and
 * consent, then a review before saving. Each step is checked as CreateCaseDto checks it before the
 * next one opens; what was typed stays through a refused step, "back" and a failed submission.
 */
export function Intake({ capture, resume }: { capture?: IntakeCapture; resume?: IntakeResume }) {
  const { t, language } = useI18n();
  const [ground, setGround] = useState<Ground>();
  const [loadFailure, setLoadFailure] = useState<unknown>();
  const [stage, setStage] = useState(resume ? STAGES.length - 1 : 0);
  const [values, setValues] = useState<Values>(() => resume?.draft.values ?? blankValues());
  const [place, setPlace] = useState(resume?.draft.place ?? '');
  const [perpetrators, setPerpetrators] = useState<Perpetrator[]>(resume?.draft.perpetrators ?? []);
  const [problems, setProblems] = useState<Problems>({});
  // Chosen once per intake, so that a retry after a lost answer cannot create the case twice (SPEC §4, §8).
  const [caseId] = useState(() => resume?.id ?? crypto.randomUUID());
  const [keys] = useState(() => new IdempotencyKeys());
  // On a phone, a case the server refused stays in the outbox: saving again corrects it there.
  const refusedOnPhone = useRef(false);
  const stepTitle = useRef<HTMLHeadingElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    (capture ? capture.ground() : loadGround()).then(setGround, setLoadFailure);
  }, []);

  // Capture-only: what she typed is sealed as she goes (not on opening: an untouched form keeps nothing).
  const typedOnce = useRef(false);
  useEffect(() => {
    if (typedOnce.current) capture?.changed({ values, place, perpetrators });
    typedOnce.current = true;
  }, [values, place, perpetrators]);

  // A new step takes the focus to its title; the first one leaves it on the screen's title.
  useLayoutEffect(() => {
    if (opened.current) stepTitle.current?.focus();
    opened.current = true;
  }, [stage]);

  // After the step's title, so that a refused field of a step just opened takes the focus from it.
  const focusFirstRefused = useFocusFirstRefused();

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      // A creation sent again is answered with its id alone.
      let record: { id?: string | null; caseNumber?: string | null };
      if (capture) return capture.save({ values, place, perpetrators });
      const body = requestBody();
      if (tokens.phone()) return keepOnPhone(body);
      try {
        record = await answeredNamingFields(
          api.POST('/api/v1/cases', { body, headers: { 'Idempotency-Key': keys.for(body) } }),
        );
      } catch (error) {
        if (!(error instanceof RefusedFields && showRefused(error.fields))) throw error;
        return;
      }
      navigateWithNotice(`/cases/${record.id ?? caseId}`, 'intakeSaved', { number: record.caseNumber ?? '' });
    },
    (error) =>
      error instanceof ApiProblem && (error.status === 400 || error.status === 422)
        ? t('intakeRefused')
        : failureText(error, t),
  );

  /**
   * On a phone (SPEC §12) the case goes through the outbox: delivered, it opens as in a browser;
   * kept, the outbox shows it waiting; refused, the form shows the refused fields, and the next save
   * corrects the kept record under the same id.
   */
  async function keepOnPhone(body: CreateCase): Promise<void> {
    const kept = await keepIntakeOnPhone(body, refusedOnPhone.current);
    await resume?.onKept();
    if (kept.outcome === 'delivered')
      return navigateWithNotice(`/cases/${caseId}`, 'intakeSaved', { number: kept.caseNumber });
    if (kept.outcome === 'kept') return navigateWithNotice('/outbox', 'intakeKeptOnPhone');
    refusedOnPhone.current = true;
    if (!showRefused(kept.fields)) throw new ApiProblem(422, 'validation-failed', '');
  }

  if (!ground)
    return (
      <Loading
        title={t('intakeTitle')}
        failure={
          loadFailure instanceof NeedsFirstSync
            ? t('intakeNeedsFirstSync')
            : loadFailure
              ? failureText(loadFailure, t)
              : undefined
        }
      />
    );

  const { codes, places } = ground;
  const current = STAGES[stage]!;

  function requestBody(): CreateCase {
    const entries = CASE_FIELDS.map((field): [string, unknown] => [field.path, apiValue(field, values[field.path]!)]);
    return {
      id: caseId,
      ...(nest(entries.filter(([, value]) => value !== null)) as Omit<CreateCase, 'id'>),
      ...placeBody(place),
      ...(perpetrators.length > 0 && {
        perpetrators: apiValue(PERPETRATORS_FIELD, perpetrators) as CreateCase['perpetrators'],
      }),
    };
  }

  const problemsOfStep = (step: Step): Problems => ({
    ...problemsOf(fieldsOf(step), values, codes),
    ...(step === 'incident' && !places.some((candidate) => candidate.value === place) && { place: 'intakeChoose' }),
    ...(step === 'perpetrators' && perpetratorProblems(perpetrators, codes)),
  });

  /** Opens the earliest step holding a field the server refused, marked; false when none is a field of the form. */
  function showRefused(fields: string[]): boolean {
    const found: Problems = {};
    for (const refused of fields) {
      const path = PLACE_FIELDS.includes(refused) ? 'place' : refused;
      if (path === 'place' || CASE_FIELDS.some((field) => field.path === path) || /^perpetrators\.\d+\./.test(path))
        found[path] = 'intakeServerRefused';
    }
    const step = STEPS.find((candidate) => Object.keys(found).some((path) => stepOf(path) === candidate));
    if (!step) return false;
    setProblems(found);
    setStage(STEPS.indexOf(step));
    focusFirstRefused();
    return true;
  }

  const goTo = (next: number) => {
    setProblems({});
    setStage(next);
  };

  const onNext = (event: Event) => {
    event.preventDefault();
    if (current === 'review') return;
    const found = problemsOfStep(current);
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirstRefused();
    setStage(stage + 1);
  };

  const setValue = (path: string) => (value: Values[string]) => setValues({ ...values, [path]: value });
  const input = (field: CaseField) => (
    <CaseFieldInput
      key={field.path}
      field={field}
      value={values[field.path]!}
      problem={problems[field.path]}
      codes={codes}
      onValue={setValue(field.path)}
    />
  );
  const refused = Object.keys(problems).length > 0;

  return (
    <>
      <Heading>{t('intakeTitle')}</Heading>
      {ground.fromPhone && <p class="intake-from-phone">{t('intakeFromPhoneLists')}</p>}
      <p class="step-count">{t('intakeStepOf', { step: String(stage + 1), total: String(STAGES.length) })}</p>
      <h2 class="step-title" ref={stepTitle} tabIndex={-1}>
        {t(STEP_TITLES[current])}
      </h2>
      {current === 'review' ? (
        <form class="intake" onSubmit={onSubmit} noValidate>
          <p>{t('intakeReviewHelp')}</p>
          {STEPS.map((step, index) => (
            <section key={step} class="review" aria-labelledby={`review-${step}`}>
              <div class="review-head">
                <h3 id={`review-${step}`}>{t(STEP_TITLES[step])}</h3>
                <button
                  type="button"
                  aria-label={t('intakeChangeStep', { step: t(STEP_TITLES[step]) })}
                  onClick={() => goTo(index)}
                >
                  {t('intakeChange')}
                </button>
              </div>
              {reviewOf(step)}
            </section>
          ))}
          <Alert text={failure} />
          <div class="step-actions">
            <button type="button" onClick={() => goTo(stage - 1)}>
              {t('intakeBack')}
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {t('intakeSubmit')}
            </button>
          </div>
        </form>
      ) : (
        <form class="intake" onSubmit={onNext} noValidate>
          {current === 'survivor' && (
            <>
              {fieldsOf('survivor').map((field) =>
                field.path === 'survivor.birthDate' ? (
                  <Fragment key={field.path}>
                    {input(field)}
                    {!capture && (
                      <DuplicateCheck
                        name={values['survivor.name'] as string}
                        birthDate={values['survivor.birthDate'] as string}
                      />
                    )}
                  </Fragment>
                ) : (
                  input(field)
                ),
              )}
            </>
          )}
          {current === 'incident' && (
            <>
              {input(CASE_FIELDS.find((field) => field.path === 'intakeDate')!)}
              <PlaceSelect places={places} value={place} problem={problems.place} onValue={setPlace} />
              {fieldsOf('incident')
                .filter((field) => field.path !== 'intakeDate')
                .map(input)}
            </>
          )}
          {current === 'perpetrators' && (
            <PerpetratorsStep
              perpetrators={perpetrators}
              problems={problems}
              codes={codes}
              onChange={setPerpetrators}
            />
          )}
          {current === 'consent' && fieldsOf('consent').map(input)}
          <Alert text={refused ? t('intakeCheckFields') : undefined} />
          <div class="step-actions">
            {stage > 0 && (
              <button type="button" onClick={() => goTo(stage - 1)}>
                {t('intakeBack')}
              </button>
            )}
            <button type="submit" class="primary">
              {t('intakeNext')}
            </button>
          </div>
        </form>
      )}
    </>
  );

  function reviewOf(step: Step) {
    const shown = fieldsOf(step).filter(
      (field) => field.kind === 'flag' || field.required || values[field.path] !== '',
    );
    const rows: [string, string][] = shown.map((field) => [
      t(field.label),
      shownValue(field, values[field.path]!, codes, language, t),
    ]);
    if (step === 'incident')
      rows.splice(1, 0, [t('intakePlace'), places.find((candidate) => candidate.value === place)?.label(t) ?? '']);
    if (step === 'perpetrators')
      perpetrators.forEach((perpetrator, index) =>
        rows.push([
          t('intakePerpetratorNumber', { number: String(index + 1) }),
          shownPerpetrator(perpetrator, codes, language, t),
        ]),
      );
    if (rows.length === 0) return <p>{t('intakeNoPerpetrators')}</p>;
    return (
      <dl class="facts">
        {rows.map(([term, shownText]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{shownText}</dd>
          </div>
        ))}
      </dl>
    );
  }
}

/** The fields of CreateCaseDto that the place chooses. */
const PLACE_FIELDS = ['villageId', 'groupId', 'regionId'];

function stepOf(path: string): Step {
  if (path === 'place') return 'incident';
  if (path.startsWith('perpetrators.')) return 'perpetrators';
  return CASE_FIELDS.find((field) => field.path === path)?.step ?? 'incident';
}
