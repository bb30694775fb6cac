import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';
import { nioAvailable, runNioScript } from './nio-runner';

const available = await nioAvailable('matrix-nio');

interface NioResult {
  user_id: string;
  room_id: string;
  send_a: string;
  send_b: string;
  reaction: string;
  duplicate_reaction_errcode: string | null;
  sync_event_ids: string[];
  sync_txn_ids: Record<string, string | null>;
  messages_event_ids: string[];
  messages_bodies: (string | null)[];
}

function runNio(baseUrl: string, user: string): Promise<NioResult> {
  return runNioScript<NioResult>('nio_client.py', [baseUrl, user, 'nio-password-1']);
}

describe.skipIf(!available).each(await dbKinds())('matrix-nio against Courier on %s', (kind) => {
  let server: ListeningServer;
  let result: NioResult;

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    result = await runNio(server.baseUrl, `nio${Date.now().toString(36)}`);
  });
  afterAll(async () => server.close());

  it('registers, logs in and creates a room', () => {
    expect(result.user_id).toMatch(/^@nio.+:e2e\.local$/);
    expect(result.room_id).toMatch(/^!/);
  });

  it('room_send with a fixed tx_id twice gives one event_id', () => {
    expect(result.send_a).toMatch(/^\$/);
    expect(result.send_b).toBe(result.send_a);
  });

  it('a reaction is accepted; the same reaction again is refused', () => {
    expect(result.reaction).toMatch(/^\$/);
    expect(result.duplicate_reaction_errcode).toBe('M_DUPLICATE_ANNOTATION');
  });

  it('sync returns the message once, with unsigned.transaction_id for this device', () => {
    expect(result.sync_event_ids.filter((id) => id === result.send_a)).toHaveLength(1);
    expect(result.sync_event_ids).toContain(result.reaction);
    expect(result.sync_txn_ids[result.send_a]).toMatch(/^nio-/);
  });

  it('room_messages pages back through the room, message included', () => {
    expect(result.messages_event_ids).toContain(result.send_a);
    expect(result.messages_bodies).toContain('hello from nio');
  });
});
