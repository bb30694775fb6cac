import { useEffect, useRef, useState } from 'react';
import type { GatewayEvent } from './api-types';
import { useApp } from './app-context';
import { describeError, type ReadableError } from './errors';

export type LiveState = 'off' | 'connecting' | 'live' | 'error';

export interface NewEventsOptions {
  roomId?: string;
  /** Resume right after this event (the newest one already shown), so nothing is missed. */
  lastEventId?: string;
  /** Subscribe only when true (e.g. once the first page has loaded). */
  enabled: boolean;
}

/**
 * Streams `events.onNew` (SSE) into `onEvent` while mounted. The gateway tracks every event by
 * its ID and the client resumes from the last one after a dropped connection.
 */
export function useNewEvents(opts: NewEventsOptions, onEvent: (e: GatewayEvent) => void): { state: LiveState; error: ReadableError | null } {
  const { gateway } = useApp();
  const [state, setState] = useState<LiveState>('off');
  const [error, setError] = useState<ReadableError | null>(null);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const { roomId, lastEventId, enabled } = opts;
  useEffect(() => {
    if (!enabled) return;
    setState('connecting');
    setError(null);
    const input = { ...(roomId ? { roomId } : {}), ...(lastEventId ? { lastEventId } : {}) };
    const sub = gateway.events.onNew.subscribe(input, {
      onStarted: () => setState('live'),
      onData: (tracked) => handler.current(tracked.data),
      onError: (err) => {
        setError(describeError(err));
        setState('error');
      },
      onConnectionStateChange: (s) => {
        if (s.state === 'connecting') setState('connecting');
        if (s.state === 'pending') setState('live');
      },
    });
    return () => sub.unsubscribe();
    // lastEventId is read once per subscription: later events are tracked by the client itself.
  }, [gateway, roomId, enabled]);
  return { state, error };
}
