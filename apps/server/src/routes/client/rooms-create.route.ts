import type { FastifyInstance } from 'fastify';
import { createRoom } from '@courier/server-feature-rooms';
import { jsonObjectBody } from '../../plugins/raw-body.plugin';

/** POST /createRoom (create_room.yaml): presets, initial state, invites; rules in createRoom. */
export function roomsCreateRoute(app: FastifyInstance): void {
  app.post('/createRoom', async (request) => {
    const requester = await app.services.authenticate(request);
    const body = jsonObjectBody(request, { allowEmpty: true });
    const profile = await app.services.profiles.profiles.getProfile(requester.userId);
    const { roomId } = await createRoom(app.services.rooms, requester.userId, body, profile);
    return { room_id: roomId };
  });
}
