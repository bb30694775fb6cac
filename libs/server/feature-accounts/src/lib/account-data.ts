import { MatrixError, forbidden, notFound } from '@courier/shared-matrix-errors';
import { GLOBAL_ACCOUNT_DATA, defaultPushRules, parseRoomId, type JsonObject, type Requester } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

export interface AccountDataKey {
  userId: string;
  /** Undefined for global account data. */
  roomId?: string;
  type: string;
}

function roomOf(key: AccountDataKey): string {
  return key.roomId === undefined ? GLOBAL_ACCOUNT_DATA : parseRoomId(key.roomId);
}

/** Types the server owns (account-data.yaml): 405 with M_BAD_JSON, the spec's and Synapse's answer. */
function assertClientSettable(type: string): void {
  if (type === 'm.fully_read') {
    throw new MatrixError('M_BAD_JSON', 'Cannot set m.fully_read through this API. Use /rooms/{roomId}/read_markers', { status: 405 });
  }
  if (type === 'm.push_rules') throw new MatrixError('M_BAD_JSON', 'Cannot set m.push_rules through this API. Use /pushrules', { status: 405 });
}

/**
 * GET /user/{userId}/account_data/{type} and its per-room form: only one's own (403), unset
 * is 404. Global m.push_rules is answered from the push rules, as Synapse does.
 */
export async function getAccountData(deps: AccountDeps, requester: Requester, key: AccountDataKey): Promise<JsonObject> {
  if (key.userId !== requester.userId) throw forbidden('Cannot get account data for other users.');
  const roomId = roomOf(key);
  if (roomId === GLOBAL_ACCOUNT_DATA && key.type === 'm.push_rules') {
    return { global: defaultPushRules(requester.userId) } as unknown as JsonObject;
  }
  const content = await deps.accountData.get(requester.userId, roomId, key.type);
  if (!content) throw notFound(key.roomId === undefined ? 'Account data not found' : 'Room account data not found');
  return content;
}

/**
 * PUT …/account_data/{type}: stores the object under the next stream position, then wakes
 * /sync. The body is read after the permission checks, so a 403 wins over a bad body.
 */
export async function putAccountData(deps: AccountDeps, requester: Requester, key: AccountDataKey, readContent: () => JsonObject) {
  if (key.userId !== requester.userId) throw forbidden('Cannot add account data for other users.');
  const roomId = roomOf(key);
  assertClientSettable(key.type);
  await deps.accountData.put(requester.userId, roomId, key.type, readContent());
  deps.notifier.notify({ userIds: [requester.userId] });
  return {};
}
