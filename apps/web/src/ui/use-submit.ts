import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A form's submission: busy while it runs, the failure's text afterwards, the typed values kept.
 * The failure is kept as the error and described at each render, so its text follows a switch of
 * language.
 */
export function useSubmit(action: () => Promise<void>, describe: (error: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const onSubmit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure: failure && describe(failure.error), onSubmit };
}
