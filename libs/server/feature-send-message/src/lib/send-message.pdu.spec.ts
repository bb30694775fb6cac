import { describe, expect, it } from 'vitest';
import { computeContentHash, computeEventId, verifyEventSignature, type Pdu } from '@courier/server-domain';
import { BOB, SERVER, sendWorld, text } from './test-support';

/** SEND_CONTRACT.md §7: the event stored is a full, signed PDU of the room version. */
describe('§7 the event that is stored', () => {
  it.each(['10', '11'] as const)(
    '§7 PDU fields set by the server, event_id = reference hash, prev_events = previous head, depth + 1, auth_events, signature (v%s)',
    async (version) => {
      const w = await sendWorld({ room: { room_version: version } });
      const head = w.store.room(w.roomId);
      const state = (type: string, key = '') => w.store.stateEvent(w.roomId, type, key)?.event_id;
      w.base.clock.advance(1234);

      const id = await w.send('pdu', text('full pdu'), { user: BOB });
      const stored = await w.event(id);
      const pdu: Pdu = stored.pdu;

      expect(pdu).toMatchObject({
        sender: BOB,
        room_id: w.roomId,
        type: 'm.room.message',
        content: text('full pdu'),
        origin_server_ts: w.base.clock.now(),
        prev_events: [head?.headEventId],
        depth: (head?.headDepth ?? NaN) + 1,
      });
      expect([...pdu.auth_events].sort()).toEqual([state('m.room.create'), state('m.room.power_levels'), state('m.room.member', BOB)].sort());
      expect(pdu.auth_events).toHaveLength(3);
      expect(Object.keys(pdu).sort()).toEqual(
        ['auth_events', 'content', 'depth', 'hashes', 'origin_server_ts', 'prev_events', 'room_id', 'sender', 'signatures', 'type'],
      );
      expect(pdu.hashes).toEqual({ sha256: computeContentHash(pdu) });

      expect(id).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
      expect(id).toBe(computeEventId(pdu, version));

      expect(Object.keys(pdu.signatures)).toEqual([SERVER]);
      expect(Object.keys(pdu.signatures[SERVER] ?? {})).toEqual([w.base.verifyKey.keyId]);
      expect(verifyEventSignature(pdu, version, SERVER, w.base.verifyKey)).toBe(true);
      expect(verifyEventSignature({ ...pdu, sender: '@mallory:courier.test' }, version, SERVER, w.base.verifyKey)).toBe(false);

      // The room's head moved to it.
      expect(w.store.room(w.roomId)).toMatchObject({ headEventId: id, headDepth: pdu.depth });
    },
  );

  it('§7 events in a room are totally ordered: each points at the previous, depth and stream grow', async () => {
    const w = await sendWorld();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await w.send(`order-${i}`, text(String(i)), { user: BOB }));
    const events = await Promise.all(ids.map((id) => w.event(id)));
    events.slice(1).forEach((event, i) => {
      const previous = events[i];
      expect(event.pdu.prev_events).toEqual([previous?.eventId]);
      expect(event.pdu.depth).toBe((previous?.pdu.depth ?? NaN) + 1);
      expect(event.stream).toBeGreaterThan(previous?.stream ?? Infinity);
    });
  });
});
