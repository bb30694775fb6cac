import { ServiceTokenNameTakenError, type ServiceTokenRecord, type ServiceTokenStore, type StoredServiceToken } from '@courier/server-domain';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/unique-violation';

/** Explicit columns: the hash leaves this class only through findByHash, for authentication. */
const listSelect = { id: true, name: true, scopes: true, created_at: true, revoked_at: true } as const;

interface Row {
  id: string;
  name: string;
  scopes: string;
  created_at: bigint;
  revoked_at: bigint | null;
}

const toRecord = (r: Row): ServiceTokenRecord => ({
  id: r.id,
  name: r.name,
  // Stored comma-separated, as the CLI takes them.
  scopes: r.scopes.split(',').filter(Boolean),
  createdAt: Number(r.created_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

/** service_tokens through Prisma: a handful of rows, read once per gateway request. */
export class PrismaServiceTokenStore implements ServiceTokenStore {
  constructor(private readonly db: Database) {}

  async create(t: { id: string; name: string; tokenHash: string; scopes: string[]; createdAt: number }): Promise<void> {
    try {
      await this.db.prisma.serviceToken.create({
        data: { id: t.id, name: t.name, token_hash: t.tokenHash, scopes: t.scopes.join(','), created_at: BigInt(t.createdAt) },
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ServiceTokenNameTakenError(t.name);
      throw err;
    }
  }

  async findByHash(tokenHash: string): Promise<StoredServiceToken | undefined> {
    const row = await this.db.prisma.serviceToken.findUnique({ where: { token_hash: tokenHash }, select: { ...listSelect, token_hash: true } });
    return row ? { ...toRecord(row), tokenHash: row.token_hash } : undefined;
  }

  async list(): Promise<ServiceTokenRecord[]> {
    const rows = await this.db.prisma.serviceToken.findMany({ select: listSelect, orderBy: [{ created_at: 'asc' }, { id: 'asc' }] });
    return rows.map(toRecord);
  }

  async revoke(id: string, now: number): Promise<boolean> {
    const { count } = await this.db.prisma.serviceToken.updateMany({ where: { id, revoked_at: null }, data: { revoked_at: BigInt(now) } });
    if (count > 0) return true;
    // Already revoked is still "found": revocation is idempotent and keeps the first time.
    return (await this.db.prisma.serviceToken.count({ where: { id } })) > 0;
  }
}
