import {
  createBackupVersion,
  deleteBackupVersion,
  deleteRoomKeys,
  getBackupVersion,
  getRoomKeys,
  putRoomKeys,
  updateBackupVersion,
} from '@courier/server-feature-accounts';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * Server-side key backup (room_keys.yaml): /room_keys/version[/{version}] and
 * /room_keys/keys[/{roomId}[/{sessionId}]]?version= for GET, PUT and DELETE.
 */
export const roomKeysHandlers = {
  postRoomKeysVersion: async ({ body, requester, ctx }) => createBackupVersion(ctx.services.accounts, requester, body),
  getRoomKeysVersionCurrent: async ({ requester, ctx }) => getBackupVersion(ctx.services.accounts, requester),
  getRoomKeysVersion: async ({ params, requester, ctx }) => getBackupVersion(ctx.services.accounts, requester, params.version),
  putRoomKeysVersion: async ({ params, body, requester, ctx }) => updateBackupVersion(ctx.services.accounts, requester, params.version, body),
  deleteRoomKeysVersion: async ({ params, requester, ctx }) => deleteBackupVersion(ctx.services.accounts, requester, params.version),
  putRoomKeys: async ({ query, body, requester, ctx }) => putRoomKeys(ctx.services.accounts, requester, { version: query.version }, body),
  getRoomKeys: async ({ query, requester, ctx }) => specShaped(await getRoomKeys(ctx.services.accounts, requester, { version: query.version })),
  deleteRoomKeys: async ({ query, requester, ctx }) => deleteRoomKeys(ctx.services.accounts, requester, { version: query.version }),
  putRoomKeysByRoomId: async ({ params, query, body, requester, ctx }) =>
    putRoomKeys(ctx.services.accounts, requester, { version: query.version, roomId: params.roomId }, body),
  getRoomKeysByRoomId: async ({ params, query, requester, ctx }) =>
    specShaped(await getRoomKeys(ctx.services.accounts, requester, { version: query.version, roomId: params.roomId })),
  deleteRoomKeysByRoomId: async ({ params, query, requester, ctx }) =>
    deleteRoomKeys(ctx.services.accounts, requester, { version: query.version, roomId: params.roomId }),
  putRoomKeyBySessionId: async ({ params, query, body, requester, ctx }) =>
    putRoomKeys(ctx.services.accounts, requester, { version: query.version, roomId: params.roomId, sessionId: params.sessionId }, body),
  getRoomKeyBySessionId: async ({ params, query, requester, ctx }) =>
    specShaped(await getRoomKeys(ctx.services.accounts, requester, { version: query.version, roomId: params.roomId, sessionId: params.sessionId })),
  deleteRoomKeyBySessionId: async ({ params, query, requester, ctx }) =>
    deleteRoomKeys(ctx.services.accounts, requester, { version: query.version, roomId: params.roomId, sessionId: params.sessionId }),
} satisfies MatrixHandlerGroup;
