import { useEffect, useState } from 'preact/hooks';
import { unsentRecords, whenOutboxChanges } from '../offline/outbox';
import type { OutboxRecord } from '../offline/outbox-record';

/** The phone's unsent records, read again at every change of the outbox (in this tab or another). */
export function useOutbox(): OutboxRecord[] | undefined {
  const [records, setRecords] = useState<OutboxRecord[]>();
  useEffect(() => {
    let current = true;
    const read = () =>
      void unsentRecords().then(
        (found) => current && setRecords(found),
        () => current && setRecords([]),
      );
    read();
    const stop = whenOutboxChanges(read);
    return () => {
      current = false;
      stop();
    };
  }, []);
  return records;
}
