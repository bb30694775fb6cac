import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

const SCRIPT = fileURLToPath(new URL('../nio/nio_profiles.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

function nioInstalled(): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(PYTHON)) return resolve(false);
    execFile(PYTHON, ['-c', 'import nio'], (err) => resolve(!err));
  });
}

const available = await nioInstalled();
if (!available && process.env['CI'] === 'true') throw new Error('python3-matrix-nio is required in CI (apt-get install python3-matrix-nio)');
if (!available) console.warn('[courier] NOTICE: python3-matrix-nio not installed: the matrix-nio profiles suite is SKIPPED.');

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
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, baseUrl, prefix, 'nio-password-1'], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`nio failed: ${err.message}\n${stderr}\n${stdout}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as NioProfilesResult);
      } catch (e) {
        reject(new Error(`nio printed no JSON: ${stdout}\n${stderr} (${String(e)})`));
      }
    });
  });
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
