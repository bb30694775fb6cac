import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { migrate } from '../src/lib/db/migrator';
import { openDatabase } from '../src/lib/db/open-database';
import type { Database } from '../src/lib/db/database';
import { Prisma } from '../src/generated/sqlite/client';

/**
 * The migrations are hand-written SQL (Prisma's migrate engine cannot be downloaded here), so
 * this proves they match schema.prisma: after migrating an empty database, Prisma can create,
 * read and update every model. A missing column, a wrong type or a missing table fails here.
 */
const t = 1_700_000_000_000n;

type Case = { model: string; create: Record<string, unknown>; where: Record<string, unknown>; update: Record<string, unknown> };

const cases: Case[] = [
  { model: 'user', create: { user_id: '@a:x', localpart: 'a', password_hash: 'h', is_admin: true, displayname: 'A', avatar_url: 'mxc://x/a', created_at: t }, where: { user_id: '@a:x' }, update: { deactivated: true, locked: true } },
  { model: 'device', create: { user_id: '@a:x', device_id: 'D', display_name: 'phone', created_at: t, last_seen_ts: t }, where: { user_id_device_id: { user_id: '@a:x', device_id: 'D' } }, update: { display_name: 'laptop' } },
  { model: 'accessToken', create: { token_hash: 'ab', user_id: '@a:x', device_id: 'D', created_at: t, expires_at: t }, where: { token_hash: 'ab' }, update: { expires_at: null } },
  { model: 'room', create: { room_id: '!r:x', room_version: '11', creator: '@a:x', created_at: t, is_public: true, head_event_id: '$e', head_depth: 3, state_version: 1 }, where: { room_id: '!r:x' }, update: { head_depth: 4 } },
  { model: 'roomState', create: { room_id: '!r:x', type: 'm.room.name', state_key: '', event_id: '$e' }, where: { room_id_type_state_key: { room_id: '!r:x', type: 'm.room.name', state_key: '' } }, update: { event_id: '$f' } },
  { model: 'roomMember', create: { room_id: '!r:x', user_id: '@a:x', membership: 'join', event_id: '$e', stream: 1n }, where: { room_id_user_id: { room_id: '!r:x', user_id: '@a:x' } }, update: { membership: 'leave' } },
  { model: 'event', create: { stream: 1n, event_id: '$e', room_id: '!r:x', sender: '@a:x', type: 'm.room.message', state_key: null, depth: 1, origin_server_ts: t, json: '{}' }, where: { event_id: '$e' }, update: { redacted_by: '$r' } },
  { model: 'clientTxn', create: { user_id: '@a:x', device_id: 'D', room_id: '!r:x', event_type: 'm.room.message', txn_id: '1', event_id: '$e', created_at: t }, where: { user_id_device_id_room_id_event_type_txn_id: { user_id: '@a:x', device_id: 'D', room_id: '!r:x', event_type: 'm.room.message', txn_id: '1' } }, update: { created_at: t + 1n } },
  { model: 'annotation', create: { target_event_id: '$e', sender: '@a:x', event_type: 'm.reaction', key: '👍', event_id: '$r1' }, where: { event_id: '$r1' }, update: { key: '👎' } },
  { model: 'relation', create: { event_id: '$r1', relates_to_id: '$e', rel_type: 'm.annotation', room_id: '!r:x', stream: 2n, sender: '@a:x', type: 'm.reaction' }, where: { event_id: '$r1' }, update: { rel_type: 'm.reference' } },
  { model: 'receipt', create: { room_id: '!r:x', receipt_type: 'm.read', user_id: '@a:x', thread_id: '', event_id: '$e', event_stream: 1n, ts: t, stream: 1n }, where: { room_id_receipt_type_user_id_thread_id: { room_id: '!r:x', receipt_type: 'm.read', user_id: '@a:x', thread_id: '' } }, update: { stream: 2n } },
  { model: 'thread', create: { thread_id: '$root', room_id: '!r:x', latest_event_id: '$e', latest_stream: 1n, count: 1 }, where: { thread_id: '$root' }, update: { count: 2 } },
  { model: 'threadParticipant', create: { thread_id: '$root', user_id: '@a:x', room_id: '!r:x' }, where: { thread_id_user_id: { thread_id: '$root', user_id: '@a:x' } }, update: { room_id: '!s:x' } },
  { model: 'streamPosition', create: { name: 'test', position: 5n }, where: { name: 'test' }, update: { position: 6n } },
  { model: 'serverKey', create: { key_id: 'ed25519:t', seed: 's', created_at: t }, where: { key_id: 'ed25519:t' }, update: { seed: 's2' } },
  { model: 'filter', create: { user_id: '@a:x', filter_id: '0', json: '{}' }, where: { user_id_filter_id: { user_id: '@a:x', filter_id: '0' } }, update: { json: '{"a":1}' } },
  { model: 'accountData', create: { user_id: '@a:x', room_id: '', type: 'm.direct', content: '{}', stream: 1n }, where: { user_id_room_id_type: { user_id: '@a:x', room_id: '', type: 'm.direct' } }, update: { stream: 2n } },
  { model: 'deviceKeys', create: { user_id: '@a:x', device_id: 'D', json: '{}' }, where: { user_id_device_id: { user_id: '@a:x', device_id: 'D' } }, update: { json: '{"k":1}' } },
  { model: 'oneTimeKey', create: { user_id: '@a:x', device_id: 'D', key_id: 'signed_curve25519:A', algorithm: 'signed_curve25519', json: '{}' }, where: { user_id_device_id_key_id: { user_id: '@a:x', device_id: 'D', key_id: 'signed_curve25519:A' } }, update: { json: '{"k":2}' } },
  { model: 'toDeviceMessage', create: { stream: 1n, user_id: '@a:x', device_id: 'D', sender: '@b:x', type: 'm.test', content: '{}', created_at: t }, where: { stream: 1n }, update: { content: '{"a":1}' } },
  { model: 'toDeviceTxn', create: { user_id: '@a:x', device_id: 'D', txn_id: '1', created_at: t }, where: { user_id_device_id_txn_id: { user_id: '@a:x', device_id: 'D', txn_id: '1' } }, update: { created_at: t + 1n } },
  { model: 'serviceToken', create: { id: 'svc1', name: 'bot', token_hash: 'cd', scopes: 'events:send', created_at: t }, where: { id: 'svc1' }, update: { revoked_at: t } },
  { model: 'uiaSession', create: { session_id: 's1', completed: '[]', created_at: t }, where: { session_id: 's1' }, update: { completed: '["m.login.dummy"]' } },
  { model: 'media', create: { media_id: 'm1', user_id: '@a:x', content_type: 'image/png', file_name: 'a.png', size: 3n, sha256: 'ab', created_at: t, uploaded_at: t, unused_expires_at: t }, where: { media_id: 'm1' }, update: { size: 4n } },
  { model: 'mediaThumbnail', create: { media_id: 'm1', width: 32, height: 32, method: 'crop', content_type: 'image/png', size: 3n, created_at: t }, where: { media_id_width_height_method: { media_id: 'm1', width: 32, height: 32, method: 'crop' } }, update: { size: 5n } },
  { model: 'roomAlias', create: { alias: '#a:x', room_id: '!r:x', creator: '@a:x', created_at: t }, where: { alias: '#a:x' }, update: { room_id: '!s:x' } },
  { model: 'userDirectoryTerm', create: { term: 'alice', user_id: '@a:x' }, where: { term_user_id: { term: 'alice', user_id: '@a:x' } }, update: { term: 'ali' } },
  { model: 'forgottenRoom', create: { user_id: '@a:x', room_id: '!r:x', stream: 3n }, where: { user_id_room_id: { user_id: '@a:x', room_id: '!r:x' } }, update: { stream: 4n } },
  { model: 'presence', create: { user_id: '@a:x', state: 'online', status_msg: 'hi', last_active_ts: t, stream: 1n }, where: { user_id: '@a:x' }, update: { state: 'offline', status_msg: null } },
  { model: 'deviceListChange', create: { stream: 1n, user_id: '@a:x' }, where: { stream: 1n }, update: { user_id: '@b:x' } },
  { model: 'crossSigningKey', create: { user_id: '@a:x', key_type: 'master', json: '{}' }, where: { user_id_key_type: { user_id: '@a:x', key_type: 'master' } }, update: { json: '{"k":1}' } },
  { model: 'e2eSignature', create: { target_user_id: '@a:x', target_key_id: 'D', signer_user_id: '@a:x', signer_key_id: 'ed25519:K', signature: 's' }, where: { target_user_id_target_key_id_signer_user_id_signer_key_id: { target_user_id: '@a:x', target_key_id: 'D', signer_user_id: '@a:x', signer_key_id: 'ed25519:K' } }, update: { signature: 't' } },
  { model: 'roomKeyBackupVersion', create: { user_id: '@a:x', version: 1n, algorithm: 'm.megolm_backup.v1.curve25519-aes-sha2', auth_data: '{}', etag: 0n }, where: { user_id_version: { user_id: '@a:x', version: 1n } }, update: { deleted: true, etag: 1n } },
  { model: 'roomKeyBackupSession', create: { user_id: '@a:x', version: 1n, room_id: '!r:x', session_id: 's', first_message_index: 0, forwarded_count: 0, is_verified: false, session_data: '{}' }, where: { user_id_version_room_id_session_id: { user_id: '@a:x', version: 1n, room_id: '!r:x', session_id: 's' } }, update: { is_verified: true } },
  { model: 'registrationNonce', create: { nonce: 'n1', created_at: t }, where: { nonce: 'n1' }, update: { created_at: t + 1n } },
];

type Delegate = {
  create(a: { data: unknown }): Promise<Record<string, unknown>>;
  findUniqueOrThrow(a: { where: unknown }): Promise<Record<string, unknown>>;
  update(a: { where: unknown; data: unknown }): Promise<Record<string, unknown>>;
};

describe.each(await dbKinds())('schema.prisma agrees with the %s migrations', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = openDatabase(tdb.url);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  it('covers every model of the schema', () => {
    const models = Object.values(Prisma.ModelName).map((m) => m.charAt(0).toLowerCase() + m.slice(1));
    expect(cases.map((c) => c.model).sort()).toEqual(models.sort());
  });

  it.each(cases)('creates, reads and updates $model through Prisma', async ({ model, create, where, update }) => {
    const delegate = (db.prisma as unknown as Record<string, Delegate>)[model] as Delegate;
    await delegate.create({ data: create });
    expect(await delegate.findUniqueOrThrow({ where })).toMatchObject(create);
    expect(await delegate.update({ where, data: update })).toMatchObject(update);
  });
});
