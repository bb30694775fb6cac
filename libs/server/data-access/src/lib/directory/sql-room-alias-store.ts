import type { RoomAliasStore } from '@courier/server-domain';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/unique-violation';

/** room_aliases: the alias is the primary key, so of two racing creations one wins. */
export class SqlRoomAliasStore implements RoomAliasStore {
  constructor(private readonly db: Database) {}

  async create(alias: string, roomId: string, creator: string, now: number): Promise<boolean> {
    try {
      await this.db.prisma.roomAlias.create({ data: { alias, room_id: roomId, creator, created_at: BigInt(now) } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async get(alias: string): Promise<{ roomId: string; creator: string } | undefined> {
    const row = await this.db.prisma.roomAlias.findUnique({ where: { alias }, select: { room_id: true, creator: true } });
    return row ? { roomId: row.room_id, creator: row.creator } : undefined;
  }

  async delete(alias: string): Promise<boolean> {
    const { count } = await this.db.prisma.roomAlias.deleteMany({ where: { alias } });
    return count === 1;
  }

  async aliasesOfRoom(roomId: string): Promise<string[]> {
    const rows = await this.db.prisma.roomAlias.findMany({ where: { room_id: roomId }, select: { alias: true }, orderBy: { alias: 'asc' } });
    return rows.map((r) => r.alias);
  }
}
