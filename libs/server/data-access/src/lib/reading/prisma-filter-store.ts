import type { FilterStore } from '@courier/server-domain';
import type { Database } from '../db/database';

/** Sync filters in the `filters` table. Filter IDs are derived from the content, so saving is idempotent. */
export class PrismaFilterStore implements FilterStore {
  constructor(private readonly db: Database) {}

  async saveFilter(userId: string, filterId: string, json: string): Promise<void> {
    await this.db.prisma.filter.upsert({
      where: { user_id_filter_id: { user_id: userId, filter_id: filterId } },
      create: { user_id: userId, filter_id: filterId, json },
      update: {},
    });
  }

  async getFilter(userId: string, filterId: string): Promise<string | undefined> {
    const row = await this.db.prisma.filter.findUnique({
      where: { user_id_filter_id: { user_id: userId, filter_id: filterId } },
      select: { json: true },
    });
    return row?.json;
  }
}
