import type { JsonObject } from '@courier/server-domain';
import { resolveSyncFilter } from '../filters';
import type { QueryParams, ReadingDeps, Viewer } from '../reading-deps';
import { applySyncPresence } from '../presence';
import { computeSync } from './compute-sync';
import { parseSyncParams } from './sync-params';

/**
 * GET /sync (sync.yaml). Answers at once when there is news (or on an initial or full_state
 * sync, or with timeout 0); otherwise waits on the notifier until something that may concern
 * the user commits (an event in one of their rooms, a membership change naming them, a
 * to-device message or account data for them) or the timeout passes, then looks again.
 * The waiter is registered before each look, so a commit between the look and the wait is
 * never missed; a spurious wake costs one more look. `signal` ends the wait early (client
 * gone, server closing).
 */
export async function sync(deps: ReadingDeps, viewer: Viewer, query: QueryParams, signal?: AbortSignal): Promise<JsonObject> {
  const params = parseSyncParams(query);
  const filter = await resolveSyncFilter(deps, viewer.userId, params.filter);
  await applySyncPresence(deps, viewer, params.setPresence);
  const request = { filter, since: params.since, fullState: params.fullState };
  const mayWait = params.since !== undefined && !params.fullState && params.timeoutMs > 0;
  const deadline = performance.now() + params.timeoutMs;
  let rooms = mayWait ? await deps.reader.joinedRooms(viewer.userId) : [];

  for (;;) {
    const remaining = deadline - performance.now();
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const woken =
        mayWait && remaining > 0 && !signal?.aborted
          ? deps.notifier.wait({ userId: viewer.userId, rooms: new Set(rooms) }, remaining, stop.signal)
          : undefined;
      const pass = await computeSync(deps, viewer, request);
      if (!pass.empty || !woken || !(await woken)) return pass.response;
      rooms = pass.joinedRoomIds;
    } finally {
      stop.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
