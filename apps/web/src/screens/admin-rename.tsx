import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { useSubmit } from '../ui/use-submit';

const NAME_MAX = 200;

/** A button that opens a small form to rename a record; what was typed stays when saving fails. */
export function Rename({
  id,
  current,
  label,
  save,
}: {
  id: string;
  current: string;
  /** The record's name in the button, so that each of many "rename" buttons says what it renames. */
  label: string;
  save(name: string): Promise<void>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(current);
  const [empty, setEmpty] = useState(false);
  const { busy, failure, onSubmit } = useSubmit(
    async () => {
      setEmpty(!name.trim());
      if (!name.trim()) throw new EmptyName();
      await save(name.trim());
      setOpen(false);
    },
    (error) =>
      error instanceof EmptyName
        ? t('adminNameInvalid')
        : error instanceof ApiProblem && error.status === 409
          ? t('adminStaleRecord')
          : failureText(error, t),
  );
  if (!open)
    return (
      <button
        type="button"
        class="small"
        aria-label={t('adminRenameNamed', { name: label })}
        onClick={() => setOpen(true)}
      >
        {t('adminRename')}
      </button>
    );
  return (
    <form class="rename" onSubmit={onSubmit} noValidate>
      <div class="field">
        <label for={`rename-${id}`}>{t('adminNewName')}</label>
        <input
          id={`rename-${id}`}
          name="name"
          type="text"
          autocomplete="off"
          maxLength={NAME_MAX}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-invalid={empty ? true : undefined}
        />
      </div>
      <Alert text={failure} />
      <div class="actions inline">
        <button type="submit" class="primary" disabled={busy}>
          {t('adminSave')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('adminCancel')}
        </button>
      </div>
    </form>
  );
}

class EmptyName extends Error {}
