import { describe, expect, it } from 'vitest';
import { toClientEvent, toStrippedStateEvent } from './client-event';

const pdu = {
  auth_events: ['$a'],
  content: { body: 'hi', msgtype: 'm.text' },
  depth: 7,
  hashes: { sha256: 'x' },
  origin_server_ts: 1234,
  prev_events: ['$p'],
  room_id: '!r:s',
  sender: '@a:s',
  signatures: { s: { 'ed25519:1': 'sig' } },
  type: 'm.room.message',
  unsigned: { age_ts: 1 },
};

describe('toClientEvent', () => {
  it('keeps the client fields, adds event_id and drops federation fields and stored unsigned', () => {
    expect(toClientEvent('$e', pdu)).toEqual({
      content: { body: 'hi', msgtype: 'm.text' },
      event_id: '$e',
      origin_server_ts: 1234,
      room_id: '!r:s',
      sender: '@a:s',
      type: 'm.room.message',
    });
  });

  it('keeps state_key (even empty) and top-level redacts', () => {
    const e = toClientEvent('$e', { ...pdu, type: 'm.room.name', state_key: '', redacts: '$t' });
    expect(e['state_key']).toBe('');
    expect(e['redacts']).toBe('$t');
  });

  it('omits room_id for sync and adds the requester unsigned when non-empty', () => {
    const e = toClientEvent('$e', pdu, { omitRoomId: true, unsigned: { transaction_id: 't1' } });
    expect(e['room_id']).toBeUndefined();
    expect(e['unsigned']).toEqual({ transaction_id: 't1' });
    expect(toClientEvent('$e', pdu, { unsigned: {} })['unsigned']).toBeUndefined();
  });

  it('never mutates the stored PDU', () => {
    const copy = structuredClone(pdu);
    toClientEvent('$e', pdu, { unsigned: { age: 1 } });
    expect(pdu).toEqual(copy);
  });
});

describe('toStrippedStateEvent', () => {
  it('keeps only type, state_key, sender and content', () => {
    expect(toStrippedStateEvent({ ...pdu, type: 'm.room.name', state_key: '', content: { name: 'n' } })).toEqual({
      content: { name: 'n' },
      sender: '@a:s',
      state_key: '',
      type: 'm.room.name',
    });
  });
});
