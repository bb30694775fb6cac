import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chainEvents, generateSigningKey, type RoomSnapshot } from '@courier/server-domain';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { WalSync } from '../src/lib/db/wal-sync';
import { SqliteEventStore } from '../src/lib/events/sqlite-event-store';
import { SqlEventReader } from '../src/lib/reading/sql-event-reader';

const key = generateSigningKey();
const ctx = { now: 1_800_000_000_000, serverName: 'd.test', signingKey: key };
const creator = '@c:d.test';
const roomId = '!durable:d.test';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const creation = (s: RoomSnapshot) =>
  chainEvents(s, [
    { type: 'm.room.create', stateKey: '', sender: creator, content: { room_version: '11' } },
    { type: 'm.room.member', stateKey: creator, sender: creator, content: { membership: 'join' } },
  ], ctx);
const newRoom = { newRoom: { roomId, roomVersion: '11' as const, creator, isPublic: false } };
const message = (n: number) => (s: RoomSnapshot) => chainEvents(s, [{ type: 'm.room.message', sender: creator, content: { body: `m${n}` } }], ctx);

/** The SQLite event writer commits with synchronous=NORMAL and fsyncs the WAL itself, off the loop. */
describe('SQLite durability of acknowledged appends', () => {
  const dirs: string[] = [];
  const opened: DataAccess[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function open() {
    const dir = mkdtempSync(join(tmpdir(), 'courier-durable-'));
    dirs.push(dir);
    const data = await createDataAccess(`file:${join(dir, 'c.sqlite')}`);
    opened.push(data);
    if (data.db.kind !== 'sqlite') throw new Error('expected sqlite');
    // Hold every fsync until the test lets it finish.
    const fsyncs: ReturnType<typeof deferred>[] = [];
    data.db.eventWriter.durable = () => {
      const d = deferred();
      fsyncs.push(d);
      return d.promise;
    };
    const store = new SqliteEventStore(data.db);
    const reader = new SqlEventReader(data.db, () => store.readableCeiling());
    return { data, store, reader, fsyncs };
  }

  it('an append resolves only after the fsync that follows its commit', async () => {
    const { store, fsyncs } = await open();
    let done = false;
    const creating = store
      .append(roomId, creation, newRoom)
      .then(() => (done = true));
    await settle();
    expect(fsyncs).toHaveLength(1);
    expect(done).toBe(false);
    fsyncs[0]?.resolve();
    await creating;
    expect(done).toBe(true);
  });

  it('readers are not shown positions whose fsync has not finished', async () => {
    const { store, reader, fsyncs } = await open();
    const create = store.append(roomId, creation, newRoom);
    await settle();
    fsyncs[0]?.resolve();
    await create;
    const durable = (await reader.positions()).events;

    const pending = store.append(roomId, message(1));
    await settle();
    // Committed (the table moved) but not yet on disk: the reader still sees the old position.
    expect(store.readableCeiling()).toBe(durable);
    expect((await reader.positions()).events).toBe(durable);
    fsyncs[1]?.resolve();
    const [appended] = await pending;
    expect(store.readableCeiling()).toBeUndefined();
    expect((await reader.positions()).events).toBe(appended?.stream);
  });

  it('a failed fsync fails the appends it covered and leaves no reader cap behind', async () => {
    const { store, fsyncs } = await open();
    const create = store.append(roomId, creation, newRoom);
    await settle();
    fsyncs[0]?.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(create).rejects.toThrow('EIO');
    expect(store.readableCeiling()).toBeUndefined();
  });

  it('a stored transaction is answered only once its commit is on disk (a retry never overtakes the original)', async () => {
    const { store, fsyncs } = await open();
    const create = store.append(roomId, creation, newRoom);
    await settle();
    fsyncs[0]?.resolve();
    await create;
    const txn = { userId: creator, deviceId: 'D', roomId, eventType: 'm.room.message', txnId: 't1' };
    const sending = store.append(roomId, (s) => message(2)(s).map((d) => ({ ...d, txn })));
    await settle();
    let found: string | undefined;
    const lookup = store.findTxn(txn).then((id) => (found = id));
    await settle();
    // Committed, so the lookup sees it, but its fsync has not finished: no answer yet.
    expect(found).toBeUndefined();
    expect(fsyncs).toHaveLength(3);
    for (const f of fsyncs.slice(1)) f.resolve();
    const [appended] = await sending;
    await lookup;
    expect(found).toBe(appended?.eventId);
  });
});

describe('WalSync', () => {
  it('callers that arrive during an fsync share the next one, which starts after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courier-walsync-'));
    try {
      const wal = join(dir, 'x-wal');
      rmSync(wal, { force: true });
      (await import('node:fs')).writeFileSync(wal, 'frames');
      const rounds: ReturnType<typeof deferred>[] = [];
      const sync = new WalSync(wal, () => {
        const d = deferred();
        rounds.push(d);
        return d.promise;
      });
      const order: string[] = [];
      const a = sync.sync().then(() => order.push('a'));
      await settle();
      const b = sync.sync().then(() => order.push('b'));
      const c = sync.sync().then(() => order.push('c'));
      await settle();
      expect(rounds).toHaveLength(1);
      rounds[0]?.resolve();
      await a;
      await settle();
      expect(order).toEqual(['a']);
      expect(rounds).toHaveLength(2);
      rounds[1]?.resolve();
      await Promise.all([b, c]);
      expect(order).toEqual(['a', 'b', 'c']);
      await sync.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed fsync is final: every later sync fails with it, however the disk behaves after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courier-walsync-'));
    try {
      const wal = join(dir, 'x-wal');
      (await import('node:fs')).writeFileSync(wal, 'frames');
      let calls = 0;
      const eio = Object.assign(new Error('EIO'), { code: 'EIO' });
      const sync = new WalSync(wal, async () => {
        calls++;
        if (calls === 1) throw eio;
      });
      await expect(sync.sync()).rejects.toBe(eio);
      await expect(sync.sync()).rejects.toBe(eio);
      expect(calls).toBe(1);
      expect(sync.failure).toBe(eio);
      await sync.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('really fsyncs the WAL file on disk by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courier-walsync-'));
    try {
      const wal = join(dir, 'x-wal');
      (await import('node:fs')).writeFileSync(wal, 'frames');
      const sync = new WalSync(wal);
      await expect(sync.sync()).resolves.toBeUndefined();
      await sync.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
