import { describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { validateCreateRoomRequest } from './validate-create-room-request';

function errorOf(body: unknown): MatrixError | undefined {
  try {
    validateCreateRoomRequest(body);
    return undefined;
  } catch (error) {
    if (error instanceof MatrixError) return error;
    throw error;
  }
}

describe('validateCreateRoomRequest', () => {
  it('an empty object is a valid request (every field is optional)', () => {
    expect(validateCreateRoomRequest({})).toEqual({});
  });

  it('keeps known fields, drops unknown ones, and leaves contents untouched', () => {
    const body = {
      preset: 'trusted_private_chat',
      visibility: 'private',
      name: 'N',
      topic: 'T',
      invite: ['@bob:example.org'],
      initial_state: [{ type: 'm.room.encryption', content: { algorithm: 'm.megolm.v1.aes-sha2', extra: { x: 1 } } }],
      power_level_content_override: { ban: 100 },
      room_version: '10',
      is_direct: true,
      creation_content: { 'm.federate': false },
      room_alias_name: 'wombat',
      org_example_unknown: 1,
    };
    const { org_example_unknown: _dropped, ...expected } = body;
    expect(validateCreateRoomRequest(body)).toEqual(expected);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a body that is not an object', [1], 'M_BAD_JSON', /JSON object/],
    ['null as a body', null, 'M_BAD_JSON', /JSON object/],
    ['an unknown preset', { preset: 'secret_chat' }, 'M_BAD_JSON', /preset must be one of/],
    ['an unknown visibility', { visibility: 'unlisted' }, 'M_BAD_JSON', /visibility must be public or private/],
    ['a non-string name', { name: 5 }, 'M_BAD_JSON', /name must be a string/],
    ['a non-string topic', { topic: { t: 1 } }, 'M_BAD_JSON', /topic must be a string/],
    ['invite that is not an array', { invite: '@bob:example.org' }, 'M_BAD_JSON', /invite must be an array/],
    ['invite with a non-user ID', { invite: ['bob'] }, 'M_INVALID_PARAM', /Invalid user_id in invite: bob/],
    ['a non-empty invite_3pid', { invite_3pid: [{ medium: 'email' }] }, 'M_INVALID_PARAM', /invite_3pid/],
    ['a non-object override', { power_level_content_override: [] }, 'M_BAD_JSON', /power_level_content_override must be an object/],
    ['a non-object creation_content', { creation_content: 'x' }, 'M_BAD_JSON', /creation_content must be an object/],
    ['a non-boolean is_direct', { is_direct: 'yes' }, 'M_BAD_JSON', /is_direct must be a boolean/],
    ['a non-string room_version', { room_version: 11 }, 'M_BAD_JSON', /room_version must be a string/],
    ['an unknown room_version', { room_version: '9' }, 'M_UNSUPPORTED_ROOM_VERSION', /"9" is not supported; supported: 10, 11/],
    ['a full alias as room_alias_name', { room_alias_name: '#wombat:example.org' }, 'M_INVALID_PARAM', /room_alias_name/],
    ['whitespace in room_alias_name', { room_alias_name: 'wom bat' }, 'M_INVALID_PARAM', /room_alias_name/],
    ['an empty room_alias_name', { room_alias_name: '' }, 'M_INVALID_PARAM', /room_alias_name/],
    ['initial_state that is not an array', { initial_state: {} }, 'M_BAD_JSON', /initial_state must be an array/],
    ['an initial_state entry without a type', { initial_state: [{ content: {} }] }, 'M_BAD_JSON', /initial_state\[0\]\.type/],
    ['an initial_state entry without content', { initial_state: [{ type: 'm.room.name' }] }, 'M_BAD_JSON', /initial_state\[0\]\.content/],
    ['an initial_state entry with a non-string state_key',
      { initial_state: [{ type: 'a', state_key: 1, content: {} }] }, 'M_BAD_JSON', /state_key/],
    ['m.room.create in initial_state', { initial_state: [{ type: 'm.room.create', content: {} }] }, 'M_INVALID_PARAM', /creation_content/],
    ['m.room.member in initial_state',
      { initial_state: [{ type: 'm.room.member', state_key: '@bob:example.org', content: { membership: 'join' } }] },
      'M_INVALID_PARAM',
      /m\.room\.member/,
    ],
  ])('%s is refused', (_label, body, errcode, message) => {
    const err = errorOf(body);
    expect(err?.errcode).toBe(errcode);
    expect(err?.status).toBe(400);
    expect(err?.message).toMatch(message);
  });

  it('an event type that happens to name an Object property is just a type', () => {
    expect(errorOf({ initial_state: [{ type: 'constructor', content: {} }] })).toBeUndefined();
  });

  it('m.room.power_levels in initial_state is allowed (it replaces the default levels)', () => {
    expect(errorOf({ initial_state: [{ type: 'm.room.power_levels', content: { users: {} } }] })).toBeUndefined();
  });

  it('an empty invite_3pid is harmless', () => {
    expect(errorOf({ invite_3pid: [] })).toBeUndefined();
  });
});
