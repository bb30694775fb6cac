import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROUTES, type JsonSchema } from '@courier/server-api-routes';
import { jsonObjectInput } from '../lib/inputs';
import { eventsRouter } from './events.router';
import { roomsRouter } from './rooms.router';

/**
 * Issue 13: one contract for tRPC too. Where a gateway procedure takes what a REST body takes,
 * its input must agree with the spec schema of that body (the routers also type the body they
 * build with `satisfies` the spec's request type, so a drift is a type error one way and a
 * test failure the other).
 */
type AnyObject = z.ZodObject<Record<string, z.ZodType>>;
const inputOf = (procedure: { _def: { inputs: unknown[] } }) => procedure._def.inputs[0] as AnyObject;
const props = (schema: JsonSchema | null) => (schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
const optionsOf = (t: z.ZodType | undefined) => {
  const inner = (t as unknown as { unwrap?: () => { options: string[] } } | undefined)?.unwrap?.();
  return [...(inner?.options ?? [])].sort();
};

describe('tRPC inputs agree with spec/', () => {
  it('rooms.create: every option is a createRoom body key of the spec, enums equal', () => {
    const shape = inputOf(roomsRouter.create).shape;
    const spec = props(ROUTES.createRoom.body);
    // camelCase in the gateway, the spec's snake_case on the wire; creatorUserId is the gateway's own.
    const wire: Record<string, string | null> = { creatorUserId: null, roomVersion: 'room_version', isDirect: 'is_direct' };
    const notInSpec = Object.keys(shape).filter((k) => {
      const key = wire[k] === undefined ? k : wire[k];
      return key !== null && !(key in spec);
    });
    expect(notInSpec).toEqual([]);
    for (const key of ['preset', 'visibility']) {
      expect(optionsOf(shape[key]).length, key).toBeGreaterThan(0);
      expect(optionsOf(shape[key]), key).toEqual([...((spec[key]?.['enum'] as string[]) ?? [])].sort());
    }
  });

  it('events.send: content is exactly what PUT /send takes, any JSON object', () => {
    const shape = inputOf(eventsRouter.send).shape;
    expect(shape['content']).toBe(jsonObjectInput);
    const body = ROUTES.sendMessage.body ?? {};
    expect(body['type']).toBe('object');
    expect(body['required'] ?? []).toEqual([]);
    expect(body['properties']).toBeUndefined();
    for (const v of [{}, { msgtype: 'm.text', body: 'x' }, { nested: { a: [1] } }]) expect(jsonObjectInput.safeParse(v).success).toBe(true);
    for (const v of [[], 'x', 1, null]) expect(jsonObjectInput.safeParse(v).success).toBe(false);
  });
});
