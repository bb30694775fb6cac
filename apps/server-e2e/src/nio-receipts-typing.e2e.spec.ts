import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';
import { nioAvailable, runNioScript } from './nio-runner';

const available = await nioAvailable('matrix-nio receipts and typing');

interface Result {
  alice: string;
  sent: [string, string];
  unread_before: [number, number];
  unread_after: [number, number];
  read_markers_ok: boolean;
  read_markers_response: string;
  typing_response: string;
  fully_read: string[];
  bob_receipts: Array<[string, string, string]>;
  typing_ok: boolean;
  bob_typing: string[][];
  bob_stopped: string[][];
}

function run(baseUrl: string, prefix: string): Promise<Result> {
  return runNioScript<Result>('nio_receipts_typing.py', [baseUrl, prefix, 'nio-password-1']);
}

/** Issue 15 through matrix-nio: room_read_markers, room_typing, unread counts, m.receipt, m.typing. */
describe.skipIf(!available).each(await dbKinds())('matrix-nio receipts and typing on %s', (kind) => {
  let server: ListeningServer;
  let r: Result;

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    r = await run(server.baseUrl, `nr${Date.now().toString(36)}`);
  });
  afterAll(async () => server.close());

  it('unread_notifications counts the other member\'s messages, and room_read_markers resets it', () => {
    expect(r.unread_before).toEqual([2, 0]);
    expect(r.read_markers_ok, r.read_markers_response).toBe(true);
    expect(r.unread_after).toEqual([0, 0]);
  });

  it('room_read_markers stores m.fully_read and sends the m.read receipt to the other member', () => {
    expect(r.fully_read).toEqual([r.sent[0]]);
    expect(r.bob_receipts).toContainEqual([r.sent[1], 'm.read', r.alice]);
  });

  it('room_typing shows as m.typing in the other member\'s sync, and stops', () => {
    expect(r.typing_ok, r.typing_response).toBe(true);
    expect(r.bob_typing).toEqual([[r.alice]]);
    expect(r.bob_stopped).toEqual([[]]);
  });
});
