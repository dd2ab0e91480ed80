import { useEffect, useRef, useState } from 'preact/hooks';
import { type CaptureKind, keepCaptured } from '../offline/capture-store';
import type { PhoneVault } from '../offline/phone-vault';

/** What a form does in capture-only mode: each change autosaved, the save kept for review. */
export interface FormCapture<Form> {
  changed(form: Form): void;
  save(form: Form): Promise<void>;
}

/** Long enough to write once per burst of typing, short enough that a killed app loses at most this. */
const AUTOSAVE_MS = 400;

interface Latest<Form> {
  note: string;
  itemId?: string;
  form?: Form;
}

/**
 * One record being taken in with no DK (SPEC §12 "Capture only"), under an id of its own: every
 * change is sealed to the public key after a short pause (and at once when the page is hidden or
 * left), so a killed app loses nothing typed; the save seals it as done and starts a new record.
 * Writes go one after another, so a late draft can never overwrite the saved record.
 */
export function useCapture<Form>(vault: PhoneVault, kind: CaptureKind) {
  const id = useRef(crypto.randomUUID());
  const latest = useRef<Latest<Form>>({ note: '' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writes = useRef(Promise.resolve());
  // The note and the item live in `latest` (read by the timer); a change redraws the fields showing them.
  const [, redraw] = useState(0);

  const write = (state: 'draft' | 'done') => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const captured = { id: id.current, kind, state, ...latest.current, savedAt: Date.now() };
    writes.current = writes.current.then(() => keepCaptured(vault, captured));
    return writes.current;
  };
  const schedule = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void write('draft').catch(() => undefined), AUTOSAVE_MS);
  };

  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined) void write('draft').catch(() => undefined);
    };
    const hidden = () => document.visibilityState === 'hidden' && flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      flush();
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, []);

  const capture: FormCapture<Form> = {
    changed(form) {
      latest.current = { ...latest.current, form };
      schedule();
    },
    async save(form) {
      latest.current = { ...latest.current, form };
      await write('done');
      latest.current = { note: '' };
      id.current = crypto.randomUUID();
      redraw((count) => count + 1);
    },
  };
  return {
    capture,
    note: latest.current.note,
    itemId: latest.current.itemId,
    /** Her note of the case, or the plan item chosen: autosaved with the form. */
    attach(next: { note?: string; itemId?: string }) {
      latest.current = { ...latest.current, ...next };
      redraw((count) => count + 1);
      schedule();
    },
  };
}
