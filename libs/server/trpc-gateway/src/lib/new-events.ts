import { tracked } from '@trpc/server';
import { notFound } from '@courier/shared-matrix-errors';
import { parseRoomId } from '@courier/server-domain';
import type { GatewayServices } from '../context';
import { toGatewayEvent } from './views';

const BATCH = 100;
/**
 * Re-read at least this often without a wake-up: the notifier only hears this process's
 * commits, so events written by another instance arrive within this delay.
 */
const POLL_MS = 10_000;

async function startAfter(services: GatewayServices, lastEventId: string | undefined): Promise<number> {
  if (lastEventId === undefined) return (await services.reader.positions()).events;
  const last = await services.reader.getEvent(lastEventId);
  if (!last) throw notFound('lastEventId is not a known event');
  return last.stream;
}

/**
 * Opens the stream of events committed after the start (the caller's lastEventId, else "now"):
 * the start is fixed here, before the subscription is acknowledged, so everything committed
 * after a client sees "started" is delivered. Events come in stream order, each tracked by its
 * event ID so a reconnecting client resumes where it stopped; positions commit in order (see
 * the event stores), so reading "stream > last seen" never skips one. The stream ends when the
 * client goes (`signal`) or the server closes (`services.shutdown`).
 */
export async function openNewEventsStream(
  services: GatewayServices,
  input: { roomId?: string; lastEventId?: string },
  signal?: AbortSignal,
) {
  const roomId = input.roomId === undefined ? undefined : parseRoomId(input.roomId);
  const after = await startAfter(services, input.lastEventId);
  const stop = AbortSignal.any([signal, services.shutdown].filter((s): s is AbortSignal => s !== undefined));
  return streamFrom(services, { after, roomId }, stop);
}

async function* streamFrom(services: GatewayServices, start: { after: number; roomId: string | undefined }, stop: AbortSignal) {
  const interest = start.roomId === undefined ? {} : { rooms: new Set([start.roomId]) };
  let after = start.after;
  while (!stop.aborted) {
    // Wait first, read second: a commit landing between the read and the wait still wakes us.
    const round = new AbortController();
    const woken = services.notifier.wait(interest, POLL_MS, AbortSignal.any([stop, round.signal]));
    const batch = await services.admin.eventsAfter(after, BATCH, start.roomId);
    if (batch.length > 0) round.abort();
    for (const e of batch) {
      after = e.stream;
      yield tracked(e.eventId, toGatewayEvent(e));
    }
    await woken;
  }
}
