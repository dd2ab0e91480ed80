import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Moves the keyboard to the first refused control (`aria-invalid`) once the refusal is on the
 * screen, in the order the user sees the fields. Before the next paint, so that the focus is never
 * left on a control that moved; a screen's own focus moves declared earlier run first.
 */
export function useFocusFirstRefused(): () => void {
  const requested = useRef(false);
  useLayoutEffect(() => {
    if (!requested.current) return;
    requested.current = false;
    document.querySelector<HTMLElement>('main [aria-invalid="true"]')?.focus();
  });
  return () => {
    requested.current = true;
  };
}
