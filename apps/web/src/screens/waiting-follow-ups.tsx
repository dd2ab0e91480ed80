import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CodeLists } from '../ui/labels';

type Props = { caseId: string; codes: CodeLists };

/**
 * The follow-ups of a case still in the phone's outbox, loaded only in a phone-bound session (the
 * outbox is not part of a browser's case page). Nothing shows while it loads.
 */
export function WaitingFollowUps(props: Props) {
  const [List, setList] = useState<{ Component: ComponentType<Props> }>();
  useEffect(() => {
    void import('./waiting-follow-ups-list').then(
      (module) => setList({ Component: module.WaitingFollowUpsList }),
      () => undefined,
    );
  }, []);
  return List ? <List.Component {...props} /> : null;
}
