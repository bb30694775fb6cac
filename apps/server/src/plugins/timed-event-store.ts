import type { EventStore } from '@courier/server-domain';
import type { Histogram } from 'prom-client';

/**
 * An EventStore that times each call into a histogram labelled by operation. Failed calls are
 * timed too: a slow refusal (a unique violation, a busy retry) is still database time.
 */
export function timedEventStore(store: EventStore, histogram: Histogram<'operation'>): EventStore {
  const timed = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    const end = histogram.startTimer({ operation });
    try {
      return await run();
    } finally {
      end();
    }
  };
  return {
    findTxn: (key) => timed('find_txn', () => store.findTxn(key)),
    append: (roomId, decide, options) => timed('append', () => store.append(roomId, decide, options)),
    getEvent: (eventId) => timed('get_event', () => store.getEvent(eventId)),
  };
}
