import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { useFocusFirstRefused } from '../ui/focus-refused';
import { Heading } from '../ui/heading';
import { useSubmit } from '../ui/use-submit';
import { type CaseField, sameValue, type Value, type Values } from './case-fields';
import { controlId } from './case-field-input';
import { shownValue } from './case-field-value';

/** A field that the user and someone else both changed, to different values. */
export interface Conflict {
  field: CaseField;
  mine: Value;
  theirs: Value;
}

/**
 * After a 409: where only the server's value changed, it is taken; where only the user's did, hers
 * stays; where both changed to different values, she chooses.
 */
export function conflictsOf(
  fields: readonly CaseField[],
  base: Values,
  mine: Values,
  theirs: Values,
): { merged: Values; conflicts: Conflict[] } {
  const merged: Values = { ...theirs };
  const conflicts: Conflict[] = [];
  for (const field of fields) {
    const path = field.path;
    const changedByMe = !sameValue(mine[path], base[path]);
    const changedByThem = !sameValue(theirs[path], base[path]);
    if (changedByMe) merged[path] = mine[path]!;
    if (changedByMe && changedByThem && !sameValue(mine[path], theirs[path]))
      conflicts.push({ field, mine: mine[path]!, theirs: theirs[path]! });
  }
  return { merged, conflicts };
}

type Choice = 'mine' | 'theirs';

/** The field-by-field screen of a conflicting edit: her value or the server's, chosen for each field. */
export function EditConflicts({
  conflicts,
  codes,
  cancel,
  onResolved,
}: {
  conflicts: Conflict[];
  codes: CodeLists;
  cancel: ComponentChild;
  onResolved(chosen: Values): Promise<void>;
}) {
  const { t, language } = useI18n();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [unchosen, setUnchosen] = useState<string[]>([]);
  const focusFirstRefused = useFocusFirstRefused();

  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      const missing = conflicts.map(({ field }) => field.path).filter((path) => !choices[path]);
      setUnchosen(missing);
      if (missing.length > 0) {
        focusFirstRefused();
        throw new Unchosen();
      }
      await onResolved(
        Object.fromEntries(
          conflicts.map(({ field, mine, theirs }) => [field.path, choices[field.path] === 'mine' ? mine : theirs]),
        ),
      );
    },
    (error) => (error instanceof Unchosen ? t('intakeConflictChooseAll') : failureText(error, t)),
  );

  return (
    <>
      <Heading>{t('intakeConflictTitle')}</Heading>
      <p>{t('intakeConflictHelp')}</p>
      <form class="intake conflicts" onSubmit={onSubmit} noValidate>
        {conflicts.map(({ field, mine, theirs }) => {
          const id = controlId(field.path);
          const missing = unchosen.includes(field.path);
          const option = (choice: Choice, value: Value) => (
            <label class="check" for={`${id}-${choice}`}>
              <input
                id={`${id}-${choice}`}
                type="radio"
                name={field.path}
                value={choice}
                checked={choices[field.path] === choice}
                aria-invalid={missing ? true : undefined}
                onChange={() => setChoices({ ...choices, [field.path]: choice })}
              />
              <span>
                {t(choice === 'mine' ? 'intakeConflictMine' : 'intakeConflictTheirs')}{' '}
                <strong>{shownValue(field, value, codes, language, t)}</strong>
              </span>
            </label>
          );
          return (
            <fieldset
              key={field.path}
              class="field choices conflict"
              aria-describedby={missing ? `${id}-error` : undefined}
            >
              <legend>{t(field.label)}</legend>
              {option('mine', mine)}
              {option('theirs', theirs)}
              {missing && (
                <p id={`${id}-error`} class="field-error">
                  {t('intakeChoose')}
                </p>
              )}
            </fieldset>
          );
        })}
        <Alert text={failure} />
        <div class="step-actions">
          {cancel}
          <button type="submit" class="primary" disabled={busy}>
            {t('intakeConflictSave')}
          </button>
        </div>
      </form>
    </>
  );
}

/** A conflicting field was left without a choice. */
class Unchosen extends Error {}
