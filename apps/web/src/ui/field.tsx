import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  hint?: string;
  name: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  inputMode?: 'text' | 'numeric';
  required?: boolean;
  minLength?: number;
  value: string;
  onValue(value: string): void;
}

/** A labelled input with its hint tied to it for screen readers. */
export function Field({ label, hint, value, onValue, type = 'text', ...input }: FieldProps) {
  const id = useId();
  const attributes = {
    id,
    value,
    onInput: (event: { currentTarget: HTMLInputElement }) => onValue(event.currentTarget.value),
    'aria-describedby': hint ? `${id}-hint` : undefined,
    ...input,
  };
  // Preact types each input type apart, so each is written out.
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {type === 'password' ? (
        <input type="password" {...attributes} />
      ) : type === 'email' ? (
        <input type="email" {...attributes} />
      ) : (
        <input type="text" {...attributes} />
      )}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
