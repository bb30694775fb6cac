import { isJsonObject, type AccountDataStore, type JsonObject } from '@courier/server-domain';
import type { Database } from '../db/database';
import { claimStream, runTransaction, step, type TxBody } from './sql-transaction';

const UPSERT =
  'INSERT INTO account_data (user_id, room_id, type, content, stream) VALUES ($1, $2, $3, $4, $5) ' +
  'ON CONFLICT (user_id, room_id, type) DO UPDATE SET content = excluded.content, stream = excluded.stream';

/**
 * Account data (account_data). A write claims the next 'account_data' stream position and
 * upserts in one transaction: on PostgreSQL the stream row's lock orders the commits, so a
 * /sync that has seen position n never later finds a smaller one appear.
 */
export class SqlAccountDataStore implements AccountDataStore {
  constructor(private readonly db: Database) {}

  async get(userId: string, roomId: string, type: string): Promise<JsonObject | undefined> {
    const row = await this.db.prisma.accountData.findUnique({
      where: { user_id_room_id_type: { user_id: userId, room_id: roomId, type } },
      select: { content: true },
    });
    if (!row) return undefined;
    const content: unknown = JSON.parse(row.content);
    return isJsonObject(content as JsonObject) ? (content as JsonObject) : undefined;
  }

  put(userId: string, roomId: string, type: string, content: JsonObject): Promise<number> {
    const json = JSON.stringify(content);
    return runTransaction(this.db, function* (): TxBody<number> {
      const position = yield* claimStream('account_data', 1);
      yield step(UPSERT, userId, roomId, type, json, position);
      return position;
    });
  }
}
