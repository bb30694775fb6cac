import type { JsonObject } from '../json';

/** Global account data has room ID "" (the account_data table's convention). */
export const GLOBAL_ACCOUNT_DATA = '';

export interface AccountDataStore {
  get(userId: string, roomId: string, type: string): Promise<JsonObject | undefined>;
  /**
   * Upserts the content and stamps it with the next position of the 'account_data' stream, in
   * one transaction, so /sync can page on it. Returns that position.
   */
  put(userId: string, roomId: string, type: string, content: JsonObject): Promise<number>;
}
