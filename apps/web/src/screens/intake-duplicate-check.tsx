import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered, NetworkFailure } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { tokens } from '../session/tokens';
import { failureText } from '../ui/failure-text';
import { isCalendarDay } from './case-fields';

/**
 * "Is this survivor already known?" (SPEC §4), asked only when the companion chooses to: each
 * check is audited and counted, and its answer says only "possibly", never which case. A possible
 * duplicate does not stop the intake. The check is the server's alone: a phone with no signal says
 * it could not check, and the intake goes on (docs/offline.md, "Intake on the phone").
 */
export function DuplicateCheck({ name, birthDate }: { name: string; birthDate: string }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<{ key: MessageKey } | { error: unknown }>();
  const [busy, setBusy] = useState(false);

  const check = async () => {
    if (!name.trim() || !isCalendarDay(birthDate)) {
      setAnswer({ key: 'intakeDuplicateNeeds' });
      return;
    }
    setBusy(true);
    try {
      const found = await answered(
        api.POST('/api/v1/cases/duplicate-check', { body: { name, birthYear: Number(birthDate.slice(0, 4)) } }),
      );
      setAnswer({ key: found.possibleDuplicate ? 'intakeDuplicatePossible' : 'intakeDuplicateNone' });
    } catch (error) {
      setAnswer(error instanceof NetworkFailure && tokens.phone() ? { key: 'intakeDuplicateNoSignal' } : { error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="duplicate-check">
      <button type="button" onClick={() => void check()} disabled={busy}>
        {t('intakeDuplicateCheck')}
      </button>
      <p class="hint" role="status">
        {answer && ('key' in answer ? t(answer.key) : failureText(answer.error, t))}
      </p>
    </div>
  );
}
