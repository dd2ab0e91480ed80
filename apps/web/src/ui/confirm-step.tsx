import { Alert } from './alert';

/** TransitionDto's limit on the reason. */
export const REASON_MAX = 2000;

/** The reason a confirmed change of status must carry; a refusal is tied to it for screen readers. */
export function ReasonField({
  id,
  label,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name="reason"
        rows={3}
        required
        maxLength={REASON_MAX}
        autocomplete="off"
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      />
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The end of a confirm step: what failed, then the confirming button and the way back. */
export function ConfirmButtons({
  failure,
  busy,
  confirm,
  cancel,
  onCancel,
}: {
  failure: string | undefined;
  busy: boolean;
  confirm: string;
  cancel: string;
  onCancel(): void;
}) {
  return (
    <>
      <Alert text={failure} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {confirm}
        </button>
        <button type="button" onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </>
  );
}
