import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * The screen's title, focused when the screen appears, so that keyboard and screen-reader users
 * start from the new screen rather than from a button that no longer exists. Focused as the screen
 * is drawn, not a frame later: a field the user has already moved to (a sign-in form shown once
 * the page's resume settled) keeps her focus and her keystrokes.
 */
export function Heading({ children }: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
