import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { navigate } from '../router';
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
  nest,
  type Perpetrator,
  PERPETRATOR_KEYS,
  problemsOf,
  type Problems,
  sameValue,
  STEPS,
  typedValue,
  valueAt,
  type Values,
} from './case-fields';
import { CaseFieldInput } from './case-field-input';
import { answeredNamingFields, RefusedFields } from './case-refusals';
import { perpetratorProblems, PERPETRATORS_FIELD } from './intake-perpetrators';
import { PerpetratorsStep } from './intake-perpetrators-step';
import { type Conflict, conflictsOf, EditConflicts } from './case-edit-conflicts';
import { Loading } from '../ui/loading';

type CaseView = components['schemas']['CaseView'];
type UpdateCase = components['schemas']['UpdateCaseDto'];

const STEP_TITLES: Record<(typeof STEPS)[number], MessageKey> = {
  survivor: 'intakeStepSurvivor',
  incident: 'intakeStepIncident',
  perpetrators: 'intakeStepPerpetrators',
  consent: 'intakeStepConsent',
};

/**
 * The consent to record stays true once given (ConsentDto), so it is not offered for change. The
 * perpetrators are sent as a whole list, so they are offered only to whoever may write all of
 * their fields.
 */
function editableFields(record: CaseView): CaseField[] {
  const writable = record.allowed.writableFields;
  const fields = CASE_FIELDS.filter((field) => field.path !== 'consent.record' && writable.includes(field.path));
  return PERPETRATOR_KEYS.every((key) => writable.includes(`perpetrators.${key}`))
    ? [...fields, PERPETRATORS_FIELD]
    : fields;
}

/** A refused path of the API (`perpetrators.0.relationship`) as a field of this form. */
const isFieldOf = (fields: readonly CaseField[], path: string) =>
  fields.some((field) => field.path === path || (field.kind === 'perpetrators' && path.startsWith('perpetrators.')));

const valuesOf = (record: CaseView, fields: readonly CaseField[]): Values =>
  Object.fromEntries(fields.map((field) => [field.path, typedValue(field, valueAt(record, field.path))]));

interface Editing {
  record: CaseView;
  codes: CodeLists;
  fields: readonly CaseField[];
  /** The values as the server last answered them, against which changes are counted. */
  base: Values;
  version: number;
}

/**
 * Changing a case's fields (SPEC §11): only those its `allowed.writableFields` names. The update
 * carries the version the form was loaded at; when someone saved the case in between (409), the
 * fields both changed are shown side by side to choose from, and the choice is sent against the
 * new version (SPEC §8: no one's work is lost).
 */
export function CaseEdit({ id }: { id: string }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Editing>();
  const [typed, setTyped] = useState<Values>({});
  const [problems, setProblems] = useState<Problems>({});
  const [conflicts, setConflicts] = useState<Conflict[]>();
  const [loadFailure, setLoadFailure] = useState<unknown>();
  const focusFirstRefused = useFocusFirstRefused();

  useEffect(() => {
    Promise.all([
      answered(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
      answered(api.GET('/api/v1/code-lists')),
    ]).then(([record, codes]) => {
      const fields = editableFields(record);
      const base = valuesOf(record, fields);
      setEditing({ record, codes, fields, base, version: record.version ?? 1 });
      setTyped(base);
    }, setLoadFailure);
  }, [id]);

  /** Sends what differs from `state.base`; on a stale version, merges with the server's values and asks where both changed. */
  async function save(state: Editing, values: Values): Promise<void> {
    const changed = state.fields.filter((field) => !sameValue(values[field.path], state.base[field.path]));
    const number = state.record.caseNumber ?? '';
    if (changed.length === 0) return navigateWithNotice(`/cases/${id}`, 'intakeEditNothingChanged');
    const body = nest(changed.map((field) => [field.path, apiValue(field, values[field.path]!)])) as UpdateCase;
    try {
      await answeredNamingFields(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id }, header: { 'if-match': `"${state.version}"` } },
          body,
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem && error.status === 409)) throw error;
      const current = await answered(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));
      const fields = editableFields(current);
      const theirs = valuesOf(current, fields);
      const next: Editing = { ...state, record: current, fields, base: theirs, version: current.version ?? 1 };
      const { merged, conflicts: found } = conflictsOf(fields, state.base, values, theirs);
      setEditing(next);
      setTyped(merged);
      if (found.length > 0) return setConflicts(found);
      return save(next, merged);
    }
    navigateWithNotice(`/cases/${id}`, 'intakeEditSaved', { number });
  }

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const found = {
        ...problemsOf(editing!.fields, typed, editing!.codes),
        ...(typed.perpetrators && perpetratorProblems(typed.perpetrators as Perpetrator[], editing!.codes)),
      };
      setProblems(found);
      if (Object.keys(found).length > 0) {
        focusFirstRefused();
        throw new InvalidForm();
      }
      try {
        await save(editing!, typed);
      } catch (error) {
        const refused =
          error instanceof RefusedFields && error.fields.filter((path) => isFieldOf(editing!.fields, path));
        if (!refused || refused.length === 0) throw error;
        setProblems(Object.fromEntries(refused.map((path) => [path, 'intakeServerRefused' as const])));
        focusFirstRefused();
        throw new InvalidForm();
      }
    },
    (error) =>
      error instanceof InvalidForm
        ? t('intakeCheckFields')
        : error instanceof ApiProblem && (error.status === 400 || error.status === 422)
          ? t('intakeRefused')
          : failureText(error, t),
  );

  if (!editing)
    return <Loading title={t('intakeEditCase')} failure={loadFailure ? failureText(loadFailure, t) : undefined} />;

  const number = editing.record.caseNumber ?? '';
  const backToCase = (
    <a
      class="button-link"
      href={`/cases/${id}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(`/cases/${id}`);
      }}
    >
      {t('intakeEditCancel')}
    </a>
  );

  if (conflicts)
    return (
      <EditConflicts
        key={editing.version}
        conflicts={conflicts}
        codes={editing.codes}
        cancel={backToCase}
        onResolved={async (chosen) => {
          const resolved = { ...typed, ...chosen };
          setTyped(resolved);
          await save(editing, resolved);
        }}
      />
    );

  if (editing.fields.length === 0)
    return (
      <>
        <Heading>{t('intakeEditTitle', { number })}</Heading>
        <p>{t('intakeEditNothingWritable')}</p>
        {backToCase}
      </>
    );

  return (
    <>
      <Heading>{t('intakeEditTitle', { number })}</Heading>
      <form class="intake" onSubmit={onSubmit} noValidate>
        {STEPS.map((step) => {
          const fields = editing.fields.filter((field) => field.step === step);
          return (
            fields.length > 0 && (
              <section key={step} class="edit-section" aria-labelledby={`edit-${step}`}>
                <h2 id={`edit-${step}`}>{t(STEP_TITLES[step])}</h2>
                {fields.map((field) =>
                  field.kind === 'perpetrators' ? (
                    <PerpetratorsStep
                      key={field.path}
                      perpetrators={typed.perpetrators as Perpetrator[]}
                      problems={problems}
                      codes={editing.codes}
                      onChange={(perpetrators) => setTyped({ ...typed, perpetrators })}
                    />
                  ) : (
                    <CaseFieldInput
                      key={field.path}
                      field={field}
                      value={typed[field.path]!}
                      problem={problems[field.path]}
                      codes={editing.codes}
                      onValue={(value) => setTyped({ ...typed, [field.path]: value })}
                    />
                  ),
                )}
              </section>
            )
          );
        })}
        <Alert text={failure} />
        <div class="step-actions">
          {backToCase}
          <button type="submit" class="primary" disabled={busy}>
            {t('intakeEditSave')}
          </button>
        </div>
      </form>
    </>
  );
}

/** The typed values broke a rule of the DTO; the fields say which. */
class InvalidForm extends Error {}
