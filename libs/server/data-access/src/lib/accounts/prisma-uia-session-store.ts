import type { UiaSessionStore } from '@courier/server-domain';
import type { Database } from '../db/database';

/**
 * UIA sessions (uia_sessions). The `completed` column holds the domain's whole session state
 * as JSON (completed stages, the operation's parameters, a registration's password hash), so
 * any instance can continue a session.
 */
export class PrismaUiaSessionStore implements UiaSessionStore {
  constructor(private readonly db: Database) {}

  async create(sessionId: string, state: string, now: number): Promise<void> {
    await this.db.prisma.uiaSession.create({ data: { session_id: sessionId, completed: state, created_at: BigInt(now) } });
  }

  async get(sessionId: string, notBefore: number): Promise<string | undefined> {
    const row = await this.db.prisma.uiaSession.findUnique({ where: { session_id: sessionId }, select: { completed: true, created_at: true } });
    return row && Number(row.created_at) >= notBefore ? row.completed : undefined;
  }

  async update(sessionId: string, state: string): Promise<void> {
    await this.db.prisma.uiaSession.updateMany({ where: { session_id: sessionId }, data: { completed: state } });
  }

  async prune(before: number): Promise<void> {
    await this.db.prisma.uiaSession.deleteMany({ where: { created_at: { lt: BigInt(before) } } });
  }
}
