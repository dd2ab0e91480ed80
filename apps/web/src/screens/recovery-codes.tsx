import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { recoveryCodesKept } from '../session/session';

/** The ten recovery codes, shown this once, with a file to keep and a printout. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  const save = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
    link.download = t('recoveryFileName');
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <main id="main" class="narrow">
      <Heading>{t('recoveryTitle')}</Heading>
      <p>{t('recoveryHelp')}</p>
      <ol class="codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div class="actions no-print">
        <button type="button" onClick={save}>
          {t('saveCodes')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('printCodes')}
        </button>
        <button type="button" class="primary" onClick={() => void recoveryCodesKept()}>
          {t('codesSaved')}
        </button>
      </div>
    </main>
  );
}
