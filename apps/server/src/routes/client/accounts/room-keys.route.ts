import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createBackupVersion,
  deleteBackupVersion,
  deleteRoomKeys,
  getBackupVersion,
  getRoomKeys,
  putRoomKeys,
  updateBackupVersion,
  type RoomKeysRequest,
} from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from './account-path-params';
import { queryParam } from './query-param';

const versionParam = (request: FastifyRequest) => accountPathParams(request.params, ['version'] as const).version;

/** /room_keys/version and /room_keys/version/{version} (room_keys.yaml). */
function roomKeysVersionRoute(app: FastifyInstance): void {
  const deps = () => app.services.accounts;
  const auth = (request: FastifyRequest) => app.services.authenticate(request);
  app.post('/room_keys/version', async (request) => createBackupVersion(deps(), await auth(request), jsonObjectBody(request)));
  app.get('/room_keys/version', async (request) => getBackupVersion(deps(), await auth(request)));
  app.get('/room_keys/version/:version', async (request) => getBackupVersion(deps(), await auth(request), versionParam(request)));
  app.put('/room_keys/version/:version', async (request) =>
    updateBackupVersion(deps(), await auth(request), versionParam(request), jsonObjectBody(request)),
  );
  app.delete('/room_keys/version/:version', async (request) => deleteBackupVersion(deps(), await auth(request), versionParam(request)));
}

/** The level (all, room, session) a /room_keys/keys path names, with ?version. */
function keysRequest(request: FastifyRequest): RoomKeysRequest {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const names = (['roomId', 'sessionId'] as const).filter((n) => params[n] !== undefined);
  const p = accountPathParams(request.params, names) as Partial<Record<'roomId' | 'sessionId', string>>;
  return { version: queryParam(request, 'version'), ...(p.roomId !== undefined ? { roomId: p.roomId } : {}), ...(p.sessionId !== undefined ? { sessionId: p.sessionId } : {}) };
}

/** /room_keys/keys[/{roomId}[/{sessionId}]] for GET, PUT and DELETE (room_keys.yaml). */
function roomKeysKeysRoute(app: FastifyInstance): void {
  const deps = () => app.services.accounts;
  for (const path of ['/room_keys/keys', '/room_keys/keys/:roomId', '/room_keys/keys/:roomId/:sessionId']) {
    app.get(path, async (request) => getRoomKeys(deps(), await app.services.authenticate(request), keysRequest(request)));
    app.put(path, async (request) => putRoomKeys(deps(), await app.services.authenticate(request), keysRequest(request), jsonObjectBody(request)));
    app.delete(path, async (request) => deleteRoomKeys(deps(), await app.services.authenticate(request), keysRequest(request)));
  }
}

/** Server-side key backup (room_keys.yaml). */
export function roomKeysRoute(app: FastifyInstance): void {
  roomKeysVersionRoute(app);
  roomKeysKeysRoute(app);
}
