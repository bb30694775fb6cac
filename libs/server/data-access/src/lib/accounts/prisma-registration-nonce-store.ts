import type { RegistrationNonceStore } from '@courier/server-domain';
import type { Database } from '../db/database';

/** Shared-secret registration nonces (registration_nonces), shared by every instance. */
export class PrismaRegistrationNonceStore implements RegistrationNonceStore {
  constructor(private readonly db: Database) {}

  async create(nonce: string, now: number): Promise<void> {
    await this.db.prisma.registrationNonce.create({ data: { nonce, created_at: BigInt(now) } });
  }

  async consume(nonce: string, notBefore: number): Promise<boolean> {
    // One DELETE decides: of two requests with the same nonce, only one sees its row go.
    const { count } = await this.db.prisma.registrationNonce.deleteMany({ where: { nonce, created_at: { gte: BigInt(notBefore) } } });
    return count === 1;
  }

  async prune(before: number): Promise<void> {
    await this.db.prisma.registrationNonce.deleteMany({ where: { created_at: { lt: BigInt(before) } } });
  }
}
