import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { CaseField, Value } from './case-fields';
import { CodeOptions } from '../ui/code-options';

/** The id of a field's control; a list of codes is reached through its first box. */
export const controlId = (path: string) => `case-${path.replace(/\./g, '-')}`;

/**
 * One case field as the control its kind needs, its refusal tied to it. Every text input carries
 * `autocomplete="off"`: names, phones, addresses and notes about a survivor must not be kept by
 * the browser's autofill (SPEC §11).
 */
export function CaseFieldInput({
  field,
  value,
  problem,
  codes,
  onValue,
}: {
  field: CaseField;
  value: Value;
  problem: MessageKey | undefined;
  codes: CodeLists;
  onValue(value: Value): void;
}) {
  const { t, language } = useI18n();
  const id = controlId(field.path);
  const errorId = `${id}-error`;
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
  const error = problem && (
    <p id={errorId} class="field-error">
      {t(problem)}
    </p>
  );
  const entries = field.list ? (codes[field.list] ?? []) : [];
  const text = value as string;
  const onText = (event: { currentTarget: { value: string } }) => onValue(event.currentTarget.value);
  // Preact types each input type apart, so the shared attributes are spread into each.
  const textInput = {
    id,
    name: field.path,
    maxLength: field.max,
    autocomplete: 'off',
    value: text,
    onInput: onText,
    ...invalid,
  };

  if (field.kind === 'flag')
    return (
      <div class="field">
        <label class="check" for={id}>
          <input
            id={id}
            name={field.path}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onValue(event.currentTarget.checked)}
            {...invalid}
          />
          <span>{t(field.label)}</span>
        </label>
        {error}
      </div>
    );

  if (field.kind === 'codes') {
    const chosen = value as string[];
    return (
      <fieldset class="field choices" aria-describedby={problem ? errorId : undefined}>
        <legend>{t(field.label)}</legend>
        {entries.map((entry, index) => (
          <label key={entry.code} class="check" for={`${id}-${index}`}>
            <input
              id={`${id}-${index}`}
              name={field.path}
              type="checkbox"
              value={entry.code}
              checked={chosen.includes(entry.code)}
              aria-invalid={problem ? true : undefined}
              onChange={(event) =>
                onValue(
                  event.currentTarget.checked ? [...chosen, entry.code] : chosen.filter((code) => code !== entry.code),
                )
              }
            />
            <span>{entry.label[language]}</span>
          </label>
        ))}
        {error}
      </fieldset>
    );
  }

  return (
    <div class="field">
      <label for={id}>{t(field.label)}</label>
      {field.kind === 'code' ? (
        <select id={id} name={field.path} value={text} onChange={onText} {...invalid}>
          <CodeOptions entries={entries} choose={t('intakeChooseOption')} />
        </select>
      ) : field.kind === 'longText' ? (
        <textarea
          id={id}
          name={field.path}
          rows={field.path === 'survivor.address' ? 2 : 4}
          maxLength={field.max}
          autocomplete="off"
          value={text}
          onInput={onText}
          {...invalid}
        />
      ) : field.kind === 'date' || field.kind === 'caseDate' ? (
        <input id={id} name={field.path} type="date" autocomplete="off" value={text} onInput={onText} {...invalid} />
      ) : field.kind === 'phone' ? (
        <input type="tel" {...textInput} />
      ) : (
        <input
          type="text"
          inputMode={field.kind === 'age' || field.kind === 'nik' ? 'numeric' : undefined}
          {...textInput}
        />
      )}
      {error}
    </div>
  );
}
