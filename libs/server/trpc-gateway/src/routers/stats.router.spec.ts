import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startGatewayHarness, type GatewayHarness } from '../test-support';

describe.each(await dbKinds())('stats router on %s', (kind) => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness(kind);
  });
  afterAll(async () => h.close());

  it('stats.overview counts users, rooms, events and the events of the last minute', async () => {
    const svc = h.caller(await h.serviceToken('stats:read', 'events:send'));
    const empty = await svc.stats.overview();
    expect(empty).toEqual({ users: 0, rooms: 0, events: 0, eventsLastMinute: 0 });

    const alice = (await h.user('alice')).userId;
    await h.user('bob');
    const roomId = await h.createRoom(alice);
    const afterCreate = await svc.stats.overview();
    expect(afterCreate.users).toBe(2);
    expect(afterCreate.rooms).toBe(1);
    expect(afterCreate.events).toBeGreaterThan(0);
    expect(afterCreate.eventsLastMinute).toBe(afterCreate.events);

    await svc.events.send({ roomId, type: 'm.room.message', content: { body: 'x' }, txnId: 't', senderUserId: alice });
    expect((await svc.stats.overview()).events).toBe(afterCreate.events + 1);
  });
});
