import type { FastifyInstance } from 'fastify';
import { deactivateAccount } from '@courier/server-feature-accounts';
import { leaveRooms } from '@courier/server-feature-rooms';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/**
 * POST /account/deactivate (registration.yaml), UIA m.login.password. The account side
 * (feature-accounts) is handed the room side's leave path for every room the user is in.
 */
export function deactivateRoute(app: FastifyInstance): void {
  app.post('/account/deactivate', async (request) => {
    const requester = await app.services.authenticate(request);
    const leaveAll = async (userId: string) => {
      const rooms = await app.services.reading.reader.roomsOfUser(userId);
      const inRoom = rooms.filter((m) => m.membership === 'join' || m.membership === 'invite' || m.membership === 'knock');
      await leaveRooms(app.services.rooms, userId, inRoom.map((m) => m.roomId));
    };
    return deactivateAccount(app.services.accounts, requester, jsonObjectBody(request, { allowEmpty: true }), request.ip, leaveAll);
  });
}
