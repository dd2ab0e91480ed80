import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { useSubmit } from '../ui/use-submit';

export interface FieldSpec {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  /** A select of these options; a text input otherwise. */
  options?: { value: string; label: string }[];
  maxLength?: number;
  /** What is wrong with the value by the API's rule, if anything. */
  check?(value: string): MessageKey | undefined;
}

type Values = Record<string, string>;

/**
 * A small form of texts and selects, checked as the API checks it, each refused field marked and
 * described; what was typed stays when saving fails, and the form empties after a creation.
 */
export function RecordForm({
  id,
  title,
  submit,
  fields,
  initial,
  save,
  onCancel,
}: {
  id: string;
  title: MessageKey;
  submit: MessageKey;
  fields: FieldSpec[];
  initial: Values;
  save(values: Values): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const [invalid, setInvalid] = useState<Record<string, MessageKey>>({});
  const [saved, setSaved] = useState(false);
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setSaved(false);
      const found: Record<string, MessageKey> = {};
      for (const field of fields) {
        const problem = field.check?.(values[field.name] ?? '');
        if (problem) found[field.name] = problem;
      }
      setInvalid(found);
      if (Object.keys(found).length > 0) throw new InvalidForm();
      await save(values);
      if (!onCancel) setValues(initial);
      setSaved(true);
    },
    (error) =>
      error instanceof InvalidForm || (error instanceof ApiProblem && error.status === 400)
        ? t('adminCheckFields')
        : error instanceof ApiProblem && error.status === 409
          ? t('adminStaleOrTaken')
          : failureText(error, t),
  );

  return (
    <form class="case-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(title)}</h3>
      {fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const described = [field.hint && `${inputId}-hint`, invalid[field.name] && `${inputId}-error`]
          .filter(Boolean)
          .join(' ');
        const common = {
          id: inputId,
          name: field.name,
          value: values[field.name] ?? '',
          'aria-invalid': invalid[field.name] ? (true as const) : undefined,
          'aria-describedby': described || undefined,
        };
        return (
          <div class="field" key={field.name}>
            <label for={inputId}>{t(field.label)}</label>
            {field.options ? (
              <select
                {...common}
                onChange={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
              >
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type="text"
                autocomplete="off"
                maxLength={field.maxLength}
                onInput={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
              />
            )}
            {field.hint && (
              <p id={`${inputId}-hint`} class="hint">
                {t(field.hint)}
              </p>
            )}
            {invalid[field.name] && (
              <p id={`${inputId}-error`} class="field-error">
                {t(invalid[field.name]!)}
              </p>
            )}
          </div>
        );
      })}
      <Alert text={failure} />
      <p class="saved" aria-live="polite">
        {saved && !onCancel ? t('adminSaved') : ''}
      </p>
      <div class="actions inline">
        <button type="submit" class="primary" disabled={busy}>
          {t(submit)}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('adminCancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** The typed values broke a rule of the DTO; the fields say which. */
class InvalidForm extends Error {}

const NAME_MAX = 200;

/** Names of regions, villages, groups and providers: 1-200 characters (the DTOs' rule). */
export const nameField = (label: MessageKey = 'adminName'): FieldSpec => ({
  name: 'name',
  label,
  maxLength: NAME_MAX,
  check: (value) => (value.trim() && value.length <= NAME_MAX ? undefined : 'adminNameInvalid'),
});

/** A select that must be chosen. */
export const chosen = (value: string): MessageKey | undefined => (value ? undefined : 'adminChoose');
