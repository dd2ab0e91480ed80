import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../router';
import { signOut } from '../session/session';

/**
 * The outbox's line in the frame, loaded only in a phone-bound session: the outbox and its
 * delivery are not part of the sign-in's or the worklist's transfer. Nothing shows while it loads.
 */
export function OutboxLink() {
  const [Line, setLine] = useState<{ Component: ComponentType }>();
  useEffect(() => {
    void import('./outbox-line').then(
      (module) => setLine({ Component: module.OutboxLine }),
      () => undefined,
    );
  }, []);
  return Line ? <Line.Component /> : null;
}

/**
 * Sign-out on a phone (SPEC §12): refused while records wait (in the outbox or for review after
 * capture-only mode) unless she confirms discarding them, on the outbox's own screen; with nothing
 * unsent it goes ahead.
 */
export async function signOutAsked(): Promise<void> {
  const { unsentOnPhone } = await import('../offline/unsent-on-phone');
  if ((await unsentOnPhone()) > 0) navigate('/outbox/sign-out');
  else await signOut();
}
