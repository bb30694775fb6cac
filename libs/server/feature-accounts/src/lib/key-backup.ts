import { MatrixError, badJson, missingParam, notFound } from '@courier/shared-matrix-errors';
import {
  WrongBackupVersionError,
  isJsonObject,
  type BackupScope,
  type BackupVersionInfo,
  type JsonObject,
  type JsonValue,
  type Requester,
  type StoredBackupSession,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

/** Which keys a /room_keys/keys request addresses, and the `version` query parameter. */
export interface RoomKeysRequest extends BackupScope {
  version: string | undefined;
}

const versionBody = (v: BackupVersionInfo) => ({ algorithm: v.algorithm, auth_data: v.authData, count: v.count, etag: v.etag, version: v.version });

function algorithmAndAuthData(body: Record<string, unknown>): { algorithm: string; authData: JsonObject } {
  const algorithm = body['algorithm'];
  const authData = body['auth_data'];
  if (typeof algorithm !== 'string' || algorithm.length === 0) throw missingParam('algorithm is required');
  if (!isJsonObject(authData as JsonValue)) throw missingParam('auth_data must be a JSON object');
  return { algorithm, authData: authData as JsonObject };
}

/** POST /room_keys/version (key_backup.yaml): a new version, which becomes the current one. */
export async function createBackupVersion(deps: AccountDeps, requester: Requester, body: Record<string, unknown>) {
  const { algorithm, authData } = algorithmAndAuthData(body);
  return { version: await deps.keyBackup.createVersion(requester.userId, algorithm, authData) };
}

/** GET /room_keys/version[/{version}]: the current (or given) version with its etag and count; 404 when none. */
export async function getBackupVersion(deps: AccountDeps, requester: Requester, version?: string) {
  const v = await deps.keyBackup.getVersion(requester.userId, version);
  if (!v) throw notFound(version === undefined ? 'No current backup version' : 'Unknown backup version');
  return versionBody(v);
}

/** PUT /room_keys/version/{version}: replaces auth_data; the algorithm cannot change; a body `version` must match. */
export async function updateBackupVersion(deps: AccountDeps, requester: Requester, version: string, body: Record<string, unknown>) {
  const { algorithm, authData } = algorithmAndAuthData(body);
  if (body['version'] !== undefined && body['version'] !== version) throw new MatrixError('M_INVALID_PARAM', 'version in the body does not match the path');
  const current = await deps.keyBackup.getVersion(requester.userId, version);
  if (!current) throw notFound('Unknown backup version');
  if (current.algorithm !== algorithm) throw new MatrixError('M_INVALID_PARAM', 'The algorithm of a backup version cannot change');
  await deps.keyBackup.updateVersion(requester.userId, version, algorithm, authData);
  return {};
}

/** DELETE /room_keys/version/{version}: the version and its keys go; its number is never reused. */
export async function deleteBackupVersion(deps: AccountDeps, requester: Requester, version: string) {
  if (!(await deps.keyBackup.deleteVersion(requester.userId, version))) throw notFound('Unknown backup version');
  return {};
}

function parseSession(value: unknown, where: string): Omit<StoredBackupSession, 'roomId' | 'sessionId'> {
  if (!isJsonObject(value as JsonValue)) throw badJson(`${where} must be a KeyBackupData object`);
  const v = value as JsonObject;
  const int = (name: string) => {
    const n = v[name];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw badJson(`${where}.${name} must be a non-negative integer`);
    return n;
  };
  if (typeof v['is_verified'] !== 'boolean') throw badJson(`${where}.is_verified must be a boolean`);
  if (!isJsonObject(v['session_data'] ?? null)) throw badJson(`${where}.session_data must be a JSON object`);
  return { firstMessageIndex: int('first_message_index'), forwardedCount: int('forwarded_count'), isVerified: v['is_verified'], sessionData: v['session_data'] as JsonObject };
}

function parseSessions(roomId: string, sessions: unknown): StoredBackupSession[] {
  if (!isJsonObject(sessions as JsonValue)) throw badJson('sessions must map session IDs to KeyBackupData');
  return Object.entries(sessions as JsonObject).map(([sessionId, s]) => ({ roomId, sessionId, ...parseSession(s, `sessions.${sessionId.slice(0, 80)}`) }));
}

/** The sessions of a PUT body at the request's level: all rooms, one room, or one session. */
function parseUpload(req: RoomKeysRequest, body: Record<string, unknown>): StoredBackupSession[] {
  if (req.roomId !== undefined && req.sessionId !== undefined) return [{ roomId: req.roomId, sessionId: req.sessionId, ...parseSession(body, 'body') }];
  if (req.roomId !== undefined) return parseSessions(req.roomId, body['sessions']);
  const rooms = body['rooms'];
  if (!isJsonObject(rooms as JsonValue)) throw badJson('rooms must map room IDs to {sessions}');
  return Object.entries(rooms as JsonObject).flatMap(([roomId, room]) => {
    if (!isJsonObject(room)) throw badJson(`rooms.${roomId.slice(0, 80)} must be an object with sessions`);
    return parseSessions(roomId, room['sessions']);
  });
}

function requireVersion(req: RoomKeysRequest): string {
  if (req.version === undefined) throw missingParam('version is required');
  return req.version;
}

/**
 * PUT /room_keys/keys[/{roomId}[/{sessionId}]]: stores sessions into the current version, each
 * replacing the stored one only by the spec's rule. A version that is not the current one is
 * 403 M_WRONG_ROOM_KEYS_VERSION with `current_version` (404 when the user has no backup).
 */
export async function putRoomKeys(deps: AccountDeps, requester: Requester, req: RoomKeysRequest, body: Record<string, unknown>) {
  const version = requireVersion(req);
  const sessions = parseUpload(req, body);
  try {
    return await deps.keyBackup.putSessions(requester.userId, version, sessions);
  } catch (err) {
    if (!(err instanceof WrongBackupVersionError)) throw err;
    if (err.currentVersion === undefined) throw notFound('Unknown backup version');
    throw new MatrixError('M_WRONG_ROOM_KEYS_VERSION', 'Wrong backup version', { status: 403, extra: { current_version: err.currentVersion } });
  }
}

const sessionBody = (s: StoredBackupSession) => ({
  first_message_index: s.firstMessageIndex,
  forwarded_count: s.forwardedCount,
  is_verified: s.isVerified,
  session_data: s.sessionData,
});

/** GET /room_keys/keys[/{roomId}[/{sessionId}]]: the stored keys at that level; an unknown version or session is 404. */
export async function getRoomKeys(deps: AccountDeps, requester: Requester, req: RoomKeysRequest) {
  const version = requireVersion(req);
  if (!(await deps.keyBackup.getVersion(requester.userId, version))) throw notFound('Unknown backup version');
  const sessions = await deps.keyBackup.getSessions(requester.userId, version, req);
  if (req.roomId !== undefined && req.sessionId !== undefined) {
    const [one] = sessions;
    if (!one) throw notFound('No room key found');
    return sessionBody(one);
  }
  const bySession = (list: StoredBackupSession[]) => Object.fromEntries(list.map((s) => [s.sessionId, sessionBody(s)]));
  if (req.roomId !== undefined) return { sessions: bySession(sessions) };
  const rooms: Record<string, { sessions: Record<string, unknown> }> = {};
  for (const s of sessions) (rooms[s.roomId] ??= { sessions: {} }).sessions[s.sessionId] = sessionBody(s);
  return { rooms };
}

/** DELETE /room_keys/keys[/{roomId}[/{sessionId}]]: the new etag and count. */
export async function deleteRoomKeys(deps: AccountDeps, requester: Requester, req: RoomKeysRequest) {
  const version = requireVersion(req);
  try {
    return await deps.keyBackup.deleteSessions(requester.userId, version, req);
  } catch (err) {
    if (err instanceof WrongBackupVersionError) throw notFound('Unknown backup version');
    throw err;
  }
}
