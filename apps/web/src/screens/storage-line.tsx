import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { keepStorage, type StorageKeeping } from '../session/persistent-storage';

const KEEPING_TEXT: Record<StorageKeeping, MessageKey> = {
  granted: 'storageGranted',
  refused: 'storageRefused',
  unavailable: 'storageUnavailable',
};

/** Whether the browser keeps this device's storage (SPEC §12), on the account of whoever works offline. */
export function StorageLine() {
  const { t } = useI18n();
  const [keeping, setKeeping] = useState<StorageKeeping>();
  useEffect(() => void keepStorage().then(setKeeping), []);
  return (
    <section class="narrow storage" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('storageTitle')}</h2>
      <p aria-live="polite">{keeping && t(KEEPING_TEXT[keeping])}</p>
    </section>
  );
}
