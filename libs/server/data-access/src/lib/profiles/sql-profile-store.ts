import { directoryTermsOf, type DirectoryUser, type Profile, type ProfileStore } from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { runTransaction, step, type TxBody } from '../accounts/sql-transaction';

type Num = number | string | bigint;

/** Above any character a word can continue with, in a bytewise (UTF-8 / C) comparison. */
const PREFIX_END = '\u{10FFFF}';

/**
 * A user is visible to the searcher when they share a joined room, or when the user is joined to
 * a public room: published in the room directory, or with join rule "public" (as Synapse's
 * users_in_public_rooms). Both are index seeks from the candidate (room_members by user).
 */
const VISIBLE =
  'EXISTS (SELECT 1 FROM room_members a JOIN room_members b ON b.room_id = a.room_id AND b.user_id = u.user_id AND b.membership = $2 ' +
  'WHERE a.user_id = $1 AND a.membership = $2) ' +
  'OR EXISTS (SELECT 1 FROM room_members b JOIN rooms r ON r.room_id = b.room_id ' +
  "LEFT JOIN room_state s ON s.room_id = b.room_id AND s.type = 'm.room.join_rules' AND s.state_key = '' " +
  'LEFT JOIN events e ON e.event_id = s.event_id ' +
  `WHERE b.user_id = u.user_id AND b.membership = $2 AND (r.is_public = $3 OR e.json LIKE '%"join_rule":"public"%'))`;

/** `$n`: a placeholder, never a value. */
const placeholder = (n: number) => `$${n}`;
const WORD_SEEK = 'SELECT user_id FROM user_directory_terms WHERE term >= $lo AND term < $hi';

/** One intersected range seek per search word on user_directory_terms' primary key. */
export function searchSql(words: number): string {
  const seeks = Array.from({ length: words }, (_, i) => WORD_SEEK.replace('$lo', placeholder(5 + 2 * i)).replace('$hi', placeholder(6 + 2 * i))).join(
    ' INTERSECT ',
  );
  const limitAt = placeholder(5 + 2 * words);
  return (
    `SELECT u.user_id, u.displayname, u.avatar_url FROM users u WHERE u.user_id IN (${seeks}) ` +
    `AND u.deactivated = $4 AND (${VISIBLE}) ORDER BY u.user_id LIMIT ${limitAt}`
  );
}

/** Profiles, user-directory words and forgotten rooms over either database. */
export class SqlProfileStore implements ProfileStore {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  async getProfile(userId: string): Promise<Profile | undefined> {
    const rows = await this.q.all<{ displayname: string | null; avatar_url: string | null; deactivated: unknown }>(
      'SELECT displayname, avatar_url, deactivated FROM users WHERE user_id = $1',
      [userId],
    );
    const row = rows[0];
    if (!row || Boolean(row.deactivated)) return undefined;
    return { displayname: row.displayname, avatarUrl: row.avatar_url };
  }

  setProfile(userId: string, change: Partial<Profile>): Promise<void> {
    return runTransaction(this.db, function* (): TxBody<void> {
      if (change.displayname !== undefined) yield step('UPDATE users SET displayname = $1 WHERE user_id = $2', change.displayname, userId);
      if (change.avatarUrl !== undefined) yield step('UPDATE users SET avatar_url = $1 WHERE user_id = $2', change.avatarUrl, userId);
      if (change.displayname === undefined) return;
      yield* replaceTerms(userId, directoryTermsOf(userId, change.displayname));
    });
  }

  eraseProfile(userId: string): Promise<void> {
    return runTransaction(this.db, function* (): TxBody<void> {
      yield step('UPDATE users SET displayname = NULL, avatar_url = NULL WHERE user_id = $1', userId);
      yield* replaceTerms(userId, []);
    });
  }

  async searchDirectory(searcher: string, prefixes: readonly string[], limit: number): Promise<{ results: DirectoryUser[]; limited: boolean }> {
    const words = [...new Set(prefixes)].slice(0, 8);
    if (words.length === 0 || limit <= 0) return { results: [], limited: false };
    const params: unknown[] = [searcher, 'join', true, false, ...words.flatMap((w) => [w, w + PREFIX_END]), limit + 1];
    const rows = await this.q.all<{ user_id: string; displayname: string | null; avatar_url: string | null }>(searchSql(words.length), params);
    const results = rows.slice(0, limit).map((r) => ({ userId: r.user_id, displayname: r.displayname, avatarUrl: r.avatar_url }));
    return { results, limited: rows.length > limit };
  }

  async forgetRoom(userId: string, roomId: string, stream: number): Promise<void> {
    await this.q.run(
      'INSERT INTO forgotten_rooms (user_id, room_id, stream) VALUES ($1, $2, $3) ON CONFLICT (user_id, room_id) DO UPDATE SET stream = excluded.stream',
      [userId, roomId, stream],
    );
  }

  async forgottenRooms(userId: string): Promise<Map<string, number>> {
    const rows = await this.q.all<{ room_id: string; stream: Num }>('SELECT room_id, stream FROM forgotten_rooms WHERE user_id = $1', [userId]);
    return new Map(rows.map((r) => [r.room_id, Number(r.stream)]));
  }
}

function* replaceTerms(userId: string, terms: readonly string[]): TxBody<void> {
  yield step('DELETE FROM user_directory_terms WHERE user_id = $1', userId);
  for (const term of terms) {
    yield step('INSERT INTO user_directory_terms (term, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', term, userId);
  }
}
