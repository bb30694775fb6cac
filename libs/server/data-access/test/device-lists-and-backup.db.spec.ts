import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { WrongBackupVersionError } from '@courier/server-domain';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';

/**
 * The device-list computation (SqlEventReader.deviceListChanges over device_list_changes and
 * room_members) and the key-backup store's replacement rule, on each database.
 */
describe.each(await dbKinds())('device lists and key backup storage on %s', (kind) => {
  let database: TestDatabase;
  let data: DataAccess;
  let stream = 1000;
  const member = (roomId: string, userId: string, membership: string) =>
    data.db.prisma.roomMember.upsert({
      where: { room_id_user_id: { room_id: roomId, user_id: userId } },
      create: { room_id: roomId, user_id: userId, membership, event_id: `$${stream}`, stream: BigInt(++stream) },
      update: { membership, event_id: `$${stream}`, stream: BigInt(++stream) },
    });
  const keys = (userId: string, deviceId: string) => ({ user_id: userId, device_id: deviceId, keys: { [`ed25519:${deviceId}`]: deviceId } });
  const devicePos = async () => (await data.reader.positions()).deviceLists;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    data = await createDataAccess(database.url);
    await member('!shared', '@viewer', 'join');
    await member('!shared', '@mate', 'join');
    await member('!other', '@stranger', 'join');
    await member('!other', '@mate', 'join');
  });
  afterAll(async () => {
    await data.close();
    await database.drop();
  });

  it('changed: room-mates and the viewer whose keys changed in the range; not strangers, not changes outside it', async () => {
    const start = await devicePos();
    await data.accountStores.e2eKeys.setDeviceKeys('@mate', 'M1', keys('@mate', 'M1'));
    await data.accountStores.e2eKeys.setDeviceKeys('@stranger', 'S1', keys('@stranger', 'S1'));
    const mid = await devicePos();
    await data.accountStores.e2eKeys.setDeviceKeys('@viewer', 'V1', keys('@viewer', 'V1'));
    const end = await devicePos();
    const none = { after: stream, upTo: stream };
    expect(await data.reader.deviceListChanges('@viewer', { after: start, upTo: mid }, none)).toEqual({ changed: ['@mate'], left: [] });
    expect(await data.reader.deviceListChanges('@viewer', { after: mid, upTo: end }, none)).toEqual({ changed: ['@viewer'], left: [] });
    expect(await data.reader.deviceListChanges('@viewer', { after: start, upTo: end }, none)).toEqual({ changed: ['@mate', '@viewer'], left: [] });
    expect(await data.reader.deviceListChanges('@viewer', { after: end, upTo: end }, none)).toEqual({ changed: [], left: [] });
  });

  it('a deleted device and new signatures are changes too, written with the change itself', async () => {
    const start = await devicePos();
    await data.accountStores.e2eKeys.deleteDeviceKeys('@mate', 'M1');
    const afterDelete = await devicePos();
    expect(afterDelete).toBe(start + 1);
    await data.accountStores.e2eKeys.addSignatures([{ targetUserId: '@mate', targetKeyId: 'M2', signerUserId: '@viewer', signerKeyId: 'ed25519:K', signature: 's' }]);
    expect(await devicePos()).toBe(afterDelete + 1);
    const rows = await data.db.prisma.deviceListChange.findMany({ where: { stream: { gt: BigInt(start) } }, orderBy: { stream: 'asc' } });
    expect(rows.map((r) => r.user_id)).toEqual(['@mate', '@mate']);
  });

  it('left: a mate whose last shared room ends; not one still sharing another room; joined: a new mate is changed', async () => {
    const before = stream;
    await member('!shared', '@mate', 'leave');
    const none = { after: 0, upTo: 0 };
    expect(await data.reader.deviceListChanges('@viewer', none, { after: before, upTo: stream })).toEqual({ changed: [], left: ['@mate'] });
    await member('!other', '@viewer', 'join');
    const rejoin = stream;
    await member('!shared', '@mate', 'join');
    const res = await data.reader.deviceListChanges('@viewer', none, { after: rejoin, upTo: stream });
    expect(res).toEqual({ changed: ['@mate'], left: [] });
    const viewerLeaves = stream;
    await member('!other', '@viewer', 'leave');
    // The viewer left !other, but @mate still shares !shared and @stranger shares nothing now.
    expect(await data.reader.deviceListChanges('@viewer', none, { after: viewerLeaves, upTo: stream })).toEqual({ changed: [], left: ['@stranger'] });
  });

  it('backup: each session is replaced only by a better one; the etag moves only on a change', async () => {
    const store = data.accountStores.keyBackup;
    const version = await store.createVersion('@viewer', 'alg', {});
    const s = (isVerified: boolean, firstMessageIndex: number, forwardedCount: number, tag: string) => ({
      roomId: '!r',
      sessionId: 's',
      isVerified,
      firstMessageIndex,
      forwardedCount,
      sessionData: { tag },
    });
    const first = await store.putSessions('@viewer', version, [s(false, 3, 1, 'first')]);
    expect(first.count).toBe(1);
    const same = await store.putSessions('@viewer', version, [s(false, 3, 1, 'tie')]);
    expect(same.etag).toBe(first.etag);
    await store.putSessions('@viewer', version, [s(false, 3, 0, 'fewer hops')]);
    await store.putSessions('@viewer', version, [s(false, 4, 0, 'worse index')]);
    expect((await store.getSessions('@viewer', version, {}))[0]?.sessionData).toEqual({ tag: 'fewer hops' });
    await store.putSessions('@viewer', version, [s(true, 9, 9, 'verified')]);
    await store.putSessions('@viewer', version, [s(false, 0, 0, 'unverified')]);
    expect((await store.getSessions('@viewer', version, { roomId: '!r', sessionId: 's' }))[0]?.sessionData).toEqual({ tag: 'verified' });
    await store.createVersion('@viewer', 'alg', {});
    await expect(store.putSessions('@viewer', version, [s(true, 0, 0, 'stale')])).rejects.toBeInstanceOf(WrongBackupVersionError);
  });
});
