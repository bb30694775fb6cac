import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@courier/server-domain';
import { ALICE, BOB, refusal, sendWorld } from './test-support';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** SEND_CONTRACT.md §4, at the use-case level: raw bodies as the REST route hands them over. */
describe('§4 the body', () => {
  it.each([
    ['empty', ''],
    ['truncated', '{"a":'],
    ['NaN', '{"a": NaN}'],
    ['Infinity', '{"a": Infinity}'],
    ['single quotes', "{'a': 1}"],
    ['trailing garbage', '{"a": 1} x'],
    ['a byte order mark', '\ufeff{}'],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
  ])('§4 not JSON (%s) → 400 M_NOT_JSON', async (_name, body) => {
    const w = await sendWorld();
    const err = await refusal(w.send('nj', body));
    expect([err.status, err.errcode]).toEqual([400, 'M_NOT_JSON']);
    expect(await w.store.findTxn({ userId: ALICE, deviceId: 'DEVICE1', roomId: w.roomId, eventType: 'm.room.message', txnId: 'nj' })).toBeUndefined();
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"x"'],
    ['a number', '1'],
    ['null', 'null'],
    ['a boolean', 'true'],
  ])('§4 not an object (%s) → 400 M_BAD_JSON', async (_name, body) => {
    const w = await sendWorld();
    const raw = await refusal(w.send('nb', body));
    expect([raw.status, raw.errcode]).toEqual([400, 'M_BAD_JSON']);
    const parsed = await refusal(w.send('nb', JSON.parse(body), { parsed: true }));
    expect([parsed.status, parsed.errcode]).toEqual([400, 'M_BAD_JSON']);
  });

  it.each([
    ['a float', '{"a": 1.5}'],
    ['1.0, an integer only after parsing', '{"a": 1.0}'],
    ['an exponent', '{"a": 1e3}'],
    ['an upper-case exponent', '{"a": 1E2}'],
    ['-0', '{"a": -0}'],
    ['2^53', '{"a": 9007199254740992}'],
    ['-2^53', '{"a": -9007199254740992}'],
    ['duplicate keys', '{"a": 1, "a": 1}'],
    ['a nested float', '{"n": {"x": [1, {"y": 2.5}]}}'],
    ['nested duplicate keys', '{"n": {"b": 1, "b": 2}}'],
  ])('§4 float/exponent/-0/out-of-range/duplicate keys: %s → 400 M_BAD_JSON', async (_name, body) => {
    const w = await sendWorld();
    const err = await refusal(w.send('cj', body));
    expect([err.status, err.errcode]).toEqual([400, 'M_BAD_JSON']);
  });

  it('§4 parsed bodies (tRPC) are held to canonical numbers too; ±(2^53−1) is accepted', async () => {
    const w = await sendWorld();
    for (const value of [1.5, -0, 2 ** 53, -(2 ** 53), Number.NaN]) {
      const err = await refusal(w.send('pv', { a: value }, { parsed: true }));
      expect([err.status, err.errcode]).toEqual([400, 'M_BAD_JSON']);
    }
    await expect(w.send('max', '{"a": 9007199254740991, "b": -9007199254740991}')).resolves.toMatch(/^\$/);
  });

  it('§4 event type > 255 bytes → 413 M_TOO_LARGE (bytes, not characters)', async () => {
    const w = await sendWorld();
    for (const type of ['x'.repeat(256), 'é'.repeat(128)]) {
      const err = await refusal(w.send('tl', { a: 1 }, { type }));
      expect([err.status, err.errcode]).toEqual([413, 'M_TOO_LARGE']);
    }
    await expect(w.send('t255', { a: 1 }, { type: 'x'.repeat(255) })).resolves.toMatch(/^\$/);
    await expect(w.send('t255e', { a: 1 }, { type: `${'é'.repeat(127)}x` })).resolves.toMatch(/^\$/);
  });

  it('§4 PDU > 65536 bytes → 413 M_TOO_LARGE (the whole signed PDU, exactly at the limit is fine)', async () => {
    const w = await sendWorld();
    const pduBytes = async (id: string) => bytes(canonicalJson((await w.event(id)).pdu));
    const depthDigits = () => String((w.store.room(w.roomId)?.headDepth ?? 0) + 1).length;
    // A probe fixes the size of everything around the body: ids, hashes, signature, timestamps.
    const probeDigits = depthDigits();
    const probe = await pduBytes(await w.send('probe', { body: 'x'.repeat(1000) }));
    const bodyFor = (pdu: number) => 'x'.repeat(1000 + pdu - probe - (depthDigits() - probeDigits));

    const over = await refusal(w.send('over', { body: bodyFor(65_537) }));
    expect([over.status, over.errcode]).toEqual([413, 'M_TOO_LARGE']);
    expect(w.store.roomEvents(w.roomId).some((e) => e.pdu.content['body'] === bodyFor(65_537))).toBe(false);

    const atLimit = await w.send('at-limit', { body: bodyFor(65_536) });
    expect(await pduBytes(atLimit)).toBe(65_536);
    // The content alone is far below the limit: hashes and signatures count.
    expect(bytes(JSON.stringify({ body: bodyFor(65_537) }))).toBeLessThan(65_536);
  });

  it('§4 content stored as received, canonical, unknown keys kept, __proto__ as plain data', async () => {
    const w = await sendWorld();
    const body =
      '{"z":1,"msgtype":"m.text","body":"é\\u00e9\\ud83d\\ude00","__proto__":{"polluted":1},"constructor":"c","nested":{"b":[1,{"a":null}],"a":true},"com.example.unknown":{"deep":[[],{}]}}';
    const id = await w.send('opaque', body, { user: BOB });
    const content = (await w.event(id)).pdu.content;
    expect(canonicalJson(content)).toBe(
      '{"__proto__":{"polluted":1},"body":"éé😀","com.example.unknown":{"deep":[[],{}]},"constructor":"c","msgtype":"m.text","nested":{"a":true,"b":[1,{"a":null}]},"z":1}',
    );
    expect(Object.hasOwn(content, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(content)).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    // The parsed (tRPC) path keeps the same value, unknown keys included.
    const parsed = JSON.parse(body) as unknown;
    const viaValue = await w.send('opaque-value', parsed, { user: BOB, parsed: true });
    expect(canonicalJson((await w.event(viaValue)).pdu.content)).toBe(canonicalJson(content));
  });
});
