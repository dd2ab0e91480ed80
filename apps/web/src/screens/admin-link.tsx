import type { ComponentChildren } from 'preact';
import { navigate } from '../router';

/** A link within the app: a real `<a href>` for the keyboard and a new tab, followed without reloading. */
export function AppLink({
  href,
  children,
  class: className,
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <a
      href={href}
      class={className}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
