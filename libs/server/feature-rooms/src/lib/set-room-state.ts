import { forbidden, invalidParam } from '@courier/shared-matrix-errors';
import { RoomNotFoundError, buildRoomEvent, canonicalJson, type JsonObject } from '@courier/server-domain';
import type { RoomDeps } from './room-deps';

/** PUT /rooms/{roomId}/state/{eventType}/{stateKey}: the rules of the room version decide. */
export async function setRoomState(
  deps: RoomDeps,
  input: { roomId: string; sender: string; type: string; stateKey: string; content: JsonObject },
): Promise<{ eventId: string }> {
  if (input.type === 'm.room.create') throw invalidParam('A room has exactly one m.room.create event');
  try {
    let unchangedId: string | undefined;
    const appended = await deps.events.append(input.roomId, (snapshot) => {
      const current = snapshot.state(input.type, input.stateKey);
      // Re-sending the current state is a no-op that returns the current event (as Synapse).
      if (current && current.sender === input.sender && canonicalJson(current.content) === canonicalJson(input.content)) {
        unchangedId = current.event_id;
        return [];
      }
      return [
        buildRoomEvent(snapshot, snapshot.state, {
          type: input.type,
          stateKey: input.stateKey,
          sender: input.sender,
          content: input.content,
          now: deps.now(),
          serverName: deps.serverName,
          signingKey: deps.signingKey,
        }),
      ];
    });
    const eventId = appended[0]?.eventId ?? unchangedId;
    if (!eventId) throw new Error('state append produced no event');
    return { eventId };
  } catch (err) {
    if (err instanceof RoomNotFoundError) throw forbidden('You are not in this room, or it does not exist');
    throw err;
  }
}
