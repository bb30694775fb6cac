import { badJson, invalidParam } from '@courier/shared-matrix-errors';
import { isJsonObject } from '../json';
import type { InitialStateEvent } from './create-room-request';

/**
 * Types initial_state may not set. The spec forbids none outright, so this follows what
 * the reference servers do and says why:
 * - m.room.create: Synapse refuses it (400 M_INVALID_PARAM "Cannot resend m.room.create
 *   event"; Dendrite drops it silently). creation_content is the way to shape it.
 * - m.room.member: Synapse passes it to the auth rules, bypassing its membership logic;
 *   here membership goes through `invite` and the membership endpoints, so it is refused.
 * m.room.power_levels is allowed: like Synapse and Dendrite, it replaces the default power
 * levels (power_level_content_override is then ignored).
 */
const REFUSED_TYPES = new Map([
  ['m.room.create', 'initial_state cannot contain m.room.create; use creation_content'],
  ['m.room.member', 'initial_state cannot contain m.room.member; use invite, then the membership endpoints'],
]);

function validateEntry(entry: unknown, index: number): InitialStateEvent {
  const where = `initial_state[${index}]`;
  if (!isJsonObject(entry)) throw badJson(`${where} must be an object`);
  const { type, state_key: stateKey, content } = entry;
  if (typeof type !== 'string') throw badJson(`${where}.type must be a string`);
  if (stateKey !== undefined && typeof stateKey !== 'string') throw badJson(`${where}.state_key must be a string`);
  if (!isJsonObject(content)) throw badJson(`${where}.content must be an object`);
  const refused = REFUSED_TYPES.get(type);
  if (refused !== undefined) throw invalidParam(refused);
  return stateKey === undefined ? { type, content } : { type, state_key: stateKey, content };
}

export function validateInitialState(value: unknown): InitialStateEvent[] {
  if (!Array.isArray(value)) throw badJson('initial_state must be an array');
  return value.map(validateEntry);
}
