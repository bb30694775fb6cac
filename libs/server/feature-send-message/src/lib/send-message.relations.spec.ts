import { describe, expect, it } from 'vitest';
import { ALICE, BOB, MOD, reaction, refusal, sendWorld, text, type SendWorld } from './test-support';

const react = (w: SendWorld, txnId: string, target: string, key: unknown, opts: { user?: string; type?: string } = {}) =>
  w.send(txnId, reaction(target, key), { user: opts.user ?? BOB, type: opts.type ?? 'm.reaction' });
const relating = (relType: string, target: string) => ({ ...text('r'), 'm.relates_to': { rel_type: relType, event_id: target } });

/** SEND_CONTRACT.md §6: relation targets are checked; the annotation key is a unique index. */
describe('§6 relations and annotations', () => {
  it.each([
    ['no key', undefined],
    ['a number', 5],
    ['null', null],
    ['an object', { k: 'v' }],
  ])('§6 annotation without string key (%s) → 400 M_INVALID_PARAM, on any event type', async (_name, key) => {
    const w = await sendWorld();
    const target = await w.send('t', text('react to me'));
    for (const type of ['m.reaction', 'com.example.vote']) {
      const err = await refusal(react(w, `k-${type}`, target, key, { type }));
      expect([err.status, err.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    }
  });

  it('§6 key > 500 bytes → 400 M_INVALID_PARAM (bytes, not characters)', async () => {
    const w = await sendWorld();
    const target = await w.send('t', text('react to me'));
    for (const key of ['k'.repeat(501), 'é'.repeat(251)]) {
      const err = await refusal(react(w, `long-${key.length}`, target, key));
      expect([err.status, err.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    }
    await expect(react(w, 'k500', target, 'k'.repeat(500))).resolves.toMatch(/^\$/);
    await expect(react(w, 'e500', target, 'é'.repeat(250))).resolves.toMatch(/^\$/);
  });

  it('§6 unknown/other-room target → 400 M_INVALID_PARAM, for every relation type', async () => {
    const w = await sendWorld();
    const other = await w.createRoom(ALICE, {}, [BOB]);
    const elsewhere = await w.send('elsewhere', text('x'), { room: other });
    for (const target of ['$doesnotexist', elsewhere]) {
      for (const [i, body] of [reaction(target, '👍'), relating('m.thread', target), relating('m.reference', target), relating('m.replace', target)].entries()) {
        const err = await refusal(w.send(`bad-${target}-${i}`, body, { user: BOB }));
        expect([err.status, err.errcode]).toEqual([400, 'M_INVALID_PARAM']);
      }
    }
    const root = await w.send('root', text('root'));
    await expect(w.send('ok', relating('m.reference', root), { user: BOB })).resolves.toMatch(/^\$/);
  });

  it('§6 thread on an event with a relation → 400 M_INVALID_PARAM', async () => {
    const w = await sendWorld();
    const root = await w.send('root', text('root'));
    const withRelation = await react(w, 'r', root, '🚀');
    const err = await refusal(w.send('bad-thread', relating('m.thread', withRelation), { user: BOB }));
    expect([err.status, err.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    await expect(w.send('good-thread', relating('m.thread', root), { user: BOB })).resolves.toMatch(/^\$/);
  });

  it('§6 duplicate annotation → 400 M_DUPLICATE_ANNOTATION (same sender, target, type and key)', async () => {
    const w = await sendWorld();
    const target = await w.send('t', text('react to me'));
    const first = await react(w, 'd1', target, '👍');
    const before = w.store.roomEvents(w.roomId).length;
    const err = await refusal(react(w, 'd2', target, '👍'));
    expect([err.status, err.errcode]).toEqual([400, 'M_DUPLICATE_ANNOTATION']);
    expect(w.store.roomEvents(w.roomId)).toHaveLength(before);
    expect(w.store.annotation(target, BOB, 'm.reaction', '👍')).toBe(first);
    // The failed send is not remembered as a transaction.
    expect(await w.store.findTxn({ userId: BOB, deviceId: 'DEVICE1', roomId: w.roomId, eventType: 'm.reaction', txnId: 'd2' })).toBeUndefined();
    // Another key, sender or event type is not a duplicate.
    await expect(react(w, 'o1', target, '👎')).resolves.toMatch(/^\$/);
    await expect(react(w, 'o2', target, '👍', { user: MOD })).resolves.toMatch(/^\$/);
    await expect(react(w, 'o3', target, '👍', { type: 'com.example.vote' })).resolves.toMatch(/^\$/);
  });

  it('§6 concurrent duplicate annotations: exactly one lands, the rest get M_DUPLICATE_ANNOTATION', async () => {
    const w = await sendWorld({ interleave: true });
    const target = await w.send('t', text('race'));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => react(w, `race-${i}`, target, '🏁')));
    const landed = outcomes.filter((o) => o.status === 'fulfilled');
    expect(landed).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect([o.reason.status, o.reason.errcode]).toEqual([400, 'M_DUPLICATE_ANNOTATION']);
    }
    expect(w.store.roomEvents(w.roomId).filter((e) => e.type === 'm.reaction')).toHaveLength(1);
  });

  it('§6 redacting the annotation frees the key', async () => {
    const w = await sendWorld();
    const target = await w.send('t', text('react to me'));
    const first = await react(w, 'f1', target, '🔁');
    expect((await refusal(react(w, 'f2', target, '🔁'))).errcode).toBe('M_DUPLICATE_ANNOTATION');
    await w.send('redact', { redacts: first }, { user: BOB, type: 'm.room.redaction' });
    expect(w.store.annotation(target, BOB, 'm.reaction', '🔁')).toBeUndefined();
    const again = await react(w, 'f3', target, '🔁');
    expect(w.store.annotation(target, BOB, 'm.reaction', '🔁')).toBe(again);
  });
});
