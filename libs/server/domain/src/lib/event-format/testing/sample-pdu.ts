import type { JsonObject } from '../../json';

/** A realistic message PDU before hashing and signing. */
export function messageProto(body = 'hello 🎉'): JsonObject {
  return {
    auth_events: ['$create', '$power', '$member'],
    content: { msgtype: 'm.text', body },
    depth: 12,
    origin_server_ts: 1_700_000_000_000,
    prev_events: ['$prev'],
    room_id: '!room:courier.test',
    sender: '@alice:courier.test',
    type: 'm.room.message',
  };
}
