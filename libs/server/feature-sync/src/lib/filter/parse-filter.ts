import { badJson, notJson } from '@courier/shared-matrix-errors';
import type { EventFilter, RoomEventFilter, RoomFilter, SyncFilter } from './filter-types';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Loose validation (filter.yaml): known fields must have their documented types, unknown
 * fields are ignored so newer clients keep working. A wrong type is 400 M_BAD_JSON naming
 * the field, as for any other JSON body that does not fit its schema.
 */
function object(v: unknown, path: string): Obj {
  if (!isObject(v)) throw badJson(`${path} must be a JSON object`);
  return v;
}

function strings(o: Obj, key: string, path: string): string[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw badJson(`${path}.${key} must be an array of strings`);
  return v as string[];
}

function bool(o: Obj, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw badJson(`${path}.${key} must be a boolean`);
  return v;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function eventFilter(v: unknown, path: string): EventFilter {
  const o = object(v, path);
  const limit = o['limit'];
  if (limit !== undefined && !(typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0)) {
    throw badJson(`${path}.limit must be a non-negative integer`);
  }
  return defined({
    limit: limit as number | undefined,
    types: strings(o, 'types', path),
    not_types: strings(o, 'not_types', path),
    senders: strings(o, 'senders', path),
    not_senders: strings(o, 'not_senders', path),
  });
}

export function parseRoomEventFilter(v: unknown, path = 'filter'): RoomEventFilter {
  const o = object(v, path);
  return defined({
    ...eventFilter(o, path),
    rooms: strings(o, 'rooms', path),
    not_rooms: strings(o, 'not_rooms', path),
    contains_url: bool(o, 'contains_url', path),
    lazy_load_members: bool(o, 'lazy_load_members', path),
    include_redundant_members: bool(o, 'include_redundant_members', path),
    unread_thread_notifications: bool(o, 'unread_thread_notifications', path),
  });
}

function roomFilter(v: unknown, path: string): RoomFilter {
  const o = object(v, path);
  const sub = (key: string) => (o[key] === undefined ? undefined : parseRoomEventFilter(o[key], `${path}.${key}`));
  return defined({
    rooms: strings(o, 'rooms', path),
    not_rooms: strings(o, 'not_rooms', path),
    include_leave: bool(o, 'include_leave', path),
    timeline: sub('timeline'),
    state: sub('state'),
    ephemeral: sub('ephemeral'),
    account_data: sub('account_data'),
  });
}

export function parseSyncFilter(v: unknown): SyncFilter {
  const o = object(v, 'filter');
  const format = o['event_format'];
  if (format !== undefined && format !== 'client' && format !== 'federation') {
    throw badJson('filter.event_format must be "client" or "federation"');
  }
  return defined({
    event_format: format as SyncFilter['event_format'],
    event_fields: strings(o, 'event_fields', 'filter'),
    presence: o['presence'] === undefined ? undefined : eventFilter(o['presence'], 'filter.presence'),
    account_data: o['account_data'] === undefined ? undefined : eventFilter(o['account_data'], 'filter.account_data'),
    room: o['room'] === undefined ? undefined : roomFilter(o['room'], 'filter.room'),
  });
}

/** A filter given as JSON text (a query parameter): not JSON is M_NOT_JSON, a bad shape M_BAD_JSON. */
export function parseJsonParam(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson('filter is not valid JSON');
  }
}
