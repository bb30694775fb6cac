import type { FastifyInstance } from 'fastify';
import { createRoom } from '@courier/server-feature-rooms';
import { jsonObjectBody } from '../../plugins/raw-body.plugin';

/** POST /createRoom (create_room.yaml): presets, initial state, invites, room_alias_name; rules in createRoom. */
export function roomsCreateRoute(app: FastifyInstance): void {
  app.post('/createRoom', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = await createRoom(app.services.rooms, requester.userId, jsonObjectBody(request, { allowEmpty: true }), app.services.directory.aliases);
    return { room_id: roomId };
  });
}
