import { useCallback, useRef, useState } from 'react';
import type { GatewayEvent } from '../../lib/api-types';
import { useApp } from '../../lib/app-context';
import { useAction, useLoad } from '../../lib/hooks';
import { mergeEvents } from '../../lib/timeline';
import { useNewEvents } from '../../lib/use-new-events';

const PAGE = 30;

/**
 * A room's timeline, live: the newest page from rooms.timeline, then events.onNew for the room
 * resuming right after the newest event of that page (so nothing falls between the two), plus
 * "load older" pages backwards from the oldest cursor. A live state event (a join, a new name)
 * is passed to `onStateEvent`, so the page can refresh what depends on the room's state.
 */
export function useLiveTimeline(roomId: string, onStateEvent?: (e: GatewayEvent) => void) {
  const { gateway } = useApp();
  const [events, setEvents] = useState<GatewayEvent[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const first = useLoad(async () => {
    const page = await gateway.rooms.timeline.query({ roomId, dir: 'b', limit: PAGE });
    setEvents((cur) => mergeEvents(cur, page.events));
    setOlder(page.end);
    return page;
  }, [gateway, roomId]);
  const newest = first.data?.events[0]?.eventId;
  const stateHandler = useRef(onStateEvent);
  stateHandler.current = onStateEvent;
  const onEvent = useCallback((e: GatewayEvent) => {
    setEvents((cur) => mergeEvents(cur, [e]));
    if (e.stateKey !== null) stateHandler.current?.(e);
  }, []);
  const live = useNewEvents({ roomId, lastEventId: newest, enabled: first.data !== undefined }, onEvent);
  const more = useAction(async () => {
    if (older === null) return;
    const page = await gateway.rooms.timeline.query({ roomId, dir: 'b', from: older, limit: PAGE });
    setEvents((cur) => mergeEvents(cur, page.events, Number.MAX_SAFE_INTEGER));
    setOlder(page.end);
  });
  return { events, first, live, hasOlder: older !== null, loadOlder: () => void more.run(), loadingOlder: more.busy, olderError: more.error };
}
