import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { navigate } from '../router';

interface Pending {
  key: MessageKey;
  values?: Record<string, string>;
}

let pending: Pending | undefined;

/** Goes to a screen that opens with a confirmation of what was just done ("case saved"). */
export function navigateWithNotice(path: string, key: MessageKey, values?: Record<string, string>): void {
  pending = { key, values };
  navigate(path);
}

/**
 * The confirmation carried to the new screen, shown once. Its text is set after the region is in
 * the page, so that screen readers announce it.
 */
export function Notice() {
  const { t } = useI18n();
  const [notice] = useState(() => {
    const taken = pending;
    pending = undefined;
    return taken;
  });
  const [shown, setShown] = useState(false);
  useEffect(() => setShown(true), []);
  return (
    <p class={notice ? 'carried-notice' : 'carried-notice empty'} role="status">
      {notice && shown ? t(notice.key, notice.values) : ''}
    </p>
  );
}
