import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';
import { nioAvailable, runNioScript } from './nio-runner';

const available = await nioAvailable('matrix-nio profiles');

interface NioProfilesResult {
  alice: string;
  initial_displayname: string | null;
  profile: { displayname: string | null; avatar_url: string | null };
  avatar_url: string | null;
  presence: { presence: string; status_msg: string | null };
  sync_presence: Array<{ user_id: string; presence: string; status_msg: string | null }>;
  member_events: Array<Record<string, unknown>>;
  nio_room_name_of_alice: string | null;
  leave_rooms_after_forget: string[];
}

function runNio(baseUrl: string, prefix: string): Promise<NioProfilesResult> {
  return runNioScript<NioProfilesResult>('nio_profiles.py', [baseUrl, prefix, 'nio-password-1']);
}

/** matrix-nio on profiles (get/set displayname and avatar), presence and room_forget. */
describe.skipIf(!available).each(await dbKinds())('matrix-nio profiles and presence on %s', (kind) => {
  let server: ListeningServer;
  let result: NioProfilesResult;
  const prefix = `np${Date.now().toString(36)}`;

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    result = await runNio(server.baseUrl, prefix);
  });
  afterAll(async () => server.close());

  it("get_displayname: a new account's display name is its localpart", () => {
    expect(result.initial_displayname).toBe(`${prefix}alice`);
  });

  it('set_displayname and set_avatar, then get_profile and get_avatar return them', () => {
    expect(result.profile).toEqual({ displayname: 'Alice Nio', avatar_url: 'mxc://e2e.local/nioavatar' });
    expect(result.avatar_url).toBe('mxc://e2e.local/nioavatar');
  });

  it('the room-mate gets the new m.room.member events through sync, and nio names the member by them', () => {
    expect(result.member_events).toContainEqual({ membership: 'join', displayname: 'Alice Nio', avatar_url: 'mxc://e2e.local/nioavatar' });
    expect(result.nio_room_name_of_alice).toBe('Alice Nio');
  });

  it('set_presence: get_presence and the room-mate sync see it', () => {
    expect(result.presence).toEqual({ presence: 'unavailable', status_msg: 'away from nio' });
    expect(result.sync_presence).toContainEqual({ user_id: result.alice, presence: 'unavailable', status_msg: 'away from nio' });
  });

  it('room_forget after room_leave: the room is not in the leave section any more', () => {
    expect(result.leave_rooms_after_forget).toEqual([]);
  });
});
