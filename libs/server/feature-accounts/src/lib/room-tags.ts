import { forbidden, invalidParam } from '@courier/shared-matrix-errors';
import { isJsonObject, parseRoomId, type JsonObject, type Requester } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

/** Room tags are the room's m.tag account data (tags.yaml): {tags: {name: {order?}}}. */
const TAG_TYPE = 'm.tag';
/** The spec's limit on a tag name. */
const MAX_TAG_BYTES = 255;

export interface TagKey {
  userId: string;
  roomId: string;
}

async function currentTags(deps: AccountDeps, userId: string, roomId: string): Promise<JsonObject> {
  const content = await deps.accountData.get(userId, roomId, TAG_TYPE);
  const tags = content?.['tags'];
  return tags !== undefined && isJsonObject(tags) ? tags : {};
}

function ownRoom(requester: Requester, key: TagKey, verb: string): string {
  if (key.userId !== requester.userId) throw forbidden(`Cannot ${verb} tags for other users.`);
  return parseRoomId(key.roomId);
}

/** GET /user/{userId}/rooms/{roomId}/tags: one's own only (403); no tags is `{tags: {}}`. */
export async function getRoomTags(deps: AccountDeps, requester: Requester, key: TagKey): Promise<JsonObject> {
  const roomId = ownRoom(requester, key, 'get');
  return { tags: await currentTags(deps, requester.userId, roomId) };
}

/**
 * PUT /user/{userId}/rooms/{roomId}/tags/{tag}: sets the tag's object (an `order` must be a
 * number), stored as the room's m.tag account data under the next account_data position, so
 * /sync sends the whole m.tag event. Two tags set at the same instant may race (last one wins).
 */
export async function putRoomTag(deps: AccountDeps, requester: Requester, key: TagKey & { tag: string }, readBody: () => JsonObject) {
  const roomId = ownRoom(requester, key, 'add');
  if (Buffer.byteLength(key.tag, 'utf8') > MAX_TAG_BYTES) throw invalidParam(`Tag names are at most ${MAX_TAG_BYTES} bytes`);
  const body = readBody();
  if (body['order'] !== undefined && typeof body['order'] !== 'number') throw invalidParam('order must be a number');
  const tags = { ...(await currentTags(deps, requester.userId, roomId)), [key.tag]: body };
  await deps.accountData.put(requester.userId, roomId, TAG_TYPE, { tags });
  deps.notifier.notify({ userIds: [requester.userId] });
  return {};
}

/** DELETE …/tags/{tag}: removes it; removing a tag that is not there is no error (as Synapse). */
export async function deleteRoomTag(deps: AccountDeps, requester: Requester, key: TagKey & { tag: string }) {
  const roomId = ownRoom(requester, key, 'remove');
  const tags = await currentTags(deps, requester.userId, roomId);
  if (!(key.tag in tags)) return {};
  const { [key.tag]: _removed, ...rest } = tags;
  await deps.accountData.put(requester.userId, roomId, TAG_TYPE, { tags: rest });
  deps.notifier.notify({ userIds: [requester.userId] });
  return {};
}
